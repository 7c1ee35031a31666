using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Notifications;

public enum ConsentDecisionKind
{
    Consent,
    Refuse,
}

/// <summary>POST .../decisions: a written consent (with conditions and validity) or a refusal with its reason.</summary>
public sealed record DecideOnConsent(
    ConsentDecisionKind Decision,
    IReadOnlyList<string>? Conditions,
    DateOnly? ValidFrom,
    DateOnly? ValidUntil,
    bool ContractConfirmed,
    string? Reason,
    bool RequiresFinancialGuarantee = false);

public static partial class Procedure
{
    /// <summary>
    /// Basel Art. 6(2)-(4), EU Art. 9-12: consent (with conditions and validity; for the import state with
    /// confirmation of the contract, Art. 6(3)(b)) or refusal. Each authority decides only for itself.
    /// </summary>
    public static Decision DecideOnConsent(NotificationState n, Actor actor, DecideOnConsent command, DateTimeOffset now)
    {
        if (!n.Concerns(actor.State)) return Decision.Refuse(NotConcerned(n, actor));
        var authority = n.AuthorityOf(actor.State);
        if (authority is null || !authority.MustConsent)
        {
            return Decision.Forbid("not-a-deciding-authority", "Basel Art. 6(2), 6(4)",
                $"Under {n.Regime.Instrument} the consent of {actor.State} (state of export) is not asked; only the states of import and transit decide.");
        }

        if (authority.Status == AuthorityStatus.TacitlyConsented)
        {
            return Decision.Refuse("tacit-consent-deemed", RegimeRules.TacitArticle(n, authority),
                $"{authority.State} gave no answer within its period and was deemed to consent on {authority.DecidedAt:yyyy-MM-dd}; a later written answer is refused.");
        }

        if (authority.HasDecided)
        {
            return Decision.Refuse("already-decided", "Basel Art. 6(2), 6(4)",
                $"{authority.State} already decided on notification {n.Id} ({authority.Status}).");
        }

        if (Open(n) is { } closed) return Decision.Refuse(closed);

        if (command.Decision == ConsentDecisionKind.Refuse)
        {
            return Decision.Accept(new ConsentRefused(authority.State, authority.Role, command.Reason!.Trim(), now));
        }

        if (authority.AcknowledgedAt is null)
        {
            return Decision.Refuse("not-acknowledged", "Basel Art. 6(4); EU 2024/1157 Art. 8",
                $"{authority.State} must acknowledge the notification before consenting.");
        }

        if (n.InformationRequests.Any(r => r.State == authority.State && r.AnsweredAt is null))
        {
            return Decision.Refuse("information-outstanding", "Basel Art. 6(2)",
                $"{authority.State} has an unanswered information request; consent waits for the answer.");
        }

        // EU 2024/1157 Art. 38(2)(g), 44(6)(b): the dispatch authority waits for the transit outside the Union.
        if (EuFlows.DispatchMayNotYetConsent(n, authority, now) is { } early) return Decision.Refuse(early);

        var validFrom = command.ValidFrom!.Value;
        var validUntil = command.ValidUntil!.Value;
        // Basel Art. 6(3); EU 2024/1157 Art. 9(4): nothing may move before consent, so a consent cannot be valid
        // from a day before it is given.
        if (validFrom < DateOnly.FromDateTime(now.UtcDateTime))
        {
            return Decision.Refuse("consent-validity-before-decision", "Basel Art. 6(3); EU 2024/1157 Art. 9(4)",
                $"A consent given on {now:yyyy-MM-dd} cannot be valid from {validFrom:yyyy-MM-dd}: no movement may precede consent.");
        }

        if (validUntil < DateOnly.FromDateTime(now.UtcDateTime))
        {
            return Decision.Refuse("consent-validity-in-the-past", "EU 2024/1157 Art. 9(4)",
                $"The consent would already have expired ({validUntil:yyyy-MM-dd}).");
        }

        if (RegimeRules.MaximumValidity(n) is { } max && validUntil >= validFrom.AddMonths(max.Months))
        {
            return Decision.Refuse("consent-validity-too-long", max.Article,
                $"Consent under {n.Regime.Instrument} may be valid for at most {max.Months} months; {validFrom:yyyy-MM-dd} to {validUntil:yyyy-MM-dd} is longer.");
        }

        if (authority.Role == AuthorityRole.Import && !command.ContractConfirmed)
        {
            return Decision.Refuse("contract-not-confirmed", "Basel Art. 6(3)(b)",
                "The state of import must confirm that a contract between exporter and disposer requiring environmentally sound management exists.");
        }

        var conditions = (command.Conditions ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).ToArray();
        return Decision.Accept(new ConsentGranted(authority.State, authority.Role, conditions, validFrom, validUntil,
            authority.Role == AuthorityRole.Import && command.ContractConfirmed, now, command.RequiresFinancialGuarantee));
    }
}
