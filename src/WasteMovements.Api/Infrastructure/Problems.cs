using Microsoft.AspNetCore.Mvc;
using WasteMovements.Domain.Common;

namespace WasteMovements.Api.Infrastructure;

/// <summary>RFC 9457 problem responses used by every route (docs/api-guide.md: "every error is an RFC 9457 problem").</summary>
public static class Problems
{
    public const string TypeBase = "urn:wastemovements:problem:";

    public static ProblemDetails Refused(Refusal refusal)
    {
        var status = refusal.Kind switch
        {
            RefusalKind.NotPermitted => StatusCodes.Status403Forbidden,
            RefusalKind.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status409Conflict,
        };

        var problem = new ProblemDetails
        {
            Type = TypeBase + refusal.Rule,
            Title = refusal.Kind switch
            {
                RefusalKind.NotPermitted => "Not permitted for your authority",
                RefusalKind.NotFound => "Not found",
                _ => "Refused by a rule of the procedure",
            },
            Status = status,
            Detail = $"{refusal.Detail} ({refusal.Article})",
        };
        problem.Extensions["rule"] = refusal.Rule;
        problem.Extensions["article"] = refusal.Article;
        return problem;
    }

    public static IResult Result(Refusal refusal) => Microsoft.AspNetCore.Http.Results.Problem(Refused(refusal));

    public static IResult Result(ProblemDetails problem) => Microsoft.AspNetCore.Http.Results.Problem(problem);

    public static ProblemDetails Create(int status, string type, string title, string detail) => new()
    {
        Type = TypeBase + type,
        Title = title,
        Status = status,
        Detail = detail,
    };

    /// <summary>403: the caller's state is not concerned by the file (Basel Art. 2(13)), or the caller is not its facility.</summary>
    public static IResult NotConcerned(string detail) =>
        Result(Create(StatusCodes.Status403Forbidden, "not-concerned", "Not permitted for your authority", detail));

    public static IResult NotFound(string what, string id) =>
        Result(Create(StatusCodes.Status404NotFound, "not-found", "Not found", $"No {what} {id} exists."));
}
