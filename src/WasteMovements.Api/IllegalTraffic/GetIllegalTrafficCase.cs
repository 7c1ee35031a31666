using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.IllegalTraffic;

namespace WasteMovements.Api.IllegalTraffic;

public sealed record IllegalTrafficCasePage(IReadOnlyList<IllegalTrafficCase> Cases);

/// <summary>Reading the cases: the states that found them or that they concern, and auditors.</summary>
public static class GetIllegalTrafficCaseEndpoints
{
    public const int Limit = 500;

    /// <summary>GET /api/illegal-traffic-cases/{caseId}.</summary>
    [WolverineGet("/api/illegal-traffic-cases/{caseId}", Name = "GetIllegalTrafficCase")]
    [Authorize(Policy = Policies.AuthorityOrAuditor)]
    public static async Task<IResult> Get(string caseId, ClaimsPrincipal user, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var c = await session.LoadAsync<IllegalTrafficCase>(caseId, ct);
        if (c is null) return Problems.NotFound("illegal-traffic-case", caseId);
        var actor = ActorClaims.From(user);
        if (actor.IsAuthority && !c.Concerns(actor.Country!)) return Problems.NotConcerned($"Case {caseId} does not concern {actor.Country}.");
        http.Response.Headers.ETag = $"\"{c.Version}\"";
        return Results.Ok(c);
    }

    /// <summary>GET /api/illegal-traffic-cases: the caller's state's cases (an auditor's: all), newest first.</summary>
    [WolverineGet("/api/illegal-traffic-cases", Name = "ListIllegalTrafficCases")]
    [Authorize(Policy = Policies.AuthorityOrAuditor)]
    public static async Task<IResult> List(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var actor = ActorClaims.From(user);
        var query = session.Query<IllegalTrafficCase>().AsQueryable();
        if (actor.IsAuthority)
        {
            var country = actor.Country!;
            query = query.Where(c => c.StatesConcerned.Contains(country));
        }

        var cases = await query.OrderByDescending(c => c.OpenedAt).Take(Limit).ToListAsync(ct);
        return Results.Ok(new IllegalTrafficCasePage(cases));
    }
}
