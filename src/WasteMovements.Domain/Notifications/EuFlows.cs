using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Notifications;

/// <summary>
/// Which part of Regulation (EU) 2024/1157 a shipment under the EU regime falls in: Title II within the Union,
/// Title IV exports, Title V imports, Title VI transit through the Union (docs/law.md, "EU flows with third countries").
/// </summary>
public enum EuFlow
{
    /// <summary>Title II: dispatch and destination in the Union (Art. 34-35 where a transit state is outside it).</summary>
    IntraUnion,
    /// <summary>Art. 32: between an outermost region and the Member State of which it is part, through another Member State.</summary>
    OutermostRegion,
    /// <summary>Art. 37-38: export for disposal to an EFTA country that is a Party to the Basel Convention.</summary>
    ExportForDisposalToEfta,
    /// <summary>Art. 44: export for recovery to a country to which the OECD Decision applies.</summary>
    ExportForRecoveryToOecd,
    /// <summary>Art. 39-40: export for recovery to a country to which the OECD Decision does not apply (Art. 38 procedure, Art. 40(4)).</summary>
    ExportForRecoveryToNonOecd,
    /// <summary>Art. 49: export to an overseas country or territory (recovery only; Title II mutatis mutandis).</summary>
    ExportToOverseasTerritory,
    /// <summary>Art. 53: import for recovery from and through countries to which the OECD Decision applies.</summary>
    ImportFromOecd,
    /// <summary>Art. 51, 54: import for disposal from a Basel Party, or for recovery from or through a non-OECD country.</summary>
    ImportFromThirdCountry,
    /// <summary>Art. 56: import from an overseas country or territory (Title II mutatis mutandis).</summary>
    ImportFromOverseasTerritory,
    /// <summary>Art. 57-58: from and to third countries through Member States.</summary>
    TransitThroughUnion,
}

/// <summary>
/// What the Regulation says about one authority's state, copied from the registry at filing (as the tacit transit
/// flag is) so that a later registry edit never changes an old file. Old events have none: their authorities read
/// as Member State authorities of an intra-Union shipment (the rule before flows were recorded).
/// </summary>
public sealed record AuthorityProfile(bool InUnion, bool Oecd, bool BaselParty, bool DeclaredNoWrittenTransitConsent);

/// <summary>Where an authority's decision period starts.</summary>
public enum PeriodStart
{
    /// <summary>EU 2024/1157 Art. 9(1): the destination's Art. 8(12) information (here its acknowledgement).</summary>
    DestinationInformation,
    /// <summary>Art. 34(b), 38(2)(f), 44(6)(a), 51(2)(e): the transit authority's own acknowledgement of receipt.</summary>
    OwnAcknowledgement,
    /// <summary>Art. 34(c): a period agreed between the competent authorities; no day count.</summary>
    Agreed,
}

/// <summary>One authority's part in an EU flow: whether its silence is consent, its period and the article that says so.</summary>
public sealed record AuthorityRule(bool SilenceIsConsent, PeriodStart Start, int Days, bool WorkingDays, string Article)
{
    public string Basis => Start switch
    {
        PeriodStart.Agreed => $"period agreed between the competent authorities ({Article})",
        PeriodStart.OwnAcknowledgement => $"{Days} days from its acknowledgement of receipt ({Article})",
        _ when WorkingDays => $"{Days} working days from the Art. 8(12) information ({Article})",
        _ => $"{Days} days from the Art. 8(12) information ({Article})",
    };
}

/// <summary>
/// The rules Regulation (EU) 2024/1157 gives each authority in a shipment with a third country (Titles IV-VI and
/// Art. 32, 34, 35), as a pure function of the flow, the authority's state profile and its role.
/// </summary>
public static class EuFlows
{
    public const int ThirdCountryTransitDays = 60;
    /// <summary>Art. 38(2)(g), 44(6)(b): the dispatch authority decides not earlier than 61 days after the transit acknowledgement.</summary>
    public const int DispatchWaitsDays = 61;
    public const int OutermostRegionTransitWorkingDays = 7;
    public const int OecdReceiptWorkingDays = 3;

    /// <summary>The flow a filing falls in, from the states' effective registry profiles (territories resolved).</summary>
    public static EuFlow Classify(CountryProfile export, CountryProfile import, IReadOnlyList<CountryProfile> transits, bool recovery)
    {
        if (export.Eu && import.Eu)
        {
            // Art. 32: between an outermost region and its own Member State, through another Member State.
            var outermost = export.EuStatus == EuTerritoryStatus.OutermostRegion || import.EuStatus == EuTerritoryStatus.OutermostRegion;
            return outermost && export.Sovereign == import.Sovereign ? EuFlow.OutermostRegion : EuFlow.IntraUnion;
        }

        if (export.Eu)
        {
            if (import.OverseasCountryOrTerritory) return EuFlow.ExportToOverseasTerritory;
            if (!recovery) return EuFlow.ExportForDisposalToEfta;
            return import.Oecd ? EuFlow.ExportForRecoveryToOecd : EuFlow.ExportForRecoveryToNonOecd;
        }

        if (import.Eu)
        {
            if (export.OverseasCountryOrTerritory) return EuFlow.ImportFromOverseasTerritory;
            // Art. 53(1): from and through OECD countries; otherwise Art. 54 (recovery) or Art. 51 (disposal).
            return recovery && export.Oecd && transits.Where(t => !t.Eu).All(t => t.Oecd) ? EuFlow.ImportFromOecd : EuFlow.ImportFromThirdCountry;
        }

        return EuFlow.TransitThroughUnion;
    }

    public static AuthorityProfile ProfileOf(CountryProfile state) =>
        new(state.Eu, state.Oecd, state.BaselParty, state.HasSourcedTacitTransitDeclaration);

    /// <summary>The article that sets up the flow, shown with it.</summary>
    public static string Article(EuFlow flow) => flow switch
    {
        EuFlow.IntraUnion => "EU 2024/1157 Title II, Art. 34-35",
        EuFlow.OutermostRegion => "EU 2024/1157 Art. 32",
        EuFlow.ExportForDisposalToEfta => "EU 2024/1157 Art. 37-38",
        EuFlow.ExportForRecoveryToOecd => "EU 2024/1157 Art. 44",
        EuFlow.ExportForRecoveryToNonOecd => "EU 2024/1157 Art. 38, 39-40",
        EuFlow.ExportToOverseasTerritory => "EU 2024/1157 Art. 49",
        EuFlow.ImportFromOecd => "EU 2024/1157 Art. 53",
        EuFlow.ImportFromThirdCountry => "EU 2024/1157 Art. 51, 54",
        EuFlow.ImportFromOverseasTerritory => "EU 2024/1157 Art. 56",
        _ => "EU 2024/1157 Art. 57-58",
    };

    /// <summary>Whether the OECD Decision governs the non-EU side: recovery, and the flow is one of Art. 44, 53 or 58(2).</summary>
    private static bool OecdRecoveryFlow(EuFlow flow, NotificationState n) =>
        CodeListCatalog.IsRecovery(n.Particulars.Operation)
        && (flow is EuFlow.ExportForRecoveryToOecd or EuFlow.ImportFromOecd
            || (flow == EuFlow.TransitThroughUnion && n.Authorities.Where(a => a.Profile is { InUnion: false }).All(a => a.Profile!.Oecd)));

    /// <summary>
    /// The rule for one authority of an EU file, or null for the Title II rule (Art. 9(1): destination and dispatch
    /// decide in writing within 30 days of the Art. 8(12) information; a transit authority's silence is consent).
    /// </summary>
    public static AuthorityRule? RuleFor(NotificationState n, AuthorityState a)
    {
        if (n.Regime.Regime != ControlRegime.Eu || a.Profile is not { } profile) return null;
        var flow = n.Flow ?? EuFlow.IntraUnion;
        var recovery = CodeListCatalog.IsRecovery(n.Particulars.Operation);

        if (profile.InUnion)
        {
            // Art. 32: a transit Member State between an outermost region and its Member State: 7 working days.
            return flow == EuFlow.OutermostRegion && a.Role == AuthorityRole.Transit
                ? new AuthorityRule(true, PeriodStart.DestinationInformation, OutermostRegionTransitWorkingDays, true, "EU 2024/1157 Art. 32")
                : null;
        }

        switch (a.Role)
        {
            case AuthorityRole.Transit:
                return ThirdCountryTransit(flow, profile, recovery);
            case AuthorityRole.Import when flow == EuFlow.ExportForRecoveryToOecd || (flow == EuFlow.TransitThroughUnion && OecdRecoveryFlow(flow, n)):
                // Art. 44(2)(g): the OECD destination outside the Union may consent tacitly (Title II period, Art. 9(1)).
                return new AuthorityRule(true, PeriodStart.DestinationInformation, RegimeRules.OecdEuDecisionDays, false,
                    flow == EuFlow.ExportForRecoveryToOecd ? "EU 2024/1157 Art. 44(2)(g)" : "EU 2024/1157 Art. 58(2), 53(2)(a)");
            case AuthorityRole.Export when flow == EuFlow.ImportFromOecd || (flow == EuFlow.TransitThroughUnion && OecdRecoveryFlow(flow, n)):
                // Art. 53(2)(a): the OECD dispatch authority outside the Union may consent tacitly.
                return new AuthorityRule(true, PeriodStart.DestinationInformation, RegimeRules.OecdEuDecisionDays, false,
                    flow == EuFlow.ImportFromOecd ? "EU 2024/1157 Art. 53(2)(a)" : "EU 2024/1157 Art. 58(2), 53(2)(a)");
            default:
                // Art. 38(4)(a), 49(3), 51(4)(a), 56(1): a destination or dispatch authority outside the Union consents in writing.
                return new AuthorityRule(false, PeriodStart.DestinationInformation, RegimeRules.OecdEuDecisionDays, false, WrittenArticle(flow));
        }
    }

    /// <summary>The rule of a transit authority outside the Union (also recorded as its tacit flag at filing).</summary>
    public static AuthorityRule ThirdCountryTransit(EuFlow flow, AuthorityProfile profile, bool recovery)
    {
        // Art. 35(2)(b), 44(1), 53(1), 58(2): an OECD transit country outside the Union, recovery: tacit after 30 days.
        if (recovery && profile.Oecd && flow is not EuFlow.ExportForRecoveryToNonOecd and not EuFlow.ImportFromThirdCountry)
        {
            return new AuthorityRule(true, PeriodStart.DestinationInformation, RegimeRules.OecdEuDecisionDays, false,
                flow is EuFlow.IntraUnion or EuFlow.OutermostRegion ? "EU 2024/1157 Art. 35(2)(b)" : "EU 2024/1157 Art. 9(1), 44(1), 53(1)");
        }

        // Art. 34(b), 38(2)(f), 44(6)(a), 51(2)(e): 60 days from its acknowledgement; tacit only where the country
        // declared under Basel Art. 6(4) that it does not require prior written consent.
        if (profile.BaselParty)
        {
            return new AuthorityRule(profile.DeclaredNoWrittenTransitConsent, PeriodStart.OwnAcknowledgement, ThirdCountryTransitDays, false,
                TransitArticle(flow) + "; Basel Art. 6(4)");
        }

        // Art. 34(c): a non-Party transit country is asked whether it wishes to consent in writing, within an agreed period.
        return new AuthorityRule(false, PeriodStart.Agreed, 0, false, "EU 2024/1157 Art. 34(c)");
    }

    private static string TransitArticle(EuFlow flow) => flow switch
    {
        EuFlow.IntraUnion or EuFlow.OutermostRegion => "EU 2024/1157 Art. 34(b)",
        EuFlow.ExportForDisposalToEfta or EuFlow.ExportForRecoveryToNonOecd => "EU 2024/1157 Art. 38(2)(f)",
        // Title II applies to OCT flows (Art. 49(3), 56(1)); it has no rule for third-country transit, so the Basel period is used.
        EuFlow.ExportToOverseasTerritory => "EU 2024/1157 Art. 49(3)",
        EuFlow.ImportFromOverseasTerritory => "EU 2024/1157 Art. 56(1)",
        EuFlow.ExportForRecoveryToOecd => "EU 2024/1157 Art. 44(6)(a)",
        _ => "EU 2024/1157 Art. 51(2)(e)",
    };

    private static string WrittenArticle(EuFlow flow) => flow switch
    {
        EuFlow.ExportForDisposalToEfta or EuFlow.ExportForRecoveryToNonOecd => "EU 2024/1157 Art. 38(4)(a)",
        EuFlow.ExportToOverseasTerritory => "EU 2024/1157 Art. 49(3)",
        EuFlow.ImportFromOverseasTerritory => "EU 2024/1157 Art. 56(1)",
        EuFlow.TransitThroughUnion => "EU 2024/1157 Art. 57, 51(4)(a)",
        _ => "EU 2024/1157 Art. 51(4)(a)",
    };

    /// <summary>
    /// The decision period of an authority whose rule counts from its own acknowledgement (third-country transit),
    /// has no day count (Art. 34(c)) or counts working days (Art. 32). Null: the regime's 30-day period applies.
    /// </summary>
    public static Deadline? Period(NotificationState n, AuthorityState a, WorkingDays days, bool paused, TimeSpan pausedFor)
    {
        if (RuleFor(n, a) is not { } rule) return null;
        switch (rule.Start)
        {
            case PeriodStart.Agreed:
                return new Deadline(null, rule.Basis, paused);
            case PeriodStart.OwnAcknowledgement:
                return new Deadline(a.AcknowledgedAt?.AddDays(rule.Days) + pausedFor, rule.Basis, paused);
            case PeriodStart.DestinationInformation when rule.WorkingDays:
                var import = n.Authorities.First(x => x.Role == AuthorityRole.Import);
                return new Deadline(import.AcknowledgedAt is { } info ? days.AddWorkingDays(info, rule.Days, a.State) + pausedFor : null, rule.Basis, paused);
            default:
                return null;
        }
    }

    /// <summary>
    /// EU 2024/1157 Art. 38(2)(g) (disposal exports to EFTA, and through Art. 34(a), 35(1), 40(4) intra-Union shipments
    /// via third countries and non-OECD recovery exports) and Art. 44(6)(b) (recovery exports to OECD countries through a
    /// non-OECD country): the dispatch authority in the Union consents only after the transit authority outside the
    /// Union consented (tacitly or in writing), for Art. 38 after the destination's written consent, and not earlier
    /// than 61 days after that transit authority's acknowledgement, unless every other authority consented in writing.
    /// </summary>
    public static Refusal? DispatchMayNotYetConsent(NotificationState n, AuthorityState dispatch, DateTimeOffset now)
    {
        if (n.Regime.Regime != ControlRegime.Eu || dispatch.Role != AuthorityRole.Export || dispatch.Profile is not { InUnion: true }) return null;
        var others = n.Authorities.Where(x => x.MustConsent && x.State != dispatch.State).ToArray();
        if (others.All(x => x.Status == AuthorityStatus.Consented)) return null;

        var recovery = CodeListCatalog.IsRecovery(n.Particulars.Operation);
        var outside = others.Where(x => x.Role == AuthorityRole.Transit && x.Profile is { InUnion: false }).ToArray();
        var nonOecd = outside.Where(x => x.Profile is { Oecd: false }).ToArray();
        var (article, transits, destinationFirst) = (n.Flow ?? EuFlow.IntraUnion) switch
        {
            EuFlow.ExportForDisposalToEfta or EuFlow.ExportForRecoveryToNonOecd => ("EU 2024/1157 Art. 38(2)(g)", outside, true),
            EuFlow.ExportForRecoveryToOecd => ("EU 2024/1157 Art. 44(6)(b)", nonOecd, false),
            // Art. 34(a): disposal via any third country; Art. 35(1): recovery via a non-OECD third country.
            EuFlow.IntraUnion or EuFlow.OutermostRegion when !recovery && outside.Length > 0 => ("EU 2024/1157 Art. 34(a), 38(2)(g)", outside, true),
            EuFlow.IntraUnion or EuFlow.OutermostRegion when recovery && nonOecd.Length > 0 => ("EU 2024/1157 Art. 35(1), 34(a), 38(2)(g)", nonOecd, true),
            _ => ("", Array.Empty<AuthorityState>(), false),
        };
        if (article.Length == 0) return null;

        if (destinationFirst && n.Authorities.FirstOrDefault(x => x.Role == AuthorityRole.Import) is { Status: not AuthorityStatus.Consented } destination)
        {
            return new Refusal("dispatch-before-destination-consent", article,
                $"The dispatch authority decides only after the written consent of the destination ({destination.State}), which has not consented in writing.");
        }

        foreach (var t in transits)
        {
            if (t.AcknowledgedAt is not { } ack || now < ack.AddDays(DispatchWaitsDays))
            {
                return new Refusal("dispatch-before-transit-period", article,
                    $"The dispatch authority may decide not earlier than {DispatchWaitsDays} days after the acknowledgement of the transit authority outside the Union ({t.State})" +
                    (t.AcknowledgedAt is { } a ? $", that is from {a.AddDays(DispatchWaitsDays):yyyy-MM-dd HH:mm} UTC" : ", which has not acknowledged yet") +
                    ", unless every other authority concerned has consented in writing.");
            }

            if (!t.HasConsented)
            {
                return new Refusal("dispatch-before-transit-consent", article,
                    $"The dispatch authority decides only after the tacit or written consent of the transit authority outside the Union ({t.State}).");
            }
        }

        return null;
    }

    /// <summary>
    /// By when the facility confirms receipt: in an OECD flow 3 working days (EU 2024/1157 Art. 44(2)(i), 53(2)(e));
    /// for disposal in an EFTA country "within three days" (Art. 38(3)(f)(ii), calendar days). Null: Art. 16(5).
    /// </summary>
    public static (int Days, bool WorkingDays, string Article)? ReceiptConfirmation(EuFlow? flow) => flow switch
    {
        EuFlow.ExportForRecoveryToOecd => (OecdReceiptWorkingDays, true, "EU 2024/1157 Art. 44(2)(i)"),
        EuFlow.ImportFromOecd => (OecdReceiptWorkingDays, true, "EU 2024/1157 Art. 53(2)(e)"),
        EuFlow.ExportForDisposalToEfta => (3, false, "EU 2024/1157 Art. 38(3)(f)(ii)"),
        _ => null,
    };
}
