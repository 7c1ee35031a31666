using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.Shipments;

/// <summary>POST /api/shipments/{id}/rejection: the facility rejects all or part of the shipment, with the reason.</summary>
public sealed record RejectShipment(string Reason, decimal? Quantity);

/// <summary>POST /api/shipments/{id}/cannot-be-completed: the state of import informs that the movement cannot be completed as contracted.</summary>
public sealed record ReportCannotBeCompleted(string Reason);

/// <summary>POST /api/shipments/{id}/alternative-arrangements: the state of export names another facility instead of taking the waste back.</summary>
public sealed record ArrangeAlternative(Facility Facility, string Details);

/// <summary>POST /api/shipments/{id}/return: the state of export records that the waste was taken back.</summary>
public sealed record RecordReturn;

/// <summary>The duty to re-import (Basel Art. 8; EU 2024/1157 Art. 22-24): rejection, a movement that cannot be completed, an alternative facility, the return.</summary>
public static partial class Shipping
{
    /// <summary>The facility rejects all or part of the shipment: take-back within 90 days (Basel Art. 8; EU Art. 22).</summary>
    public static Decision Reject(ShipmentFile f, Actor actor, RejectShipment c, DateTimeOffset now)
    {
        var (s, n) = f;
        if (!actor.IsFacilityOf(s.FacilityId)) return Decision.Refuse(OnlyFacility(s));
        if (s.Status is not (ShipmentStatus.InTransit or ShipmentStatus.Received))
        {
            return Decision.Refuse("cannot-reject-now", "Basel Art. 8", $"Shipment {s.Id} is {s.Status}; only waste arriving or received can be rejected.");
        }

        var delivered = s.Receipt?.Quantity ?? s.Document.Quantity;
        var quantity = c.Quantity ?? delivered;
        if (quantity > delivered - s.RejectedQuantity)
        {
            return Decision.Refuse("rejected-quantity-too-large", "Basel Art. 8", $"Only {delivered - s.RejectedQuantity} {s.Document.Unit} can be rejected.");
        }

        var full = quantity >= delivered - s.RejectedQuantity;
        return Decision.Accept(new ShipmentRejected(n.Id, s.Id, s.FacilityId, c.Reason.Trim(), quantity, full, now, now + ShipmentRules.TakeBackPeriod));
    }

    /// <summary>Basel Art. 8: the state of import informs that the movement cannot be completed as contracted.</summary>
    public static Decision CannotBeCompleted(ShipmentFile f, Actor actor, ReportCannotBeCompleted c, DateTimeOffset now)
    {
        var (s, n) = f;
        if (!actor.IsAuthorityOf(n.StateOfImport))
        {
            return Decision.Refuse(new Refusal("not-state-of-import", "Basel Art. 8",
                $"The state of import ({n.StateOfImport}) informs that a movement cannot be completed.", RefusalKind.NotPermitted));
        }

        if (s.Status is not (ShipmentStatus.InTransit or ShipmentStatus.Received))
        {
            return Decision.Refuse("cannot-be-completed-not-applicable", "Basel Art. 8", $"Shipment {s.Id} is {s.Status}.");
        }

        return Decision.Accept(new MovementCannotBeCompleted(n.Id, s.Id, actor.State, c.Reason.Trim(), now, now + ShipmentRules.TakeBackPeriod));
    }

    /// <summary>Basel Art. 8: instead of take-back, the state of export arranges another facility (whose consents it needs).</summary>
    public static Decision ArrangeAlternative(ShipmentFile f, Actor actor, ArrangeAlternative c, DateTimeOffset now)
    {
        var (s, n) = f;
        if (!actor.IsAuthorityOf(n.StateOfExport)) return Decision.Refuse(OnlyExport(n, "arranges an alternative"));
        if (s.Status is not (ShipmentStatus.Rejected or ShipmentStatus.CannotBeCompleted) || s.PendingTakeBack is null)
        {
            return Decision.Refuse("no-take-back-pending", "Basel Art. 8", $"Shipment {s.Id} has no pending take-back to replace.");
        }

        return Decision.Accept(new AlternativeArrangementMade(n.Id, s.Id, c.Facility, c.Details.Trim(), now));
    }

    /// <summary>The state of export records that the waste was taken back.</summary>
    public static Decision Return(ShipmentFile f, Actor actor, RecordReturn c, DateTimeOffset now)
    {
        var (s, n) = f;
        if (!actor.IsAuthorityOf(n.StateOfExport)) return Decision.Refuse(OnlyExport(n, "records the return"));
        if (s.PendingTakeBack is null)
        {
            return Decision.Refuse("no-take-back-pending", "Basel Art. 8", $"Shipment {s.Id} has no pending take-back.");
        }

        var returned = new ShipmentReturned(n.Id, s.Id, now);
        return s.Status is ShipmentStatus.Rejected or ShipmentStatus.CannotBeCompleted || s.Receipt is null
            ? Decision.Accept([returned, .. Conclude(n, s.Id, ShipmentOutcome.Returned, now)])
            : Decision.Accept(returned);
    }
}
