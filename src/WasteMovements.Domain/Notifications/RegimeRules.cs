using WasteMovements.Domain.CodeLists;

namespace WasteMovements.Domain.Notifications;

/// <summary>A deadline of an authority: when it falls (null: no day count, e.g. "promptly"), and its basis.</summary>
public sealed record Deadline(DateTimeOffset? DueAt, string Basis, bool Paused = false);

/// <summary>
/// The regime table of docs/procedure.md ("Control regimes") and docs/law.md 3.13: acknowledgement and decision
/// periods, tacit consent and the longest consent validity, per regime.
/// </summary>
public static class RegimeRules
{
    public const int BaselTransitDays = 60;
    public const int OecdEuDecisionDays = 30;
    public const int AcknowledgementWorkingDays = 3;
    public const int PreconsentedWorkingDays = 7;

    /// <summary>Who must give consent before a shipment: import and transit; under the EU also dispatch (Art. 9(1)).</summary>
    public static bool MustConsent(ControlRegime regime, AuthorityRole role) =>
        role != AuthorityRole.Export || regime == ControlRegime.Eu;

    /// <summary>
    /// Whether an authority's silence becomes consent when its decision period ends: transit states that accept
    /// it (Basel Art. 6(4); OECD and EU Art. 9(1) always), and the destination under the OECD Decision.
    /// Under Basel the import state must answer in writing (Art. 6(2)); under the EU destination and dispatch
    /// decide explicitly (Art. 9(1)).
    /// </summary>
    public static bool SilenceIsConsent(ControlRegime regime, AuthorityState authority) => authority.Role switch
    {
        AuthorityRole.Transit => authority.AcceptsTacitConsent,
        AuthorityRole.Import => regime == ControlRegime.Oecd,
        _ => false,
    };

    /// <summary>
    /// The same for one authority of a file: in an EU flow with a third country the Regulation's rule for that
    /// authority (<see cref="EuFlows.RuleFor"/>: Art. 32, 34, 35, 38, 44, 51, 53, 57-58), else the regime's.
    /// </summary>
    public static bool SilenceIsConsent(NotificationState n, AuthorityState authority) =>
        EuFlows.RuleFor(n, authority) is { } rule ? rule.SilenceIsConsent : SilenceIsConsent(n.Regime.Regime, authority);

    /// <summary>The article under which this authority's silence became consent.</summary>
    public static string TacitArticle(NotificationState n, AuthorityState authority) =>
        EuFlows.RuleFor(n, authority)?.Article ?? TacitArticle(n.Regime.Regime);

    public static Deadline? Acknowledgement(RegimeInfo regime, AuthorityState a, WorkingDays days) =>
        a.Status != AuthorityStatus.Received || a.Role == AuthorityRole.Export
            ? null
            : regime.Regime switch
            {
                ControlRegime.Basel => new Deadline(null, "promptly (Basel Art. 6(4))"),
                ControlRegime.Oecd => new Deadline(days.AddWorkingDays(a.ReceivedAt, AcknowledgementWorkingDays, a.State),
                    "3 working days (OECD C(2001)107, amber procedure)"),
                _ => new Deadline(days.AddWorkingDays(a.ReceivedAt, AcknowledgementWorkingDays, a.State),
                    "3 working days (EU 2024/1157 Art. 8(11))"),
            };

    /// <summary>
    /// The decision period of an authority that has not decided, lengthened by the time its own information
    /// requests were open (each request pauses that authority's clock).
    /// </summary>
    public static Deadline? Decision(NotificationState n, AuthorityState a, WorkingDays days)
    {
        if (!MustConsent(n.Regime.Regime, a.Role) || a.HasDecided) return null;
        var paused = n.InformationRequests.Any(r => r.State == a.State && r.AnsweredAt is null);
        var pausedFor = n.PausedFor(a.State);

        // EU flows with third countries: a period from the authority's own acknowledgement, an agreed period or working days.
        if (EuFlows.Period(n, a, days, paused, pausedFor) is { } own) return own;

        if (n.Regime.Regime == ControlRegime.Basel)
        {
            return a.Role == AuthorityRole.Transit
                ? new Deadline(a.ReceivedAt.AddDays(BaselTransitDays) + pausedFor, "60 days from receipt (Basel Art. 6(4))", paused)
                : new Deadline(null, "no deadline: written answer (Basel Art. 6(2))", paused);
        }

        // OECD and EU: the period runs from the destination's acknowledgement of the complete notification.
        var import = n.Authorities.First(x => x.Role == AuthorityRole.Import);
        if (import.AcknowledgedAt is not { } acknowledged)
        {
            return new Deadline(null, n.Regime.Regime == ControlRegime.Oecd
                ? "30 days from the acknowledgement (OECD C(2001)107)"
                : "30 days from the destination's Art. 8(12) information (EU 2024/1157 Art. 9(1))", paused);
        }

        if (n.Particulars.PreconsentedFacility)
        {
            return new Deadline(days.AddWorkingDays(acknowledged, PreconsentedWorkingDays, a.State) + pausedFor,
                n.Regime.Regime == ControlRegime.Oecd
                    ? "7 working days, pre-consented facility (OECD C(2001)107)"
                    : "7 working days, pre-consented facility (EU 2024/1157 Art. 14(14))", paused);
        }

        return new Deadline(acknowledged.AddDays(OecdEuDecisionDays) + pausedFor, n.Regime.Regime == ControlRegime.Oecd
            ? "30 days from the acknowledgement (OECD C(2001)107)"
            : "30 days from the Art. 8(12) information (EU 2024/1157 Art. 9(1))", paused);
    }

    /// <summary>
    /// The longest validity a consent may have, or null where the authorities set it freely (a Basel single
    /// notification). Basel Art. 6(8): a general notification at most 12 months; OECD and EU Art. 9(4): one
    /// year, three for a general notification to a pre-consented facility (EU Art. 14(12)).
    /// </summary>
    public static (int Months, string Article)? MaximumValidity(NotificationState n) => n.Regime.Regime switch
    {
        ControlRegime.Basel when n.Particulars.Kind == NotificationKind.General => (12, "Basel Art. 6(8)"),
        ControlRegime.Basel => null,
        _ when n.Particulars.PreconsentedFacility && n.Particulars.Kind == NotificationKind.General =>
            (36, n.Regime.Regime == ControlRegime.Eu ? "EU 2024/1157 Art. 14(12)" : "OECD C(2001)107 (pre-consented facility)"),
        ControlRegime.Eu => (12, "EU 2024/1157 Art. 9(4)"),
        _ => (12, "OECD C(2001)107"),
    };

    /// <summary>Validity of a tacit consent: OECD one year from the end of the period; EU transit as the destination's (Art. 9(2)).</summary>
    public static DateOnly? TacitValidity(NotificationState n, DateTimeOffset deemedAt) => n.Regime.Regime switch
    {
        ControlRegime.Oecd => DateOnly.FromDateTime(deemedAt.UtcDateTime).AddYears(1).AddDays(-1),
        _ => null,
    };

    public static string TacitArticle(ControlRegime regime) => regime switch
    {
        ControlRegime.Basel => "Basel Art. 6(4)",
        ControlRegime.Oecd => "OECD C(2001)107 (tacit consent)",
        _ => "EU 2024/1157 Art. 9(1)",
    };
}
