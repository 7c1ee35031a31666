using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.Shipments;

/// <summary>
/// POST /api/shipments/{id}/completion: the certificate of disposal or recovery, with the operation performed. After an
/// interim certificate, the final certificate names the subsequent facility that issued it, when the waste was delivered
/// there, and for a delivery to a facility in another country the new notification it went under (EU 2024/1157 Art. 15(5), (7)-(8)).
/// </summary>
public sealed record CertifyCompletion(string Operation, DateTimeOffset CompletedAt, string CertificateReference,
    string? SubsequentFacilityId = null, DateTimeOffset? DeliveredAt = null, string? OnwardNotification = null);

/// <summary>Completing: the facility certifies the operation (Basel Art. 6(9); EU Art. 15(4)-(5), 16(6)).</summary>
public static partial class Shipping
{
    /// <summary>
    /// The certificate of disposal or recovery: by the facility, with the operation actually performed, which
    /// must be the notified one (or, after an interim certificate, the subsequent one). Late when more than
    /// 30 days after completion (EU Art. 15(4), 16(6)), or for the final certificate after an interim operation more
    /// than one year after the delivery to the subsequent facility (Art. 15(5)). The interim facility records both:
    /// it obtains the subsequent facility's certificate and transmits it, naming the shipment (Art. 15(5)).
    /// </summary>
    public static Decision Complete(ShipmentFile f, Actor actor, CertifyCompletion c, DateTimeOffset now)
    {
        var (s, n) = f;
        if (!actor.IsFacilityOf(s.FacilityId)) return Decision.Refuse(OnlyFacility(s));
        if (s.Status is not (ShipmentStatus.Received or ShipmentStatus.InterimCompleted))
        {
            return Decision.Refuse("not-received", "Basel Art. 6(9)", $"Shipment {s.Id} is {s.Status}: only received waste is certified.");
        }

        var final = s.Status == ShipmentStatus.InterimCompleted;
        var expected = final ? s.Document.SubsequentOperation ?? s.Document.Operation : s.Document.Operation;
        if (!string.Equals(c.Operation, expected, StringComparison.OrdinalIgnoreCase))
        {
            return Decision.Refuse("operation-differs", "Basel Art. 6(9), Annex V B item 14",
                $"The certificate names {c.Operation}, but the notified operation is {expected}.");
        }

        if (c.CompletedAt > now.AddHours(1) || (s.Receipt is { } r && c.CompletedAt < r.ReceivedAt))
        {
            return Decision.Refuse("completion-time-impossible", "Basel Annex V B item 14", "Completion is after receipt and not in the future.");
        }

        // Art. 15(1), (5): the final certificate comes from a facility the notification named for that operation.
        var subsequent = final ? n.Particulars.Subsequent : [];
        if (final && subsequent.Count > 0 && FinalCertificate(n, s, c) is { } refusal) return Decision.Refuse(refusal);

        var interim = s.Status == ShipmentStatus.Received && ShipmentRules.IsInterim(expected);
        var late = ShipmentRules.CertificateLate(s.Document.Regime, c.CompletedAt, now)
                   || (final && c.DeliveredAt is { } delivered && s.Document.Regime.Regime != ControlRegime.Basel && now > delivered.AddYears(1));
        var completed = new ShipmentCompleted(n.Id, s.Id, expected.ToUpperInvariant(), interim, c.CompletedAt, c.CertificateReference.Trim(), late, now,
            final ? c.SubsequentFacilityId?.Trim() : null, final ? c.DeliveredAt : null, final ? c.OnwardNotification?.Trim().ToUpperInvariant() : null);
        return interim ? Decision.Accept(completed) : Decision.Accept([completed, .. Conclude(n, s.Id, ShipmentOutcome.Completed, now)]);
    }

    private static Refusal? FinalCertificate(NotificationState n, ShipmentState s, CertifyCompletion c)
    {
        var facility = n.Particulars.Subsequent.FirstOrDefault(x => string.Equals(x.Facility.Id, c.SubsequentFacilityId, StringComparison.Ordinal)
                                                                   && string.Equals(x.Operation, c.Operation, StringComparison.OrdinalIgnoreCase));
        if (facility is null)
        {
            return new Refusal("subsequent-facility-not-notified", "EU 2024/1157 Art. 15(1), (5)",
                $"The final certificate must come from a subsequent facility the notification names for {c.Operation}: " +
                string.Join(", ", n.Particulars.Subsequent.Select(x => $"{x.Facility.Id} ({x.Operation}, {x.State})")) + ".");
        }

        var interimCompleted = s.Certificates.LastOrDefault(x => x.Interim)?.CompletedAt;
        if (c.DeliveredAt is not { } delivered || (interimCompleted is { } done && delivered < done) || c.CompletedAt < delivered)
        {
            return new Refusal("delivery-time-impossible", "EU 2024/1157 Art. 15(5)",
                "The final certificate states when the waste was delivered to the subsequent facility: after the interim operation was completed and before the subsequent one.");
        }

        // Art. 15(5) covers deliveries within the country of destination; elsewhere a new notification is needed (15(7)-(8)).
        if (!string.Equals(facility.State, n.StateOfImport, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(c.OnwardNotification))
        {
            return new Refusal("onward-notification-required", "EU 2024/1157 Art. 15(7)-(8)",
                $"{facility.Facility.Id} is in {facility.State}, outside the country of destination {n.StateOfImport}: the delivery needed a new notification; name it (onwardNotification).");
        }

        return null;
    }
}
