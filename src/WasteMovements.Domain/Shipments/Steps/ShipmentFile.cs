using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.Shipments;

/// <summary>
/// What a step on a shipment decides on: the shipment and the notification it moves under (its consents,
/// caps and states concerned). The write pipeline locks both, the notification first.
/// </summary>
public sealed record ShipmentFile(ShipmentState Shipment, NotificationState Notification);

/// <summary>
/// The shipment side of the procedure as pure decisions of the shape <see cref="Step{TState,TCommand}"/>, one
/// file per step (announcing, moving, receiving, take-back, completing, illegal traffic, closing). This file
/// holds what several steps share.
/// </summary>
public static partial class Shipping
{
    /// <summary>Default tolerance between announced and received quantity before a discrepancy is flagged.</summary>
    public const decimal DefaultTolerancePercent = 5m;

    public static string ShipmentId(string notificationNumber, int shipmentNumber) => $"{notificationNumber}-{shipmentNumber:D3}";

    internal static Refusal OnlyExport(NotificationState n, string step) => new("not-state-of-export", "Basel Art. 6(1), 6(9)",
        $"Only the competent authority of the state of export ({n.StateOfExport}) {step}.", RefusalKind.NotPermitted);

    private static Refusal OnlyFacility(ShipmentState s) => new("not-the-facility", "Basel Art. 6(9)",
        $"Only the facility named for this shipment ({s.FacilityId}) may do this.", RefusalKind.NotPermitted);

    /// <summary>When the last consent (written or tacit) was given: no movement may start before it.</summary>
    internal static DateTimeOffset? LastConsent(NotificationState n) =>
        n.Authorities.Where(a => a.HasConsented && a.DecidedAt is not null).Select(a => a.DecidedAt).Max();

    /// <summary>
    /// A carrier the notification does not name, if any. Basel Annex V A item 5 asks for the intended carriers "if
    /// known": a notification that names none accepts any carrier outside the EU regime, where the notification
    /// must name them (Annex IA).
    /// </summary>
    internal static string? UnnotifiedCarrier(NotificationState n, IEnumerable<string> carriers)
    {
        var named = n.Particulars.Carriers;
        if (named.Count == 0 && n.Regime.Regime != ControlRegime.Eu) return null;
        return carriers.Select(c => c.Trim()).FirstOrDefault(c => !named.Any(x => string.Equals(x.Name, c, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// EU 2024/1157 Art. 17: another carrier is an essential change of the notified particulars, recorded first as a
    /// change (POST /api/notifications/{number}/changes) that the authorities concerned answer within 5 working days.
    /// </summary>
    internal static Refusal CarrierChange(NotificationState n, string carrier) => new("carrier-not-notified",
        n.Regime.Regime == ControlRegime.Eu ? "EU 2024/1157 Art. 17(1)" : "Basel Annex V A item 5, Art. 6(9)",
        $"{carrier} is not a carrier of notification {n.Id} (particulars version {n.ParticularsVersion}): a change of carrier is first recorded as a change " +
        $"(POST /api/notifications/{n.Id}/changes, EU 2024/1157 Art. 17) and answered by the authorities concerned.");

    /// <summary>EU 2024/1157 Art. 17(2): a planned shipment does not take place until the authorities concerned have answered the change.</summary>
    internal static Refusal? PendingChange(NotificationState n) => n.PendingChange is { } change
        ? new Refusal("change-pending", "EU 2024/1157 Art. 17(2)",
            $"Change {change.ChangeId} of notification {n.Id} waits for the answers of {string.Join(", ", change.Answers.Where(a => a.AnsweredAt is null).Select(a => a.State))}: no planned shipment takes place until they have answered.")
        : null;
}
