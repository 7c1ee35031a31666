using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Notifications;

/// <summary>GET /api/notifications/{number}: the current state, for the states concerned and auditors.</summary>
public static class GetNotificationEndpoint
{
    [WolverineGet("/api/notifications/{number}", Name = "GetNotification")]
    [Authorize(Policy = Policies.AuthorityOrAuditor)]
    public static async Task<IResult> Get(string number, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var state = await session.LoadAsync<NotificationState>(number, ct);
        if (state is null) return Problems.NotFound("notification", number);

        var actor = ActorClaims.From(user);
        if (actor.IsAuthority && !state.Concerns(actor.Country!))
        {
            // An authority sees only the files of movements its state is concerned by (Basel Art. 2(13)).
            return Problems.NotConcerned($"{actor.Country} is not a state concerned by notification {number}.");
        }

        return Results.Ok(state);
    }
}
