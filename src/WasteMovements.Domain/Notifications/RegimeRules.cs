using WasteMovements.Domain.CodeLists;

namespace WasteMovements.Domain.Notifications;

/// <summary>
/// A deadline of an authority: when it falls (null: no day count, e.g. "promptly", or a calendar the count needs is
/// missing, then <paramref name="CalendarMissing"/> says which and the authority sets the end itself), and its basis.
/// </summary>
public sealed record Deadline(DateTimeOffset? DueAt, string Basis, bool Paused = false, string? CalendarMissing = null);

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
                ControlRegime.Oecd => Periods.WorkingDaysAfter(a.ReceivedAt, AcknowledgementWorkingDays, a.State, days)
                    .ToDeadline("3 working days (OECD C(2001)107, amber procedure)"),
                _ => Periods.WorkingDaysAfter(a.ReceivedAt, AcknowledgementWorkingDays, a.State, days)
                    .ToDeadline("3 working days (EU 2024/1157 Art. 8(11))"),
            };

    /// <summary>
    /// The decision period of an authority that has not decided. Basel and OECD: lengthened by the time its own
    /// information requests were open (each request pauses that authority's clock). EU: the 30 days run from the
    /// start <see cref="DecisionClock"/> gives, with no pause (Art. 9(1) gives none), counted per 1182/71 (<see cref="Periods"/>).
    /// </summary>
    public static Deadline? Decision(NotificationState n, AuthorityState a, WorkingDays days)
    {
        // An objection keeps its period: it must be resolved within it (EU 2024/1157 Art. 12(4)).
        if (!MustConsent(n.Regime.Regime, a.Role) || (a.HasDecided && a.Status != AuthorityStatus.Objected)) return null;
        var eu = n.Regime.Regime == ControlRegime.Eu;
        var paused = !eu && n.InformationRequests.Any(r => r.State == a.State && r.AnsweredAt is null);
        var pausedFor = eu ? TimeSpan.Zero : n.PausedFor(a.State);

        // EU flows with third countries: a period from the authority's own acknowledgement, an agreed period or working days.
        if (EuFlows.Period(n, a, days, paused, pausedFor) is { } own) return own;

        if (n.Regime.Regime == ControlRegime.Basel)
        {
            return a.Role == AuthorityRole.Transit
                ? Periods.Days(a.ReceivedAt, BaselTransitDays, a.State, rollOver: false, days)
                    .ToDeadline("60 days from receipt (Basel Art. 6(4))", paused, pausedFor)
                : new Deadline(null, "no deadline: written answer (Basel Art. 6(2))", paused);
        }

        var (start, from) = DecisionClock.Start(n);
        if (start is not { } started) return new Deadline(null, $"{OecdEuDecisionDays} days from {from}", paused);

        if (n.PreconsentedFacility)
        {
            return Periods.WorkingDaysAfter(started, PreconsentedWorkingDays, a.State, days).ToDeadline(
                n.Regime.Regime == ControlRegime.Oecd
                    ? "7 working days, pre-consented facility (OECD C(2001)107)"
                    : "7 working days, pre-consented facility (EU 2024/1157 Art. 14(14))", paused, pausedFor);
        }

        return Periods.Days(started, OecdEuDecisionDays, a.State, Periods.RollsOver(n.Regime.Regime), days)
            .ToDeadline($"{OecdEuDecisionDays} days from {from}" + (eu ? $", counted per {Periods.CountingArticle}" : ""), paused, pausedFor);
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
        _ when n.PreconsentedFacility && n.Particulars.Kind == NotificationKind.General =>
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
