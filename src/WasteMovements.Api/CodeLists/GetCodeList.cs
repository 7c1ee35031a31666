using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Domain.CodeLists;

namespace WasteMovements.Api.CodeLists;

/// <summary>GET /api/code-lists/{list}: a code list with its sources and compilation date. Open to anyone.</summary>
public static class GetCodeListEndpoint
{
    [WolverineGet("/api/code-lists/{list}", Name = "GetCodeList")]
    public static IResult Get(string list, CodeListCatalog catalog) =>
        catalog.Find(list) is { } found
            ? Results.Ok(found)
            : Problems.Result(Problems.Create(StatusCodes.Status404NotFound, "unknown-code-list", "Not found",
                $"No code list '{list}'. Lists: {string.Join(", ", CodeListCatalog.Names)}."));
}
