using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;
using WasteMovements.Api.Deadlines;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Shipments;

public sealed record ShipmentWritten(string ShipmentId, long Version);

public sealed class ShipmentOptions
{
    /// <summary>Received quantity differing from the announced one by more than this (percent) raises a discrepancy.</summary>
    public decimal DiscrepancyTolerancePercent { get; set; } = Shipping.DefaultTolerancePercent;
}

/// <summary>
/// Applies a step to a shipment: locks the notification's stream and then the shipment's (always in that
/// order, so concurrent steps cannot deadlock), decides, appends each event to its stream (reservations,
/// conclusions and closure on the notification; the rest on the shipment), and schedules the deadlines.
/// </summary>
public static class ShipmentWriter
{
    public delegate Decision Decide(ShipmentState shipment, NotificationState notification, ShipmentActor actor, DateTimeOffset now);

    private static readonly HashSet<Type> NotificationEvents =
        [typeof(ShipmentAnnounced), typeof(ShipmentConcluded), typeof(NotificationClosed), typeof(ShipmentDiscrepancyFlagged)];

    public static ShipmentActor ActorOf(HttpContext http)
    {
        var actor = Actor.From(http.User);
        return new ShipmentActor(actor.Person, actor.IsAuthority ? actor.Country : null, actor.IsFacility ? actor.Facility : null);
    }

    public static async Task<IResult> ExecuteAsync(string shipmentId, HttpContext http, IDocumentSession session, IMessageBus bus,
        TimeProvider clock, Decide decide, CancellationToken ct)
    {
        if (!IfMatch.TryParse(http.Request, out var expected)) return IfMatch.Invalid();

        // The notification number is the shipment id without its last segment.
        var cut = shipmentId.LastIndexOf('-');
        if (cut <= 0) return Problems.NotFound("shipment", shipmentId);
        var notificationStream = await session.Events.FetchForExclusiveWriting<NotificationState>(shipmentId[..cut], ct);
        var shipmentStream = await session.Events.FetchForExclusiveWriting<ShipmentState>(shipmentId, ct);
        if (notificationStream.Aggregate is null || shipmentStream.Aggregate is null) return Problems.NotFound("shipment", shipmentId);
        var shipmentVersion = shipmentStream.CurrentVersion ?? shipmentStream.StartingVersion ?? 0;
        if (expected is { } v && v != shipmentVersion) return IfMatch.Mismatch(v);

        var now = clock.GetUtcNow();
        var decision = decide(shipmentStream.Aggregate, notificationStream.Aggregate, ActorOf(http), now);
        if (decision.Refusal is { } refusal) return Problems.Result(refusal);

        var forNotification = decision.Events.Where(e => NotificationEvents.Contains(e.GetType())).ToList();
        var forShipment = decision.Events.Where(e => !NotificationEvents.Contains(e.GetType())).ToList();

        if (forNotification.Count > 0)
        {
            var afterNotification = forNotification.Aggregate(notificationStream.Aggregate, (s, e) => NotificationEvolution.Evolve(s, e)!);
            // Closure follows from the last conclusion in the same transaction.
            var closure = Shipping.Close(afterNotification, now);
            forNotification.AddRange(closure.Events);
            notificationStream.AppendMany(forNotification);
        }

        if (forShipment.Count > 0)
        {
            shipmentStream.AppendMany(forShipment);
            var after = forShipment.Aggregate(shipmentStream.Aggregate, (s, e) => ShipmentEvolution.Evolve(s, e)!);
            await DeadlineScheduler.ScheduleAsync(session, bus, clock, shipmentStream.Aggregate, after);
        }

        var written = new ShipmentWritten(shipmentId, shipmentVersion + forShipment.Count);
        http.Response.Headers.ETag = $"\"{written.Version}\"";
        return Results.Ok(written);
    }

    public static decimal Tolerance(IOptions<ShipmentOptions> options) => options.Value.DiscrepancyTolerancePercent;
}
