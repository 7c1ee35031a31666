using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.CodeLists;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Notifications;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Changes;

/// <summary>A notification that renotifies an earlier one (EU 2024/1157 Art. 9(3)).</summary>
public sealed record Successor(string NotificationNumber, NotificationStatus Status, bool RepeatOfConsented, DateTimeOffset FiledAt);

/// <summary>
/// POST /api/notifications/{number}/renotifications: the state of export files a new notification reusing the earlier
/// one's particulars with the changes given, linked to it (EU 2024/1157 Art. 9(3); Art. 17(2)-(3)). The new number
/// comes from the state's sequence, as for any filing. GET lists the notifications that renotify this one.
/// </summary>
public static class RenotifyEndpoint
{
    [WolverinePost("/api/notifications/{number}/renotifications", Name = "Renotify")]
    [Authorize(Policy = Policies.Authority)]
    public static async Task<IResult> Post(string number, ChangeOfParticulars body, StepWriter write, IDocumentSession session,
        CountryRegistryProvider registry, NotificationNumbers numbers, IEnumerable<IValidator<NotificationParticulars>> validators,
        TimeProvider clock, CancellationToken ct)
    {
        var predecessor = await session.LoadAsync<NotificationState>(number, ct);
        if (predecessor is null) return Problems.NotFound("notification", number);
        // The new notification's particulars are checked as a filing's are (400 naming the fields): the code lists in
        // force today, not those of the earlier filing.
        var validation = await RequestValidation.Validate(validators, body.ApplyTo(predecessor.Particulars));
        if (validation is not Wolverine.Http.WolverineContinue) return validation;
        var registryNow = await registry.CurrentAsync(ct);
        // The records the new particulars name, loaded as the filing endpoint loads them (EU 2024/1157 Art. 14; Art. 15(7)-(8)).
        var (preconsent, earlier) = await NamedRecords.LoadAsync(session, body.ApplyTo(predecessor.Particulars), ct);
        // Checked before a number of the state's sequence is spent on a renotification that will be refused.
        if (Procedure.CheckRenotification(predecessor, write.Actor, body, registryNow, clock.GetUtcNow(), preconsent, earlier) is { } refusal) return Problems.Result(refusal);
        var next = await numbers.NextAsync(predecessor.StateOfExport, clock.GetUtcNow().Year, ct);
        return await write.StartNotification(next, new RenotificationBasis(predecessor, next, registryNow, preconsent, earlier), body, Procedure.Renotify,
            written => Results.Created($"/api/notifications/{next}", new NotificationCreated(next, written.Version)));
    }

    [WolverineGet("/api/notifications/{number}/renotifications", Name = "ListRenotifications")]
    [Authorize(Policy = Policies.AuthorityOrAuditor)]
    public static async Task<IResult> Get(string number, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var state = await session.LoadAsync<NotificationState>(number, ct);
        if (state is null) return Problems.NotFound("notification", number);
        var actor = ActorClaims.From(user);
        if (actor.IsAuthority && !state.Concerns(actor.Country!))
        {
            return Problems.NotConcerned($"{actor.Country} is not a state concerned by notification {number}.");
        }

        return Results.Ok(await SuccessorsAsync(session, number, ct));
    }

    /// <summary>The notifications that name <paramref name="number"/> as the one they renotify, oldest first.</summary>
    public static async Task<IReadOnlyList<Successor>> SuccessorsAsync(IQuerySession session, string number, CancellationToken ct)
    {
        var found = await session.Query<NotificationState>().Where(x => x.Renotifies!.Predecessor == number).OrderBy(x => x.FiledAt).ToListAsync(ct);
        return found.Select(x => new Successor(x.Id, x.Status, x.Renotifies!.RepeatOfConsented, x.FiledAt)).ToArray();
    }
}
