using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Wolverine.Http;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;

namespace WasteMovements.Api.OpenApi;

/// <summary>
/// What the OpenAPI document states about one route, worked out from the route itself (its method, route values, query
/// values, authorization and whether it writes through the <see cref="StepWriter"/>) and its entry in
/// <see cref="ApiOperations"/>. Attached to the endpoint's metadata by <see cref="ContractPolicy"/>.
/// </summary>
public sealed record RouteContract(
    string Name,
    ApiOperation? Operation,
    bool IsWrite,
    IReadOnlyList<string> Roles,
    bool IfMatch,
    bool ETag,
    IReadOnlyList<int> ProblemStatuses)
{
    public bool IsPublic => Roles.Count == 0;
}

/// <summary>
/// Gives every Wolverine route the responses it really answers: the success of its <see cref="ApiOperations"/> entry
/// (typed, instead of the empty <c>IResult</c>) and one <see cref="ApiProblem"/> per status it can answer with a problem.
/// Wolverine's own guesses (200 <c>IResult</c>, 404 without a body) are removed.
/// </summary>
public sealed class ContractPolicy : IHttpPolicy
{
    private static readonly Dictionary<string, string[]> PolicyRoles = new()
    {
        [Policies.Authority] = [Roles.Authority],
        [Policies.AuthorityOrAuditor] = [Roles.Authority, Roles.Auditor],
        [Policies.Facility] = [Roles.Facility],
        [Policies.Undertaking] = [Roles.Undertaking],
        [Policies.GreenList] = [Roles.Auditor, Roles.Authority, Roles.Facility, Roles.Undertaking],
        [Policies.Auditor] = [Roles.Auditor],
        [Policies.Admin] = [Roles.Admin],
        [Policies.AdminOrAuditor] = [Roles.Admin, Roles.Auditor],
        [Policies.Person] = [.. Roles.All.Order(StringComparer.Ordinal)],
    };

    /// <summary>Routes open to any valid token whose endpoint answers 403 to some roles itself: the roles that can succeed.</summary>
    private static readonly Dictionary<string, string[]> EndpointRoles = new()
    {
        ["GetInbox"] = [Roles.Authority, Roles.Facility],
        ["GetShipment"] = [Roles.Authority, Roles.Facility, Roles.Auditor],
        ["GetMovementDocument"] = [Roles.Authority, Roles.Facility, Roles.Auditor],
    };

    private static readonly HashSet<Type> QueryTypes =
        [typeof(string), typeof(int), typeof(long), typeof(decimal), typeof(bool), typeof(DateOnly), typeof(DateTimeOffset), typeof(DateTime), typeof(Guid)];

    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            var contract = ContractOf(chain);
            chain.Metadata.WithMetadata(contract);
            chain.Metadata.Finally(endpoint =>
            {
                foreach (var guess in endpoint.Metadata.Where(m => m is IProducesResponseTypeMetadata or IApiResponseMetadataProvider).ToArray())
                {
                    endpoint.Metadata.Remove(guess);
                }

                var operation = contract.Operation;
                var status = operation?.SuccessStatus ?? 200;
                var success = operation?.SuccessType is { } type
                    ? new ProducesResponseTypeMetadata(status, type, ["application/json"])
                    : new ProducesResponseTypeMetadata(status, null, []);
                endpoint.Metadata.Add(success);
                foreach (var problem in contract.ProblemStatuses)
                {
                    endpoint.Metadata.Add(new ProducesResponseTypeMetadata(problem, typeof(ApiProblem), ["application/problem+json"]));
                }
            });
        }
    }

    public static RouteContract ContractOf(HttpChain chain)
    {
        var method = chain.Method.Method;
        var name = chain.DisplayName ?? method.Name;
        ApiOperations.ByName.TryGetValue(name, out var operation);
        var isWrite = !chain.HttpMethods.Contains("GET");
        var routeValues = chain.RoutePattern?.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        var parameters = method.GetParameters();
        var hasQuery = parameters.Any(p => p.Name is not null && !routeValues.Contains(p.Name)
                                           && QueryTypes.Contains(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType));
        var writesSteps = parameters.Any(p => p.ParameterType == typeof(StepWriter));
        // StepWriter.OnNotification and OnShipment read If-Match; filing and registry revisions do not.
        var ifMatch = writesSteps && (routeValues.Contains("number") || routeValues.Contains("shipmentId") || routeValues.Contains("documentId"));

        var authorize = method.GetCustomAttributes<AuthorizeAttribute>(true)
            .Concat(method.DeclaringType?.GetCustomAttributes<AuthorizeAttribute>(true) ?? []).ToArray();
        var anonymous = authorize.Length == 0 || method.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
        string[] roles = anonymous ? []
            : authorize.Select(a => a.Policy).FirstOrDefault(p => p is not null) is { } policy ? PolicyRoles[policy]
            : EndpointRoles.TryGetValue(name, out var fromEndpoint) ? fromEndpoint
            : [.. Roles.All.Order(StringComparer.Ordinal)];

        var statuses = new SortedSet<int>();
        if (isWrite || hasQuery) statuses.Add(400);
        if (!anonymous) { statuses.Add(401); statuses.Add(403); }
        if (routeValues.Count > 0) statuses.Add(404);
        if (isWrite) { statuses.Add(409); statuses.Add(413); statuses.Add(422); statuses.Add(429); }
        if (ifMatch) statuses.Add(412);
        if (!(operation?.NoDatabase ?? false)) statuses.Add(503);
        // A refusal by a rule can be a 403 or 404 even where the role may call the route.
        foreach (var rule in operation?.Refusals ?? [])
        {
            foreach (var s in ProblemTypes.Find(rule)?.Statuses ?? []) statuses.Add(s);
        }

        foreach (var never in operation?.Never ?? []) statuses.Remove(never);
        return new RouteContract(name, operation, isWrite, roles, ifMatch, writesSteps, statuses.ToArray());
    }
}
