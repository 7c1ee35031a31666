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
}
