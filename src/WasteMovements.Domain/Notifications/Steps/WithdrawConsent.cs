using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Notifications;

/// <summary>POST .../withdrawals: the state that consented withdraws its consent, with the reason.</summary>
public sealed record WithdrawConsent(string Reason);

public static partial class Procedure
{
    /// <summary>EU 2024/1157 Art. 9(7)-(8), OECD: the state that consented withdraws its consent; later shipments are refused.</summary>
    public static Decision WithdrawConsent(NotificationState n, Actor actor, WithdrawConsent command, DateTimeOffset now)
    {
        if (!n.Concerns(actor.State)) return Decision.Refuse(NotConcerned(n, actor));
        var authority = n.AuthorityOf(actor.State);
        if (authority is null || !authority.HasConsented)
        {
            return Decision.Refuse(new Refusal("no-consent-to-withdraw", "EU 2024/1157 Art. 9(7)",
                $"{actor.State} has not consented to notification {n.Id}; only the state that consented may withdraw its consent.",
                authority is null ? RefusalKind.NotPermitted : RefusalKind.RuleViolated));
        }

        if (n.Status is NotificationStatus.Cancelled or NotificationStatus.Expired or NotificationStatus.Closed && Open(n) is { } closed)
        {
            return Decision.Refuse(closed);
        }

        return Decision.Accept(new ConsentWithdrawn(authority.State, command.Reason.Trim(), now));
    }
}
