using WasteMovements.Domain.Common;
using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Shipments;

public sealed record ShipmentTotals(
    int IntendedShipments, decimal NotifiedQuantity, string Unit, int Announced, decimal AnnouncedQuantity, int Received, decimal ReceivedQuantity,
    int Completed, decimal CertifiedQuantity, int Returned, int Discrepancies, int Overdue);

public sealed record ShipmentSummary(string ShipmentId, int ShipmentNumber, ShipmentStatus Status, decimal Quantity, decimal? ReceivedQuantity,
    DateOnly PlannedDeparture, bool Discrepancy, bool Overdue);

public sealed record NotificationShipments(string NotificationNumber, ShipmentTotals Totals, IReadOnlyList<ShipmentSummary> Shipments);

public static class GetShipmentEndpoints
{
    private static bool MaySee(Actor actor, ShipmentState s, NotificationState? n) =>
        actor.IsAuditor
        || (actor.IsAuthority && n is not null && n.Concerns(actor.Country!))
        || (actor.IsFacility && (actor.Facility == s.FacilityId || actor.Facility == s.Document.Facility.Id));

    /// <summary>GET /api/shipments/{shipmentId}: the states concerned, the facility and auditors.</summary>
    [WolverineGet("/api/shipments/{shipmentId}", Name = "GetShipment")]
    [Authorize]
    public static async Task<IResult> Get(string shipmentId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var shipment = await session.LoadAsync<ShipmentState>(shipmentId, ct);
        if (shipment is null) return Problems.NotFound("shipment", shipmentId);
        var notification = await session.LoadAsync<NotificationState>(shipment.NotificationNumber, ct);
        return MaySee(ActorClaims.From(user), shipment, notification)
            ? Results.Ok(shipment)
            : Problems.NotConcerned($"You are neither a state concerned by {shipment.NotificationNumber} nor its facility.");
    }

    /// <summary>GET /api/notifications/{number}/shipments: the shipments and the totals against the notified quantities.</summary>
    [WolverineGet("/api/notifications/{number}/shipments", Name = "ListShipments")]
    [Authorize(Policy = Policies.AuthorityOrAuditor)]
    public static async Task<IResult> List(string number, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var notification = await session.LoadAsync<NotificationState>(number, ct);
        if (notification is null) return Problems.NotFound("notification", number);
        var actor = ActorClaims.From(user);
        if (actor.IsAuthority && !notification.Concerns(actor.Country!))
        {
            return Problems.NotConcerned($"{actor.Country} is not a state concerned by notification {number}.");
        }

        var shipments = await session.Query<ShipmentState>().Where(x => x.NotificationNumber == number).OrderBy(x => x.ShipmentNumber).ToListAsync(ct);
        var received = shipments.Where(s => s.Receipt is not null).ToList();
        var completed = shipments.Where(s => s.Status == ShipmentStatus.Completed).ToList();
        var totals = new ShipmentTotals(notification.Particulars.IntendedShipments, notification.Particulars.TotalQuantity, notification.Particulars.Unit,
            shipments.Count, shipments.Sum(s => s.Document.Quantity), received.Count, received.Sum(s => s.Receipt!.Quantity),
            completed.Count, completed.Sum(s => s.Receipt?.Quantity ?? 0), shipments.Count(s => s.Status == ShipmentStatus.Returned),
            shipments.Count(s => s.HasDiscrepancy), shipments.Count(s => s.Deadlines.Any(d => d.Overdue)));
        return Results.Ok(new NotificationShipments(number, totals, shipments.Select(s => new ShipmentSummary(s.Id, s.ShipmentNumber, s.Status,
            s.Document.Quantity, s.Receipt?.Quantity, s.Document.PlannedDeparture, s.HasDiscrepancy, s.Deadlines.Any(d => d.Overdue))).ToArray()));
    }
}
