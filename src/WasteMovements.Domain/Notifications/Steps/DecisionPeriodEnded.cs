using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Notifications;

/// <summary>A scheduled deadline: the decision period of <paramref name="State"/>'s authority ended.</summary>
public sealed record EndDecisionPeriod(string State);

public static partial class Procedure
{
    /// <summary>
    /// A decision period ended: an authority whose silence is consent (Basel Art. 6(4) where declared; OECD; EU
    /// Art. 9(1) for transit) and which has neither decided nor an open information request is deemed to consent.
    /// Anything else: nothing happens (the deadline was met, moved by a pause, or no longer applies).
    /// </summary>
    public static Decision DecisionPeriodEnded(NotificationState n, Actor actor, EndDecisionPeriod command, DateTimeOffset now)
    {
        var authority = n.AuthorityOf(command.State);
        if (authority is null || Open(n) is not null) return Decision.Accept();
        if (authority.Status == AuthorityStatus.Objected)
        {
            // EU 2024/1157 Art. 12(4): the objection was not lifted within the period.
            return authority.DecisionDeadline is { DueAt: { } end } && now >= end
                ? Decision.Accept(new NotificationCeasedToBeValid(
                    n.Authorities.Where(a => a.Status == AuthorityStatus.Objected).Select(a => a.State).ToArray(), now, Objections.Article124, authority.State))
                : Decision.Accept();
        }

        if (authority.HasDecided) return Decision.Accept();
        if (!RegimeRules.SilenceIsConsent(n, authority)) return Decision.Accept();
        if (authority.DecisionDeadline is not { DueAt: { } due, Paused: false } || now < due) return Decision.Accept();

        var article = RegimeRules.TacitArticle(n, authority);
        var validUntil = RegimeRules.TacitValidity(n, now);
        return authority.Role == AuthorityRole.Transit
            ? Decision.Accept(new TransitConsentDeemed(authority.State, now, validUntil, article))
            : Decision.Accept(new ConsentDeemed(authority.State, authority.Role, now, validUntil, article));
    }
}
