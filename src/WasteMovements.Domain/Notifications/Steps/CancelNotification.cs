using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Notifications;

/// <summary>POST .../cancellation: the state of export cancels its notification, with the reason.</summary>
public sealed record CancelNotification(string Reason);

public static partial class Procedure
{
    /// <summary>The state of export cancels its notification (Basel Art. 6(1)); no shipment may follow.</summary>
    public static Decision Cancel(NotificationState n, Actor actor, CancelNotification command, DateTimeOffset now)
    {
        if (OnlyStateOfExport(n, actor, "may cancel the notification") is { } refusal) return Decision.Refuse(refusal);
        if (n.Status is NotificationStatus.Cancelled or NotificationStatus.Closed) return Decision.Refuse(Open(n)!);
        return Decision.Accept(new NotificationCancelled(command.Reason.Trim(), now));
    }
}
