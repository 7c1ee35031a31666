using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.Shipments;

/// <summary>POST /api/shipments/{id}/completion: the certificate of disposal or recovery, with the operation performed.</summary>
public sealed record CertifyCompletion(string Operation, DateTimeOffset CompletedAt, string CertificateReference);

/// <summary>Completing: the facility certifies the operation (Basel Art. 6(9); EU Art. 16(6)).</summary>
public static partial class Shipping
{
    /// <summary>
    /// The certificate of disposal or recovery: by the facility, with the operation actually performed, which
    /// must be the notified one (or, after an interim certificate, the subsequent one). Late when more than
    /// 30 days after completion (EU Art. 16(6)).
    /// </summary>
    public static Decision Complete(ShipmentFile f, Actor actor, CertifyCompletion c, DateTimeOffset now)
    {
        var (s, n) = f;
        if (!actor.IsFacilityOf(s.FacilityId)) return Decision.Refuse(OnlyFacility(s));
        if (s.Status is not (ShipmentStatus.Received or ShipmentStatus.InterimCompleted))
        {
            return Decision.Refuse("not-received", "Basel Art. 6(9)", $"Shipment {s.Id} is {s.Status}: only received waste is certified.");
        }

        var expected = s.Status == ShipmentStatus.InterimCompleted ? s.Document.SubsequentOperation ?? s.Document.Operation : s.Document.Operation;
        if (!string.Equals(c.Operation, expected, StringComparison.OrdinalIgnoreCase))
        {
            return Decision.Refuse("operation-differs", "Basel Art. 6(9), Annex V B item 14",
                $"The certificate names {c.Operation}, but the notified operation is {expected}.");
        }

        if (c.CompletedAt > now.AddHours(1) || (s.Receipt is { } r && c.CompletedAt < r.ReceivedAt))
        {
            return Decision.Refuse("completion-time-impossible", "Basel Annex V B item 14", "Completion is after receipt and not in the future.");
        }

        var interim = s.Status == ShipmentStatus.Received && ShipmentRules.IsInterim(expected);
        var late = ShipmentRules.CertificateLate(s.Document.Regime, c.CompletedAt, now);
        var completed = new ShipmentCompleted(n.Id, s.Id, expected.ToUpperInvariant(), interim, c.CompletedAt, c.CertificateReference.Trim(), late, now);
        return interim ? Decision.Accept(completed) : Decision.Accept([completed, .. Conclude(n, s.Id, ShipmentOutcome.Completed, now)]);
    }
}
