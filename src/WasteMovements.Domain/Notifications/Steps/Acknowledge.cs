using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Notifications;

/// <summary>POST .../acknowledgements: the authority of the state of import or of a transit state acknowledges receipt.</summary>
public sealed record AcknowledgeNotification;

public static partial class Procedure
{
    /// <summary>Basel Art. 6(4): transit acknowledges promptly; the import authority acknowledges too (OECD, EU Art. 8).</summary>
    public static Decision Acknowledge(NotificationState n, Actor actor, AcknowledgeNotification command, DateTimeOffset now)
    {
        var (authority, refusal) = ImportOrTransit(n, actor, "Basel Art. 6(4)");
        if (refusal is not null) return Decision.Refuse(refusal);
        if (Open(n) is { } closed) return Decision.Refuse(closed);
        if (authority!.AcknowledgedAt is not null)
        {
            return Decision.Refuse("already-acknowledged", "Basel Art. 6(4)",
                $"{authority.State} acknowledged notification {n.Id} on {authority.AcknowledgedAt:yyyy-MM-dd}.");
        }

        if (authority.HasDecided)
        {
            return Decision.Refuse("already-decided", "Basel Art. 6(4)", $"{authority.State} has already decided on notification {n.Id}.");
        }

        return Decision.Accept(new NotificationAcknowledged(authority.State, authority.Role, now));
    }
}
