using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.GreenList;
using WasteMovements.Domain.IllegalTraffic;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Notifications;

public sealed record InboxPage(DateTimeOffset AsOf, IReadOnlyList<InboxItem> Items);

/// <summary>GET /api/inbox: the caller's pending steps, each with its deadline, overdue first.</summary>
public static class GetInboxEndpoint
{
    // Not named Id: Marten would take a type with an Id for a document and read it as one.
    private sealed record PendingRow(string Number, InboxItem[]? Steps);

    public const int Limit = 500;

    [WolverineGet("/api/inbox", Name = "GetInbox")]
    [Authorize]
    public static async Task<IResult> Get(ClaimsPrincipal user, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var actor = ActorClaims.From(user);
        var now = clock.GetUtcNow();
        if (actor.IsAuthority)
        {
            var country = actor.Country!;
            // Only the files where this state has a step pending (the duplicated pending_for column and its GIN
            // index, EventStoreSetup), oldest first; and of each only its recorded pending steps, not the whole file.
            var table = session.DocumentStore.Options.Schema.For<NotificationState>();
            var rows = await session.AdvancedSql.QueryAsync<PendingRow>(
                $"select jsonb_build_object('number', id, 'steps', data -> 'pendingSteps') from {table} where pending_for @> ?::text[] order by filed_at limit ?",
                ct, new[] { country }, Limit);
            var steps = rows.Where(r => r.Steps is not null)
                .SelectMany(r => r.Steps!.Where(i => string.Equals(i.State, country, StringComparison.OrdinalIgnoreCase)).Select(i => Inbox.AsOf(i, now)))
                .ToList();
            // Documents projected before pendingSteps existed (until `projections rebuild`): from the whole file.
            var legacy = rows.Where(r => r.Steps is null).Select(r => r.Number).ToArray();
            if (legacy.Length > 0)
            {
                steps.AddRange((await session.LoadManyAsync<NotificationState>(ct, legacy)).SelectMany(n => Inbox.For(n, country, now)));
            }

            var shipments = await session.Query<ShipmentState>()
                .Where(x => x.StateOfExport == country && x.Status != ShipmentStatus.Completed && x.Status != ShipmentStatus.Returned)
                .Take(Limit).ToListAsync(ct);
            // Illegal traffic (Basel Art. 9), with or without a notification: the open cases that concern this state.
            var cases = await session.Query<IllegalTrafficCase>()
                .Where(x => x.StatesConcerned.Contains(country) && x.Status != IllegalTrafficCaseStatus.Closed)
                .Take(Limit).ToListAsync(ct);
            return Results.Ok(new InboxPage(now, Inbox.Order(steps
                .Concat(shipments.SelectMany(s => ShipmentInbox.ForExportAuthority(s, country, now)))
                .Concat(cases.SelectMany(c => CaseInbox.For(c, country, now))))));
        }

        if (actor.IsFacility)
        {
            var facility = actor.Facility!;
            var shipments = await session.Query<ShipmentState>()
                .Where(x => x.FacilityId == facility && (x.Status == ShipmentStatus.InTransit || x.Status == ShipmentStatus.Received
                                                         || x.Status == ShipmentStatus.InterimCompleted))
                .Take(Limit).ToListAsync(ct);
            // EU 2024/1157 Art. 18(8)-(9): the facility's Annex VII documents awaiting its receipt or its recovery certificate.
            var documents = await session.Query<AnnexVIIDocumentState>()
                .Where(x => x.FacilityId == facility && (x.Status == AnnexVIIStatus.Filled || x.Status == AnnexVIIStatus.Received))
                .Take(Limit).ToListAsync(ct);
            return Results.Ok(new InboxPage(now, Inbox.Order(shipments.SelectMany(s => ShipmentInbox.ForFacility(s, facility, now))
                .Concat(documents.SelectMany(d => AnnexVIIInbox.ForFacility(d, facility, now))))));
        }

        return Problems.Result(Problems.Create(StatusCodes.Status403Forbidden, "forbidden-role", "Not permitted for your role",
            "The inbox is for authorities and facilities."));
    }
}
