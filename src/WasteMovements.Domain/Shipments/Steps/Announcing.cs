using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.Shipments;

/// <summary>POST /api/notifications/{number}/shipments: prior information of a shipment under a consented notification.</summary>
public sealed record AnnounceShipment(decimal Quantity, string Unit, DateOnly PlannedDeparture, IReadOnlyList<string> Carriers, string Packaging, int Packages);

/// <summary>Announcing a shipment: the notification reserves its number and quantity, the shipment's stream starts with its movement document.</summary>
public static partial class Shipping
{
    /// <summary>
    /// Prior information of a shipment: refused unless every consent is in force and valid on the planned
    /// date (Basel Art. 6(3), 6(4); EU Art. 9(5)), the count and quantity stay within the notification, the
    /// guarantee is approved where required (Art. 6(11); EU Art. 7), and (EU) it comes at least 2 working
    /// days before departure (Art. 16(2)).
    /// </summary>
    public static Decision Announce(NotificationState n, Actor actor, AnnounceShipment c, DateTimeOffset now)
    {
        if (!actor.IsAuthorityOf(n.StateOfExport)) return Decision.Refuse(OnlyExport(n, "announces shipments"));

        switch (n.Status)
        {
            case NotificationStatus.Refused:
                return Decision.Refuse("notification-refused", "Basel Art. 6(2), 6(4)", $"Notification {n.Id} was refused; no shipment may start.");
            case NotificationStatus.Cancelled:
                return Decision.Refuse("notification-cancelled", "Basel Art. 6(1)", $"Notification {n.Id} was cancelled; no shipment may start.");
            case NotificationStatus.Closed:
                return Decision.Refuse("notification-closed", "Basel Art. 6(9)", $"Notification {n.Id} is closed; no shipment may follow.");
            case NotificationStatus.Withdrawn:
                return Decision.Refuse("consent-withdrawn", "EU 2024/1157 Art. 9(7)-(8)", $"A consent to notification {n.Id} was withdrawn; no shipment may start.");
            case NotificationStatus.Expired:
                return Decision.Refuse("consent-expired", "EU 2024/1157 Art. 9(4), 9(5)", $"The consent to notification {n.Id} has expired.");
        }

        if (!n.AllConsentsGiven)
        {
            var missing = n.Authorities.Where(a => a.MustConsent && !a.HasConsented).Select(a => a.State).ToArray();
            return Decision.Refuse("consent-missing", "Basel Art. 6(3), 6(4)",
                missing.Length > 0
                    ? $"No shipment may start before every consent: still missing from {string.Join(", ", missing)}."
                    : "The state of import has not confirmed the contract with the disposer (Art. 6(3)(b)).");
        }

        if ((n.ConsentValidFrom is { } from && c.PlannedDeparture < from) || (n.ConsentValidUntil is { } until && c.PlannedDeparture > until))
        {
            return Decision.Refuse("outside-consent-validity", "EU 2024/1157 Art. 9(5); Basel Art. 6(6)",
                $"The planned departure {c.PlannedDeparture:yyyy-MM-dd} is outside the consents' validity ({n.ConsentValidFrom:yyyy-MM-dd} to {n.ConsentValidUntil:yyyy-MM-dd}).");
        }

        // Basel Art. 6(3), 9(1)(a): a movement before consent is illegal traffic; it cannot be planned before the last consent.
        if (LastConsent(n) is { } consentedOn && c.PlannedDeparture < DateOnly.FromDateTime(consentedOn.UtcDateTime))
        {
            return Decision.Refuse("departure-before-consent", "Basel Art. 6(3), 9(1)(a)",
                $"The planned departure {c.PlannedDeparture:yyyy-MM-dd} is before the last consent ({consentedOn:yyyy-MM-dd}).");
        }

        if (!string.Equals(c.Unit, n.Particulars.Unit, StringComparison.OrdinalIgnoreCase))
        {
            return Decision.Refuse("unit-differs", "Basel Annex V A item 15",
                $"The notification counts quantities in '{n.Particulars.Unit}', not '{c.Unit}'.");
        }

        if (n.ShipmentsRemaining <= 0)
        {
            return Decision.Refuse("shipment-count-exceeded", "Basel Art. 6(6)-(8); EU 2024/1157 Art. 17",
                $"All {n.Particulars.IntendedShipments} shipments of notification {n.Id} have been announced; more need a new notification.");
        }

        if (c.Quantity > n.QuantityRemaining)
        {
            return Decision.Refuse("total-quantity-exceeded", "Basel Art. 6(6)-(8); EU 2024/1157 Art. 17",
                $"{c.Quantity} {n.Particulars.Unit} would exceed the notified total of {n.Particulars.TotalQuantity} {n.Particulars.Unit}: {n.QuantityRemaining} remain.");
        }

        if (UnnotifiedCarrier(n, c.Carriers) is { } carrier) return Decision.Refuse(CarrierChange(n, carrier));

        if (ShipmentRules.GuaranteeRequired(n))
        {
            var approvers = ShipmentRules.GuaranteeApprovers(n);
            if (n.Guarantee is null || approvers.Any(a => !n.Guarantee.ApprovedBy.Contains(a)))
            {
                return Decision.Refuse("guarantee-not-approved", n.Regime.Regime == ControlRegime.Eu ? "EU 2024/1157 Art. 7" : "Basel Art. 6(11)",
                    $"Insurance or a financial guarantee approved by {string.Join(", ", approvers)} is required before the first shipment.");
            }

            // EU 2024/1157 Art. 7: the guarantee must apply when the shipment starts.
            if (n.Guarantee.ValidUntil < c.PlannedDeparture)
            {
                return Decision.Refuse("guarantee-expired", n.Regime.Regime == ControlRegime.Eu ? "EU 2024/1157 Art. 7" : "Basel Art. 6(11)",
                    $"The guarantee ended on {n.Guarantee.ValidUntil:yyyy-MM-dd}, before the planned departure {c.PlannedDeparture:yyyy-MM-dd}.");
            }
        }

        if (ShipmentRules.PriorInformationWorkingDays(n.Regime) is { } days
            && new DateTimeOffset(c.PlannedDeparture.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) < ShipmentRules.AddWorkingDays(now, days, n.StateOfExport))
        {
            return Decision.Refuse("prior-information-too-late", n.Regime.Instrument == RegimeInfo.Eu2024Instrument ? "EU 2024/1157 Art. 16(2)" : "Regulation (EC) No 1013/2006 Art. 16(b)",
                $"Prior information must reach the authorities at least {days} working days before the shipment starts; {c.PlannedDeparture:yyyy-MM-dd} is too soon.");
        }

        var number = n.Shipments.Count + 1;
        var id = ShipmentId(n.Id, number);
        var p = n.Particulars;
        var carriers = p.Carriers.Where(x => c.Carriers.Contains(x.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        carriers.AddRange(c.Carriers.Where(name => !p.Carriers.Any(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase)))
            .Select(name => new Carrier(name, "", null, new ContactPerson(name, null, null), p.MeansOfTransport)));
        var document = new MovementDocument(n.Id, number, p.IntendedShipments, p.Kind, n.Regime, p.Exporter, p.Generators, p.Consignee, p.Facility,
            carriers, p.StateOfExport, p.StateOfImport, p.Transits, p.MeansOfTransport, p.Waste, p.Operation, p.SubsequentOperation,
            c.Quantity, p.Unit, c.Packaging, c.Packages, c.PlannedDeparture, n.Conditions,
            n.Authorities.Where(a => a.HasConsented).Select(a => $"{a.State} ({(a.Status == AuthorityStatus.TacitlyConsented ? "tacit" : "written")}, {a.DecidedAt:yyyy-MM-dd})").ToArray(),
            n.ConsentValidUntil, n.Flow);

        return Decision.Accept(
            new ShipmentAnnounced(n.Id, id, number, c.Quantity, p.Unit, c.PlannedDeparture, now),
            new MovementDocumentIssued(id, document, now));
    }
}
