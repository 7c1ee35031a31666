using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.Shipments;

/// <summary>POST /api/shipments/{id}/departure: the movement started and the first carrier took charge (Annex V B item 6).</summary>
public sealed record RecordDeparture(DateTimeOffset DepartedAt, string Carrier);

/// <summary>POST /api/shipments/{id}/border-crossings: the state crossed records an exit or entry at its customs office.</summary>
public sealed record RecordBorderCrossing(string State, string CustomsOffice, CrossingDirection Direction, DateTimeOffset At);

/// <summary>POST /api/shipments/{id}/carrier-handovers: a new carrier takes charge and signs (Basel Art. 6(9)).</summary>
public sealed record RecordCarrierHandover(string FromCarrier, string ToCarrier, string SignedBy, DateTimeOffset At);

/// <summary>Moving: departure, border crossings and hand-overs between carriers, each under the movement document.</summary>
public static partial class Shipping
{
    /// <summary>The movement starts: only with every consent still in force (Basel Art. 6(3); EU Art. 9(5)).</summary>
    public static Decision Depart(ShipmentFile f, Actor actor, RecordDeparture c, DateTimeOffset now)
    {
        var (s, n) = f;
        if (!actor.IsAuthorityOf(n.StateOfExport)) return Decision.Refuse(OnlyExport(n, "records the departure"));
        if (s.Status != ShipmentStatus.Announced)
        {
            return Decision.Refuse("already-departed", "Basel Annex V B item 6", $"Shipment {s.Id} departed on {s.DepartedAt:yyyy-MM-dd}.");
        }

        if (n.Status is not (NotificationStatus.Consented or NotificationStatus.Closed))
        {
            return Decision.Refuse("consent-not-in-force", "Basel Art. 6(3); EU 2024/1157 Art. 9(5)",
                $"Notification {n.Id} is {n.Status}: the movement may not start.");
        }

        if (PendingChange(n) is { } pending) return Decision.Refuse(pending);

        var day = DateOnly.FromDateTime(c.DepartedAt.UtcDateTime);
        if ((n.ConsentValidFrom is { } from && day < from) || (n.ConsentValidUntil is { } until && day > until))
        {
            return Decision.Refuse("outside-consent-validity", "EU 2024/1157 Art. 9(5); Basel Art. 6(6)",
                $"Departure on {day:yyyy-MM-dd} is outside the consents' validity ({n.ConsentValidFrom:yyyy-MM-dd} to {n.ConsentValidUntil:yyyy-MM-dd}).");
        }

        // Basel Art. 6(3), 9(1)(a): compared by date, as the movement document records the date of shipment (Annex V B item 6).
        if (LastConsent(n) is { } consentedOn && day < DateOnly.FromDateTime(consentedOn.UtcDateTime))
        {
            return Decision.Refuse("departure-before-consent", "Basel Art. 6(3), 9(1)(a)",
                $"A departure on {day:yyyy-MM-dd} would precede the last consent ({consentedOn:yyyy-MM-dd}): that is illegal traffic, not a shipment.");
        }

        if (UnnotifiedCarrier(n, [c.Carrier]) is { } carrier) return Decision.Refuse(CarrierChange(n, carrier));

        // EU 2024/1157 Art. 7; Basel Art. 6(11): no shipment starts unless the guarantee in force covers it (it may have
        // been released, or a partial one may not reach this shipment, since the announcement).
        if (GuaranteeCovering(n, s.ShipmentNumber, day) is { } uncovered) return Decision.Refuse(uncovered);

        if (c.DepartedAt > now.AddHours(1))
        {
            return Decision.Refuse("departure-in-the-future", "Basel Annex V B item 6", "A departure is recorded when it has happened.");
        }

        return Decision.Accept(new ShipmentDeparted(n.Id, s.Id, c.DepartedAt, c.Carrier.Trim(), actor.Person));
    }

    /// <summary>The state crossed records the crossing; only a state on the route (export, transit, import).</summary>
    public static Decision CrossBorder(ShipmentFile f, Actor actor, RecordBorderCrossing c, DateTimeOffset now)
    {
        var (s, n) = f;
        if (!actor.IsAuthorityOf(c.State))
        {
            return Decision.Refuse(new Refusal("not-the-state-crossed", "Basel Art. 6(4), 7",
                $"Only the authority of the state crossed ({c.State}) records its crossing.", RefusalKind.NotPermitted));
        }

        if (!n.Concerns(c.State))
        {
            return Decision.Refuse(new Refusal("not-on-the-route", "Basel Art. 6(1), Annex V A item 7",
                $"{c.State} is not a state concerned by notification {n.Id}: crossing it was not consented.", RefusalKind.NotPermitted));
        }

        if (s.Status != ShipmentStatus.InTransit)
        {
            return Decision.Refuse("not-in-transit", "Basel Annex V B item 7", $"Shipment {s.Id} is {s.Status}, not in transit.");
        }

        return Decision.Accept(new BorderCrossed(n.Id, s.Id, c.State.ToUpperInvariant(), c.CustomsOffice.Trim(), c.Direction, c.At));
    }

    /// <summary>Basel Art. 6(9): a new carrier takes charge and signs. Recorded by the state of export or a state concerned.</summary>
    public static Decision HandOver(ShipmentFile f, Actor actor, RecordCarrierHandover c, DateTimeOffset now)
    {
        var (s, n) = f;
        if (!n.Concerns(actor.State))
        {
            return Decision.Refuse(new Refusal("not-concerned", "Basel Art. 2(13)", "Only a state concerned records a hand-over.", RefusalKind.NotPermitted));
        }

        if (s.Status != ShipmentStatus.InTransit)
        {
            return Decision.Refuse("not-in-transit", "Basel Art. 6(9)", $"Shipment {s.Id} is {s.Status}, not in transit.");
        }

        var current = s.Custody.LastOrDefault()?.Carrier;
        if (!string.Equals(current, c.FromCarrier.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return Decision.Refuse("not-the-carrier-in-charge", "Basel Art. 6(9)",
                $"The carrier in charge is {current}, not {c.FromCarrier}.");
        }

        return Decision.Accept(new CarrierHandedOver(n.Id, s.Id, current!, c.ToCarrier.Trim(), c.SignedBy.Trim(), c.At, actor.State));
    }
}
