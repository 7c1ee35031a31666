using WasteMovements.Domain.Common;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Domain.Notifications;

/// <summary>POST .../guarantee: the insurance, bond or guarantee covering the movement (Basel Art. 6(11); EU 2024/1157 Art. 7).
/// <see cref="Cover"/>: the items covered and their amounts (EU 2024/1157 Art. 7(1), 7(4)); <see cref="Coverage"/> the policy's wording.
/// <see cref="FirstShipment"/>-<see cref="LastShipment"/>: a partial guarantee for part of a general notification's shipments (Art. 7(8)-(9)).</summary>
public sealed record RecordGuarantee(GuaranteeKind Kind, string Provider, string Reference, decimal Amount, string Currency, string Coverage, DateOnly ValidUntil,
    GuaranteeCover? Cover = null, int? FirstShipment = null, int? LastShipment = null);

/// <summary>POST .../guarantee/approval: the authority that requires the guarantee approves it (the last recorded, or the one named).</summary>
public sealed record ApproveGuarantee(string? Reference = null);

/// <summary>POST .../guarantee/release: the state of export releases the guarantee (the last recorded, or the one named) once its shipments are concluded.</summary>
public sealed record ReleaseGuarantee(string? Reference = null);

/// <summary>
/// The financial guarantee of a notification: recorded by the state of export, approved before the first shipment
/// by the authority that requires it, released (EU) when every shipment's certificate has arrived. A general
/// notification may have several partial guarantees, each for some of its shipments (EU 2024/1157 Art. 7(8)-(9)).
/// </summary>
public static partial class Procedure
{
    private static string GuaranteeArticle(NotificationState n) => n.Regime.Regime == ControlRegime.Eu ? "EU 2024/1157 Art. 7" : "Basel Art. 6(11)";

    /// <summary>The state of export records the insurance or guarantee (Basel Art. 6(11); EU Art. 7).</summary>
    public static Decision RecordGuarantee(NotificationState n, Actor actor, RecordGuarantee c, DateTimeOffset now)
    {
        if (!actor.IsAuthorityOf(n.StateOfExport)) return Decision.Refuse(Shipping.OnlyExport(n, "records the guarantee"));
        if (n.IsTerminal) return Decision.Refuse("notification-not-open", "Basel Art. 6(11)", $"Notification {n.Id} is {n.Status}.");
        // EU 2024/1157 Art. 7: the guarantee applies at the latest from the start of the shipment and until the completion
        // certificate, so it must at least outlast the notification's last departure.
        if (c.ValidUntil < n.Particulars.LastDeparture)
        {
            return Decision.Refuse("guarantee-validity-too-short", GuaranteeArticle(n),
                $"The guarantee ends on {c.ValidUntil:yyyy-MM-dd}, before the last departure ({n.Particulars.LastDeparture:yyyy-MM-dd}); it must run until the completion certificates.");
        }

        if (c.FirstShipment is not null || c.LastShipment is not null)
        {
            // EU 2024/1157 Art. 7(8)-(9): a guarantee covering parts of the shipments exists for a general notification only.
            if (n.Particulars.Kind != NotificationKind.General)
            {
                return Decision.Refuse("partial-guarantee-general-only", "EU 2024/1157 Art. 7(8)",
                    "A guarantee covering only some shipments may be given for a general notification; a single notification's guarantee covers its shipment.");
            }

            if (c.FirstShipment is not { } first || c.LastShipment is not { } last || first < 1 || last < first || last > n.Particulars.IntendedShipments)
            {
                return Decision.Refuse("partial-guarantee-shipments", "EU 2024/1157 Art. 7(8)",
                    $"A partial guarantee names its first and last shipment, within 1-{n.Particulars.IntendedShipments}.");
            }
        }

        // One guarantee in force per shipment: a new one may not overlap one already approved and not released.
        var overlapping = n.Guarantees.FirstOrDefault(g => g.ApprovedBy.Count > 0 && g.ReleasedAt is null && g.Reference != c.Reference.Trim()
            && NotificationEvolution.Overlap(g.FirstShipment, g.LastShipment, c.FirstShipment, c.LastShipment));
        if (overlapping is not null)
        {
            return Decision.Refuse("guarantee-overlaps", "EU 2024/1157 Art. 7(8)-(9)",
                $"Guarantee {overlapping.Reference}, approved, already covers {overlapping.ShipmentsCovered}; a partial guarantee covers other shipments.");
        }

        return Decision.Accept(new FinancialGuaranteeRecorded(c.Kind, c.Provider.Trim(), c.Reference.Trim(), c.Amount, c.Currency, c.Coverage.Trim(), c.ValidUntil, now,
            c.Cover, c.FirstShipment, c.LastShipment));
    }

    /// <summary>EU 2024/1157 Art. 7(1) (the authority of dispatch), Basel Art. 6(11) (the state that required it): approval before the first shipment.</summary>
    public static Decision ApproveGuarantee(NotificationState n, Actor actor, ApproveGuarantee command, DateTimeOffset now)
    {
        var approvers = ShipmentRules.GuaranteeApprovers(n);
        if (!approvers.Contains(actor.State, StringComparer.OrdinalIgnoreCase))
        {
            return Decision.Refuse(new Refusal("not-the-approving-authority", n.Regime.Regime == ControlRegime.Eu ? "EU 2024/1157 Art. 7(1)" : "Basel Art. 6(11)",
                approvers.Count == 0 ? "No authority of this notification requires a guarantee."
                    : $"The guarantee is approved by {string.Join(", ", approvers)}.", RefusalKind.NotPermitted));
        }

        var g = command.Reference is { } reference ? n.Guarantees.FirstOrDefault(x => x.Reference == reference.Trim()) : n.Guarantee;
        if (g is null) return Decision.Refuse("no-guarantee-recorded", "Basel Art. 6(11)", command.Reference is null ? "No insurance or guarantee has been recorded yet." : $"No guarantee {command.Reference} is recorded.");
        if (g.ApprovedBy.Contains(actor.State)) return Decision.Refuse("already-approved", "Basel Art. 6(11)", $"{actor.State} already approved guarantee {g.Reference}.");

        // EU 2024/1157 Art. 7(1): the guarantee covers transport, recovery or disposal (interim included) and 90 days'
        // storage; Art. 7(4): the dispatch authority approves its form, wording and amount, so one that does not declare all three is refused.
        if (n.Regime.Regime == ControlRegime.Eu && (g.Cover?.Missing() ?? ["transport", "recovery or disposal", "storage for 90 days"]) is { Count: > 0 } missing)
        {
            return Decision.Refuse("guarantee-cover-incomplete", "EU 2024/1157 Art. 7(1), 7(4)",
                $"Guarantee {g.Reference} does not declare that it covers {string.Join(", ", missing)}; it must cover the costs of transport, recovery or disposal and storage for 90 days.");
        }

        return Decision.Accept(new FinancialGuaranteeApproved(actor.State, now, g.Reference));
    }

    /// <summary>
    /// EU 2024/1157 Art. 7(5): released by the dispatch authority when the certificate (or return) of every shipment it
    /// covers is in; a partial guarantee is released with its own shipments (Art. 7(9)), while others still travel.
    /// </summary>
    public static Decision ReleaseGuarantee(NotificationState n, Actor actor, ReleaseGuarantee command, DateTimeOffset now)
    {
        if (!actor.IsAuthorityOf(n.StateOfExport)) return Decision.Refuse(Shipping.OnlyExport(n, "releases the guarantee"));
        var g = command.Reference is { } reference ? n.Guarantees.FirstOrDefault(x => x.Reference == reference.Trim()) : n.Guarantee;
        if (g is null || g.ApprovedBy.Count == 0) return Decision.Refuse("no-guarantee-recorded", "EU 2024/1157 Art. 7", "No approved guarantee to release.");
        if (g.ReleasedAt is not null) return Decision.Refuse("already-released", "EU 2024/1157 Art. 7(5)", $"Guarantee {g.Reference} was already released.");
        var open = n.Shipments.Where(s => s.Outcome is null && g.Covers(s.ShipmentNumber)).Select(s => s.ShipmentNumber).ToArray();
        // More shipments may still follow under it: those of its range (or of the notification) not yet announced.
        var toFollow = n.IsTerminal || n.ShipmentsRemaining <= 0 || n.QuantityRemaining <= 0
            ? []
            : Enumerable.Range(n.Shipments.Count + 1, n.ShipmentsRemaining).Where(g.Covers).ToArray();
        if (open.Length > 0 || toFollow.Length > 0)
        {
            return Decision.Refuse("certificates-outstanding", "EU 2024/1157 Art. 7(5)",
                open.Length > 0
                    ? $"The guarantee is released only when the certificate of every shipment it covers has arrived; shipments {string.Join(", ", open)} are not concluded."
                    : $"More shipments may still follow under guarantee {g.Reference} ({g.ShipmentsCovered}).");
        }

        return Decision.Accept(new FinancialGuaranteeReleased(actor.State, now, g.Reference));
    }
}
