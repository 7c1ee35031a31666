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

/// <summary>
/// The consent procedure's steps (Basel Art. 6, OECD amber procedure, EU 2024/1157 Art. 8-9) as pure
/// functions: the notification's current state, the acting authority and the command in; events or a
/// refusal naming the rule out. An authority acts only for its own state (403 otherwise).
/// </summary>
public static class Procedure
{
    /// <summary>EU 2024/1157 Art. 8(4), 8(9): a request and at most two further requests per authority.</summary>
    public const int EuMaximumRequests = 3;

    private static Refusal NotConcerned(NotificationState n, AuthorityActor actor) =>
        new("not-concerned", "Basel Art. 2(13)",
            $"{actor.Country} is not a state concerned by notification {n.Id}.", RefusalKind.NotPermitted);

    private static Refusal? Open(NotificationState n) => n.Status switch
    {
        NotificationStatus.Cancelled => new Refusal("notification-cancelled", "Basel Art. 6(1)",
            $"Notification {n.Id} was cancelled by the state of export."),
        NotificationStatus.Expired => new Refusal("consent-expired", "EU 2024/1157 Art. 9(4); Basel Art. 6(8)",
            $"The consent to notification {n.Id} has expired."),
        NotificationStatus.Closed => new Refusal("notification-closed", "Basel Art. 6(9)", $"Notification {n.Id} is closed."),
        NotificationStatus.Refused => new Refusal("notification-refused", "Basel Art. 6(2), 6(4)",
            $"A state concerned refused notification {n.Id}; the procedure has ended."),
        NotificationStatus.Withdrawn => new Refusal("consent-withdrawn", "EU 2024/1157 Art. 9(7)-(8)",
            $"A consent to notification {n.Id} was withdrawn; the procedure has ended."),
        _ => null,
    };

    /// <summary>The import or transit authority of the caller's state, or the reason it may not act.</summary>
    private static (AuthorityState? Authority, Refusal? Refusal) ImportOrTransit(NotificationState n, AuthorityActor actor, string article)
    {
        if (!n.Concerns(actor.Country)) return (null, NotConcerned(n, actor));
        var authority = n.AuthorityOf(actor.Country);
        if (authority is null || authority.Role == AuthorityRole.Export)
        {
            return (null, new Refusal("not-import-or-transit", article,
                $"Only the authorities of the states of import and transit act on this step; {actor.Country} is the state of export.",
                RefusalKind.NotPermitted));
        }

        return (authority, null);
    }

    /// <summary>Basel Art. 6(4): transit acknowledges promptly; the import authority acknowledges too (OECD, EU Art. 8).</summary>
    public static Decision Acknowledge(NotificationState n, AuthorityActor actor, DateTimeOffset now)
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

    /// <summary>Basel Art. 6(2), 6(4); EU Art. 8(7)-(9): an authority asks for more information; its clock pauses.</summary>
    public static Decision RequestInformation(NotificationState n, AuthorityActor actor, string requestId, string questions, DateTimeOffset now)
    {
        var (authority, refusal) = ImportOrTransit(n, actor, "Basel Art. 6(2), 6(4)");
        if (refusal is not null) return Decision.Refuse(refusal);
        if (Open(n) is { } closed) return Decision.Refuse(closed);
        if (authority!.HasDecided)
        {
            return Decision.Refuse("already-decided", "Basel Art. 6(2), 6(4)",
                $"{authority.State} has already decided on notification {n.Id}; it can no longer ask for information.");
        }

        if (n.Regime.Regime == ControlRegime.Eu && n.InformationRequests.Count(r => r.State == authority.State) >= EuMaximumRequests)
        {
            return Decision.Refuse("too-many-information-requests", "EU 2024/1157 Art. 8(9)",
                $"{authority.State} has made a request and two further requests; the notification must now be decided or declared not valid.");
        }

        return Decision.Accept(new InformationRequested(requestId, authority.State, questions, now));
    }

    /// <summary>The state of export answers an information request (the notifier's answer goes through its authority).</summary>
    public static Decision AnswerInformationRequest(
        NotificationState n, AuthorityActor actor, string requestId, string answer, IReadOnlyList<string> attachments, DateTimeOffset now)
    {
        if (!string.Equals(actor.Country, n.StateOfExport, StringComparison.OrdinalIgnoreCase))
        {
            return n.Concerns(actor.Country)
                ? Decision.Forbid("not-state-of-export", "Basel Art. 6(1)",
                    $"Only the competent authority of the state of export ({n.StateOfExport}) answers information requests.")
                : Decision.Refuse(NotConcerned(n, actor));
        }

        var request = n.InformationRequests.FirstOrDefault(r => r.RequestId == requestId);
        if (request is null)
        {
            return Decision.Refuse(new Refusal("unknown-information-request", "Basel Art. 6(2)",
                $"Notification {n.Id} has no information request {requestId}.", RefusalKind.NotFound));
        }

        if (Open(n) is { } closed) return Decision.Refuse(closed);
        if (request.AnsweredAt is not null)
        {
            return Decision.Refuse("already-answered", "Basel Art. 6(2)",
                $"Information request {requestId} was answered on {request.AnsweredAt:yyyy-MM-dd}.");
        }

        return Decision.Accept(new InformationProvided(requestId, request.State, answer, attachments, now));
    }

    /// <summary>
    /// Basel Art. 6(2)-(4), EU Art. 9-12: consent (with conditions and validity; for the import state with
    /// confirmation of the contract, Art. 6(3)(b)) or refusal. Each authority decides only for itself.
    /// </summary>
    public static Decision DecideOnConsent(NotificationState n, AuthorityActor actor, DecideOnConsent command, DateTimeOffset now)
    {
        if (!n.Concerns(actor.Country)) return Decision.Refuse(NotConcerned(n, actor));
        var authority = n.AuthorityOf(actor.Country);
        if (authority is null || !authority.MustConsent)
        {
            return Decision.Forbid("not-a-deciding-authority", "Basel Art. 6(2), 6(4)",
                $"Under {n.Regime.Instrument} the consent of {actor.Country} (state of export) is not asked; only the states of import and transit decide.");
        }

        if (authority.Status == AuthorityStatus.TacitlyConsented)
        {
            return Decision.Refuse("tacit-consent-deemed", RegimeRules.TacitArticle(n.Regime.Regime),
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

        var validFrom = command.ValidFrom!.Value;
        var validUntil = command.ValidUntil!.Value;
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

    /// <summary>EU 2024/1157 Art. 9(7)-(8), OECD: the state that consented withdraws its consent.</summary>
    public static Decision WithdrawConsent(NotificationState n, AuthorityActor actor, string reason, DateTimeOffset now)
    {
        if (!n.Concerns(actor.Country)) return Decision.Refuse(NotConcerned(n, actor));
        var authority = n.AuthorityOf(actor.Country);
        if (authority is null || !authority.HasConsented)
        {
            return Decision.Refuse(new Refusal("no-consent-to-withdraw", "EU 2024/1157 Art. 9(7)",
                $"{actor.Country} has not consented to notification {n.Id}; only the state that consented may withdraw its consent.",
                authority is null ? RefusalKind.NotPermitted : RefusalKind.RuleViolated));
        }

        if (n.Status is NotificationStatus.Cancelled or NotificationStatus.Expired or NotificationStatus.Closed && Open(n) is { } closed)
        {
            return Decision.Refuse(closed);
        }

        return Decision.Accept(new ConsentWithdrawn(authority.State, reason.Trim(), now));
    }

    /// <summary>The state of export cancels its notification; no shipment may follow.</summary>
    public static Decision Cancel(NotificationState n, AuthorityActor actor, string reason, DateTimeOffset now)
    {
        if (!string.Equals(actor.Country, n.StateOfExport, StringComparison.OrdinalIgnoreCase))
        {
            return n.Concerns(actor.Country)
                ? Decision.Forbid("not-state-of-export", "Basel Art. 6(1)",
                    $"Only the competent authority of the state of export ({n.StateOfExport}) may cancel the notification.")
                : Decision.Refuse(NotConcerned(n, actor));
        }

        if (n.Status is NotificationStatus.Cancelled or NotificationStatus.Closed)
        {
            return Decision.Refuse(Open(n)!);
        }

        return Decision.Accept(new NotificationCancelled(reason.Trim(), now));
    }

    /// <summary>
    /// A decision period ended (scheduled deadline): an authority whose silence is consent and which has
    /// neither decided nor an open information request is deemed to consent. Anything else: nothing happens
    /// (the deadline was met, moved by a pause, or no longer applies).
    /// </summary>
    public static Decision DecisionPeriodEnded(NotificationState n, string state, DateTimeOffset now)
    {
        var authority = n.AuthorityOf(state);
        if (authority is null || Open(n) is not null || authority.HasDecided) return Decision.Accept();
        if (!RegimeRules.SilenceIsConsent(n.Regime.Regime, authority)) return Decision.Accept();
        if (authority.DecisionDeadline is not { DueAt: { } due, Paused: false } || now < due) return Decision.Accept();

        var article = RegimeRules.TacitArticle(n.Regime.Regime);
        var validUntil = RegimeRules.TacitValidity(n, now);
        return authority.Role == AuthorityRole.Transit
            ? Decision.Accept(new TransitConsentDeemed(authority.State, now, validUntil, article))
            : Decision.Accept(new ConsentDeemed(authority.State, authority.Role, now, validUntil, article));
    }

    /// <summary>The consent's validity ended (scheduled at its end): the notification expires unless already ended.</summary>
    public static Decision ValidityEnded(NotificationState n, DateTimeOffset now)
    {
        if (n.Status is not (NotificationStatus.Consented or NotificationStatus.PartiallyConsented)) return Decision.Accept();
        if (n.ConsentExpiresAt is not { } expires || now < expires) return Decision.Accept();
        return Decision.Accept(new ConsentExpired(n.ConsentValidUntil!.Value, now));
    }
}
