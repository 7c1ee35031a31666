using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Notifications;

/// <summary>A scheduled deadline: the end of the consents' validity.</summary>
public sealed record EndConsentValidity;

public static partial class Procedure
{
    /// <summary>The consent's validity ended (EU Art. 9(4): the earliest end set by any authority): the notification expires unless already ended.</summary>
    public static Decision ValidityEnded(NotificationState n, Actor actor, EndConsentValidity command, DateTimeOffset now)
    {
        if (n.Status is not (NotificationStatus.Consented or NotificationStatus.PartiallyConsented)) return Decision.Accept();
        if (n.ConsentExpiresAt is not { } expires || now < expires) return Decision.Accept();
        return Decision.Accept(new ConsentExpired(n.ConsentValidUntil!.Value, now));
    }
}
