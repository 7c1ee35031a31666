using FluentValidation;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace WasteMovements.Api.Infrastructure;

/// <summary>
/// FluentValidation for Wolverine.Http endpoints (WolverineFx.FluentValidation is not in this registry):
/// a policy that puts <see cref="RequestValidation.Validate{T}"/> in front of every endpoint whose request
/// body type has a registered validator, so an invalid body stops with a 400 problem naming each field
/// before the handler runs (and so before anything is appended).
/// </summary>
public sealed class RequestValidationPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.HasRequestType))
        {
            var validatorType = typeof(IValidator<>).MakeGenericType(chain.RequestType!);
            if (!container.RegistrationsFor(validatorType).Any()) continue;

            var method = typeof(RequestValidation).GetMethod(nameof(RequestValidation.Validate))!
                .MakeGenericMethod(chain.RequestType!);
            var call = new MethodCall(typeof(RequestValidation), method) { CommentText = "Validate the request body" };
            chain.Middleware.InsertRange(0, [call, new MaybeEndWithResultFrame(call.ReturnVariable!)]);
            chain.Metadata.ProducesValidationProblem();
        }
    }
}

public static class RequestValidation
{
    public static async Task<IResult> Validate<T>(IEnumerable<IValidator<T>> validators, T? request)
    {
        if (request is null)
        {
            return Problems.Result(Problems.Create(StatusCodes.Status400BadRequest, "invalid-body", "Invalid request body",
                "The request body is missing or is not a JSON object."));
        }

        var errors = new Dictionary<string, List<string>>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request);
            foreach (var failure in result.Errors)
            {
                var field = ToCamelPath(failure.PropertyName);
                if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
                list.Add(failure.ErrorMessage);
            }
        }

        if (errors.Count == 0) return WolverineContinue.Result();

        var problem = new ValidationProblemDetails(errors.ToDictionary(x => x.Key, x => x.Value.ToArray()))
        {
            Type = Problems.TypeBase + "validation",
            Title = "The request is invalid",
            Status = StatusCodes.Status400BadRequest,
            Detail = "Fields: " + string.Join(", ", errors.Keys),
        };
        return Results.Problem(problem);
    }

    /// <summary>"Waste.YCodes[0]" -> "waste.yCodes[0]", matching the JSON body's camelCase names.</summary>
    public static string ToCamelPath(string path) =>
        string.Join('.', path.Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));
}
