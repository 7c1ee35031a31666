using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.Shipments;

/// <summary>A scheduled deadline of a shipment fell due (receipt, certificate or take-back).</summary>
public sealed record PassShipmentDeadline(ShipmentDeadlineKind Kind, DateTimeOffset DueAt);

/// <summary>Closing: conclusions, the notification's closure and overdue shipment deadlines.</summary>
public static partial class Shipping
{
    /// <summary>
    /// A shipment reached its end: the conclusion on the notification, and the notification's closure when this was
    /// the last open shipment and no more may follow. Closure is decided here, with the step that concludes.
    /// </summary>
    internal static IEnumerable<object> Conclude(NotificationState n, string shipmentId, ShipmentOutcome outcome, DateTimeOffset now)
    {
        var concluded = new ShipmentConcluded(n.Id, shipmentId, outcome, now);
        yield return concluded;
        foreach (var e in Close(NotificationEvolution.Evolve(n, concluded)!, now).Events) yield return e;
    }

    /// <summary>
    /// Closure: every announced shipment is concluded and no more may follow (all announced, quantity used up,
    /// or the consent ended).
    /// </summary>
    public static Decision Close(NotificationState n, DateTimeOffset now)
    {
        if (n.ClosedAt is not null || n.Shipments.Count == 0 || n.Shipments.Any(s => s.Outcome is null)) return Decision.Accept();
        var reason = n.ShipmentsRemaining <= 0 ? "every notified shipment was made and concluded"
            : n.QuantityRemaining <= 0 ? "the notified quantity was shipped and every shipment concluded"
            : n.Status is NotificationStatus.Expired or NotificationStatus.Withdrawn or NotificationStatus.Cancelled
                ? $"the notification is {n.Status.ToString().ToLowerInvariant()} and every shipment concluded"
                : null;
        return reason is null ? Decision.Accept() : Decision.Accept(new NotificationClosed(n.Id, reason, now));
    }

    /// <summary>A shipment deadline passed: overdue if its step is still not done, otherwise nothing.</summary>
    public static Decision DeadlinePassed(ShipmentFile f, Actor actor, PassShipmentDeadline c, DateTimeOffset now)
    {
        var s = f.Shipment;
        var pending = s.Deadlines.FirstOrDefault(d => d.Kind == c.Kind && d.DueAt == c.DueAt && !d.Overdue);
        if (pending is null || now < c.DueAt) return Decision.Accept();
        return Decision.Accept(new ShipmentDeadlinePassed(s.NotificationNumber, s.Id, c.Kind, c.DueAt, pending.Basis, now));
    }
}
