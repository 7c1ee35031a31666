using WasteMovements.Domain.Common;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Domain.Notifications;

/// <summary>POST .../guarantee: the insurance, bond or guarantee covering the movement (Basel Art. 6(11); EU 2024/1157 Art. 7).</summary>
public sealed record RecordGuarantee(GuaranteeKind Kind, string Provider, string Reference, decimal Amount, string Currency, string Coverage, DateOnly ValidUntil);

/// <summary>POST .../guarantee/approval: the authority that requires the guarantee approves it.</summary>
public sealed record ApproveGuarantee;

/// <summary>POST .../guarantee/release: the state of export releases the guarantee once every shipment is concluded.</summary>
public sealed record ReleaseGuarantee;

/// <summary>
/// The financial guarantee of a notification: recorded by the state of export, approved before the first shipment
/// by the authority that requires it, released (EU) when every shipment's certificate has arrived.
/// </summary>
public static partial class Procedure
{
    /// <summary>The state of export records the insurance or guarantee (Basel Art. 6(11); EU Art. 7).</summary>
    public static Decision RecordGuarantee(NotificationState n, Actor actor, RecordGuarantee c, DateTimeOffset now)
    {
        if (!actor.IsAuthorityOf(n.StateOfExport)) return Decision.Refuse(Shipping.OnlyExport(n, "records the guarantee"));
        if (n.IsTerminal) return Decision.Refuse("notification-not-open", "Basel Art. 6(11)", $"Notification {n.Id} is {n.Status}.");
        // EU 2024/1157 Art. 7: the guarantee applies at the latest from the start of the shipment and until the completion
        // certificate, so it must at least outlast the notification's last departure.
        if (c.ValidUntil < n.Particulars.LastDeparture)
        {
            return Decision.Refuse("guarantee-validity-too-short", n.Regime.Regime == ControlRegime.Eu ? "EU 2024/1157 Art. 7" : "Basel Art. 6(11)",
                $"The guarantee ends on {c.ValidUntil:yyyy-MM-dd}, before the last departure ({n.Particulars.LastDeparture:yyyy-MM-dd}); it must run until the completion certificates.");
        }

        return Decision.Accept(new FinancialGuaranteeRecorded(c.Kind, c.Provider.Trim(), c.Reference.Trim(), c.Amount, c.Currency, c.Coverage.Trim(), c.ValidUntil, now));
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

        if (n.Guarantee is null) return Decision.Refuse("no-guarantee-recorded", "Basel Art. 6(11)", "No insurance or guarantee has been recorded yet.");
        if (n.Guarantee.ApprovedBy.Contains(actor.State)) return Decision.Refuse("already-approved", "Basel Art. 6(11)", $"{actor.State} already approved the guarantee.");
        return Decision.Accept(new FinancialGuaranteeApproved(actor.State, now));
    }

    /// <summary>EU 2024/1157 Art. 7(5): released by the dispatch authority only when every shipment's certificate (or return) is in.</summary>
    public static Decision ReleaseGuarantee(NotificationState n, Actor actor, ReleaseGuarantee command, DateTimeOffset now)
    {
        if (!actor.IsAuthorityOf(n.StateOfExport)) return Decision.Refuse(Shipping.OnlyExport(n, "releases the guarantee"));
        if (n.Guarantee is null || n.Guarantee.ApprovedBy.Count == 0) return Decision.Refuse("no-guarantee-recorded", "EU 2024/1157 Art. 7", "No approved guarantee to release.");
        if (n.Guarantee.ReleasedAt is not null) return Decision.Refuse("already-released", "EU 2024/1157 Art. 7(5)", "The guarantee was already released.");
        var open = n.Shipments.Where(s => s.Outcome is null).Select(s => s.ShipmentNumber).ToArray();
        if (open.Length > 0 || (n.ShipmentsRemaining > 0 && n.QuantityRemaining > 0 && !n.IsTerminal))
        {
            return Decision.Refuse("certificates-outstanding", "EU 2024/1157 Art. 7(5)",
                open.Length > 0
                    ? $"The guarantee is released only when the certificate of every shipment has arrived; shipments {string.Join(", ", open)} are not concluded."
                    : "More shipments may still follow under this notification.");
        }

        return Decision.Accept(new FinancialGuaranteeReleased(actor.State, now));
    }
}
