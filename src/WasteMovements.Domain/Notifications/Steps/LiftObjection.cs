using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Notifications;

/// <summary>POST .../objection-lifts: the objecting authority lifts its objection, with the reason (the problem resolved).</summary>
public sealed record LiftObjection(string Reason);

public static partial class Procedure
{
    /// <summary>
    /// EU 2024/1157 Art. 12(3)-(4): an authority that objected to a shipment for recovery lifts its objection within the
    /// 30-day decision period; it then decides again (consent, conditions or a new objection). After the period the
    /// objection can no longer be lifted: the notification has ceased to be valid (12(4)).
    /// </summary>
    public static Decision LiftObjection(NotificationState n, Actor actor, LiftObjection command, DateTimeOffset now)
    {
        if (!n.Concerns(actor.State)) return Decision.Refuse(NotConcerned(n, actor));
        if (Open(n) is { } closed) return Decision.Refuse(closed);
        var authority = n.AuthorityOf(actor.State);
        if (authority is not { Status: AuthorityStatus.Objected })
        {
            return Decision.Refuse("no-objection-to-lift", Objections.Article123,
                $"{actor.State} has no standing objection to notification {n.Id}.");
        }

        if (authority.DecisionDeadline is { DueAt: { } end } && now >= end)
        {
            return Decision.Refuse("objection-period-ended", "EU 2024/1157 Art. 12(3), 12(4)",
                $"The decision period of {authority.State} ended on {end.AddTicks(-1):yyyy-MM-dd}; an objection not resolved within it ends the notification.");
        }

        return Decision.Accept(new ObjectionLifted(authority.State, command.Reason.Trim(), now));
    }
}
