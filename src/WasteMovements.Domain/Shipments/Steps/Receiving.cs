using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.Shipments;

/// <summary>
/// POST /api/shipments/{id}/receipt: the facility confirms receipt and the quantity received. The tolerance beyond which
/// a difference is a discrepancy is the deployment's setting, not the caller's (set by the endpoint).
/// </summary>
public sealed record ConfirmReceipt(DateTimeOffset ReceivedAt, decimal Quantity, string Unit)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public decimal TolerancePercent { get; init; } = Shipping.DefaultTolerancePercent;
}

/// <summary>Receiving: the named facility confirms receipt (Basel Art. 6(9); EU Art. 16(5)).</summary>
public static partial class Shipping
{
    /// <summary>
    /// Basel Art. 6(9); EU Art. 16(5): the named facility confirms receipt and the quantity. A difference beyond
    /// the tolerance is flagged; a confirmation later than the regime's working days is flagged as late.
    /// </summary>
    public static Decision Receive(ShipmentFile f, Actor actor, ConfirmReceipt c, DateTimeOffset now)
    {
        var (s, n) = f;
        if (!actor.IsFacilityOf(s.FacilityId)) return Decision.Refuse(OnlyFacility(s));
        if (s.Status != ShipmentStatus.InTransit)
        {
            return Decision.Refuse(s.Status == ShipmentStatus.Announced ? "not-departed" : "already-received", "Basel Art. 6(9)",
                $"Shipment {s.Id} is {s.Status}: receipt can only be confirmed for a shipment in transit.");
        }

        if (!string.Equals(c.Unit, s.Document.Unit, StringComparison.OrdinalIgnoreCase))
        {
            return Decision.Refuse("unit-differs", "Basel Annex V B item 11", $"The movement document counts '{s.Document.Unit}', not '{c.Unit}'.");
        }

        if (c.ReceivedAt > now.AddHours(1) || (s.DepartedAt is { } departed && c.ReceivedAt < departed))
        {
            return Decision.Refuse("receipt-time-impossible", "Basel Annex V B item 14",
                $"Receipt at {c.ReceivedAt:u} is before the departure or in the future.");
        }

        var difference = s.Document.Quantity == 0 ? 0 : Math.Round(Math.Abs(c.Quantity - s.Document.Quantity) / s.Document.Quantity * 100m, 2);
        var late = ShipmentRules.ReceiptConfirmationDue(s.Document.Regime, c.ReceivedAt, s.Document.StateOfImport, s.Document.Flow) is { } due && now > due;
        var afterValidity = n.ConsentValidUntil is { } until && DateOnly.FromDateTime(c.ReceivedAt.UtcDateTime) > until;
        var received = new ShipmentReceived(n.Id, s.Id, s.FacilityId, c.ReceivedAt, c.Quantity, s.Document.Unit,
            difference > c.TolerancePercent, difference, late, afterValidity, now);
        return received.Discrepancy
            ? Decision.Accept(received, new ShipmentDiscrepancyFlagged(n.Id, s.Id, s.Document.Quantity, c.Quantity, difference, now))
            : Decision.Accept(received);
    }
}
