using System.Text.RegularExpressions;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Interim;
using WasteMovements.Domain.Notifications.Mercury;
using WasteMovements.Domain.Notifications.Pops;
using WasteMovements.Domain.PreconsentedFacilities;

namespace WasteMovements.Domain.Notifications;

/// <summary>
/// What filing starts from: the number the state of export's sequence gave, the registry in force, and the records the
/// filing names, loaded by the endpoint: the pre-consent register entry (EU 2024/1157 Art. 14) and the earlier
/// notification of an onward delivery (Art. 15(7)-(8)).
/// </summary>
public sealed record NewNotification(string Number, CountryRegistry Registry, PreconsentedFacilityEntry? Preconsent = null, NotificationState? Earlier = null);

/// <summary>
/// Filing a notification (Basel Art. 6(1)): the country-level rules that refuse a movement outright,
/// checked against the registry as it stands on the filing date. Input shape and code-list checks are the
/// validator's job (HTTP 400); these are the rules of the procedure (HTTP 409, naming the article).
/// </summary>
public static partial class Filing
{
    /// <summary>Art. 4(6): no export for disposal within the area south of 60 degrees South latitude.</summary>
    public const double SouthOf60Latitude = -60.0;

    /// <summary>
    /// The checks that can refuse a filing: who files (Art. 6(1)), the country rules and the
    /// general-notification period. Returns null when the notification may be filed.
    /// </summary>
    public static Refusal? Check(NotificationParticulars p, Actor actor, CountryRegistry registry, DateTimeOffset now,
        PreconsentedFacilityEntry? preconsent = null, NotificationState? earlier = null)
    {
        // Art. 6(1): the notification is filed through the competent authority of the state of export.
        if (!actor.IsAuthorityOf(p.StateOfExport))
        {
            return new Refusal("not-state-of-export", "Basel Art. 6(1)",
                $"Only the competent authority of the state of export ({p.StateOfExport}) may file this notification; you act for {actor.ActingFor}.",
                RefusalKind.NotPermitted);
        }

        var refusal = CheckCountryRules(p, registry, now);
        if (refusal is not null) return refusal;

        var regime = RegimeOf(p, registry);

        if (CheckWasteCodes(p.Waste, regime) is { } codes) return codes;

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // Stockholm Art. 6(1)(d)(ii); EU 2019/1021 Art. 7(2), Annex V Part 1: POPs at or above the limit are destroyed.
        if (PopsRules.Check(p, regime, today) is { } pops) return pops;

        // Minamata Art. 11(2)-(3): the mercury category, and recovery only for an allowed use.
        if (MercuryRules.Check(p, today) is { } mercury) return mercury;

        // Basel Art. 6(6)-(8), Annex V A item 9; EU 2024/1157 Art. 13: several shipments make a general notification.
        if (p.Kind == NotificationKind.Single && p.IntendedShipments > 1)
        {
            return new Refusal("single-notification-several-shipments", "Basel Art. 6(6)-(8); EU 2024/1157 Art. 13",
                $"A single notification covers one shipment; {p.IntendedShipments} shipments need a general notification.");
        }

        // EU 2024/1157 Art. 14; OECD Decision (Case 2): a claim of pre-consent stands only on the register of the state of destination.
        if (PreconsentClaim.Check(p, preconsent, now) is { } preconsentRefusal) return preconsentRefusal;

        // Basel Annex IV D13-D15, R12-R13; EU 2024/1157 Art. 15: subsequent facilities, and the link of an onward delivery.
        if (InterimOperations.CheckFiling(p, regime, earlier) is { } interimRefusal) return interimRefusal;

        // Basel Art. 6(8): a general notification covers at most 12 months; a general notification to a
        // pre-consented facility up to 3 years (EU 2024/1157 Art. 14(12); OECD likewise).
        var preconsentedGeneral = p.ClaimsPreconsent && regime != ControlRegime.Basel;
        var months = preconsentedGeneral ? 36 : 12;
        if (p.Kind == NotificationKind.General && p.LastDeparture > p.FirstDeparture.AddMonths(months))
        {
            return new Refusal("general-notification-period", preconsentedGeneral ? (regime == ControlRegime.Eu ? "EU 2024/1157 Art. 14(12)" : "OECD C(2001)107 (pre-consented facilities)") : "Basel Art. 6(8)",
                $"A general notification may cover at most {months} months; {p.FirstDeparture:yyyy-MM-dd} to {p.LastDeparture:yyyy-MM-dd} is longer.");
        }

        return null;
    }

    /// <summary>
    /// The codes the regime requires. EU 2024/1157 Art. 5(10): the waste is identified by one code of Annex III, IIIA,
    /// IIIB or IV (the OECD amber codes are Annex IV entries), or, unlisted, by its list-of-waste codes: the Regulation
    /// asks for no Y code then. Under the Basel Convention (Annex V A item 13) and the OECD Decision the Y code stays
    /// required. A mixture not covered by a single entry names a code per fraction, in order of importance (Art. 5(10)(b)).
    /// </summary>
    public static Refusal? CheckWasteCodes(WasteDescription w, ControlRegime regime)
    {
        if (w.YCodes.Count == 0 && YCodeOptionalInTheUnion(w) && regime != ControlRegime.Eu)
        {
            return new Refusal("y-code-required", "Basel Annex V A item 13",
                "Outside the EU Regulation the notification names the waste's Y code (Basel Annex I or II); only EU 2024/1157 Art. 5(10) identifies an OECD amber or unlisted waste without one.");
        }

        if (regime == ControlRegime.Eu && w.Mixture && w.FractionCodes.Count < 2)
        {
            return new Refusal("mixture-fractions-required", "EU 2024/1157 Art. 5(10)(b)",
                "A mixture of wastes not covered by a single entry names the code of each fraction, in order of importance (at least two fractions).");
        }

        return null;
    }

    /// <summary>EU 2024/1157 Art. 5(10): an OECD amber code (Part II, AA-AD) identifies the waste, or it is unlisted (no Basel or OECD code).</summary>
    public static bool YCodeOptionalInTheUnion(WasteDescription w) =>
        (w.OecdCode is { } o && OecdAmberPartTwo().IsMatch(o)) || (w.BaselCode is null && w.OecdCode is null);

    [GeneratedRegex("^A[A-D][0-9]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex OecdAmberPartTwo();

    /// <summary>The EFTA states: the only destinations outside the Union for waste exported for disposal (EU 2024/1157 Art. 37).</summary>
    public static readonly IReadOnlySet<string> Efta = new HashSet<string> { "CH", "IS", "LI", "NO" };

    /// <summary>EU 2024/1157 Art. 39(1)(d): the export ban on B3011 plastic waste to non-OECD countries applies from 21 November 2026 (Art. 86).</summary>
    public static readonly DateOnly PlasticExportBanApplies = new(2026, 11, 21);

    /// <summary>
    /// The Union's export bans (EU 2024/1157 Title IV): for disposal, only to EFTA countries that are Parties to the
    /// Basel Convention (Art. 37); for recovery to countries to which the OECD Decision does not apply, no hazardous
    /// waste, no B3011 plastic waste (from 21 November 2026) and no waste with POPs at or above the limits of Reg.
    /// (EU) 2019/1021 Annex IV (Art. 39(1)). POPs are read from the named concentrations against the Annex IV limits in
    /// force that day (PopsRules.AtOrAboveLimit); a file naming none reads its `containsPops` flag as "at or above the
    /// limits". The Annex V Part 2 list and the Art. 40 rules (from 21 May 2027) are not shipped yet.
    /// </summary>
    public static Refusal? EuExportBan(NotificationParticulars p, CountryProfile export, CountryProfile import, bool recovery, DateTimeOffset now)
    {
        if (!export.Eu || import.Eu) return null;

        // Art. 49(1): no export to an overseas country or territory for disposal; 49(2): for recovery the Art. 39
        // prohibitions apply as to a country to which the OECD Decision does not apply.
        if (import.OverseasCountryOrTerritory && !recovery)
        {
            return new Refusal("eu-export-to-oct-for-disposal", "EU 2024/1157 Art. 49(1)",
                $"Waste may not be exported from the Union to {import.Name} ({import.Code}), an overseas country or territory, for disposal.");
        }

        if (!recovery)
        {
            return Efta.Contains(import.Code) && import.BaselParty
                ? null
                : new Refusal("eu-export-for-disposal", "EU 2024/1157 Art. 37",
                    $"Waste may be exported from the Union for disposal only to EFTA countries that are Parties to the Basel Convention; {import.Code} is not one.");
        }

        if (import.Oecd && !import.OverseasCountryOrTerritory) return null;
        var article = import.OverseasCountryOrTerritory ? "EU 2024/1157 Art. 49(2), 39(1)" : "EU 2024/1157 Art. 39(1)";
        if (IsHazardous(p.Waste))
        {
            return new Refusal("eu-export-ban-hazardous", article,
                $"Hazardous waste may not be exported from the Union for recovery to {import.Code}, to which the OECD Decision does not apply.");
        }

        // Art. 39(1)(i): wastes the destination notified as hazardous under Basel Art. 3 (a sourced national definition).
        if (import.DefinesAsHazardous(p.AllWasteCodes()))
        {
            return new Refusal("eu-export-ban-national-definition", import.OverseasCountryOrTerritory ? "EU 2024/1157 Art. 49(2), 39(1)(i)" : "EU 2024/1157 Art. 39(1)(i)",
                $"{import.Code} has notified these wastes as hazardous under Basel Art. 3: they may not be exported from the Union for recovery there.");
        }

        if (string.Equals(p.Waste.BaselCode, "B3011", StringComparison.OrdinalIgnoreCase) && DateOnly.FromDateTime(now.UtcDateTime) >= PlasticExportBanApplies)
        {
            return new Refusal("eu-export-ban-plastics", "EU 2024/1157 Art. 39(1)(d)",
                $"Plastic waste B3011 may not be exported from the Union to {import.Code} (non-OECD) from 21 November 2026.");
        }

        // Art. 39(1)(f): read from the concentrations against 2019/1021 Annex IV, not only from the flag.
        if (PopsRules.AtOrAboveLimit(p.Waste, PopLimitTable.Eu, DateOnly.FromDateTime(now.UtcDateTime)).Count > 0)
        {
            return new Refusal("eu-export-ban-pops", "EU 2024/1157 Art. 39(1)(f)",
                $"Waste containing persistent organic pollutants at or above the limits of Regulation (EU) 2019/1021 may not be exported from the Union to {import.Code} (non-OECD).");
        }

        return null;
    }

    /// <summary>The kind of regime the states concerned and the operation give (the instrument's version aside).</summary>
    private static ControlRegime RegimeOf(NotificationParticulars p, CountryRegistry registry)
    {
        var states = new[] { p.StateOfExport, p.StateOfImport }.Concat(p.Transits.Select(t => t.State))
            .Select(registry.Effective).Where(x => x is not null).Select(x => x!).ToArray();
        return RegimeInfo.Choose(states, p.Operation, DateOnly.MaxValue).Regime;
    }

    /// <summary>The fact of filing, once <see cref="Check"/> passed and a number was assigned.</summary>
    public static NotificationFiled Filed(NotificationParticulars p, string notificationNumber, CountryRegistry registry, DateTimeOffset now,
        PreconsentedFacilityEntry? preconsent = null)
    {
        var export = registry.Effective(p.StateOfExport)!;
        var import = registry.Effective(p.StateOfImport)!;
        var transits = p.Transits.Select(t => registry.Effective(t.State)!).ToList();
        var regime = RegimeInfo.Choose([export, import, .. transits], p.Operation, DateOnly.FromDateTime(now.UtcDateTime));
        var eu = regime.Regime == ControlRegime.Eu;
        // EU 2024/1157 Titles II, IV-VI: the flow and each authority's profile are recorded so the per-authority rules
        // (EuFlows.RuleFor) read the file as it was filed.
        AuthorityProfile? Profile(CountryProfile c) => eu ? EuFlows.ProfileOf(c) : null;

        var recovery = CodeListCatalog.IsRecovery(p.Operation);
        var flow = eu ? EuFlows.Classify(export, import, transits, recovery) : (EuFlow?)null;
        // EU: a transit state outside the Union has the tacit consent its rule gives it (EuFlows.ThirdCountryTransit).
        bool Tacit(CountryProfile t) => flow is { } f && !t.Eu
            ? EuFlows.ThirdCountryTransit(f, EuFlows.ProfileOf(t), recovery).SilenceIsConsent
            : AcceptsTacitTransitConsent(t, regime);

        var authorities = new List<ConcernedAuthority>
        {
            new(export.Code, AuthorityRole.Export, false, Profile(export)),
            new(import.Code, AuthorityRole.Import, false, Profile(import)),
        };
        authorities.AddRange(transits.Select(t => new ConcernedAuthority(t.Code, AuthorityRole.Transit, Tacit(t), Profile(t))));

        // The register entry as it stands today travels with the file (a later amendment or revocation does not change it).
        return new NotificationFiled(notificationNumber, p, regime, authorities, now, flow, Preconsent: p.ClaimsPreconsent ? preconsent?.Record() : null);
    }

    /// <summary>The filing step (Basel Art. 6(1)): the checks, then the fact that starts the notification's stream.</summary>
    public static Decision File(NewNotification file, Actor actor, NotificationParticulars p, DateTimeOffset now) =>
        Check(p, actor, file.Registry, now, file.Preconsent, file.Earlier) is { } refusal
            ? Decision.Refuse(refusal)
            : Decision.Accept(Filed(p, file.Number, file.Registry, now, file.Preconsent));

    /// <summary>
    /// Basel Art. 6(4): tacit transit consent only where the transit state declared it does not require
    /// written consent; under the OECD Decision and EU Regulation (Art. 9(1)) transit consent is tacit.
    /// </summary>
    public static bool AcceptsTacitTransitConsent(CountryProfile transit, RegimeInfo regime) =>
        // EU: Art. 9(1) for a Member State of transit (a third country's rule is EuFlows.ThirdCountryTransit).
        regime.Regime is ControlRegime.Oecd or ControlRegime.Eu || transit.HasSourcedTacitTransitDeclaration;

    /// <summary>
    /// Basel Art. 4A (Ban Amendment, decision III/1), binding an Annex VII Party (OECD, EU, Liechtenstein) that accepted
    /// it, exporting to a state not in Annex VII: 4A(1) all hazardous wastes for Annex IV A (D) operations, that is Art.
    /// 1(1)(a) wastes and wastes hazardous under the national definitions of the states of export, import or transit
    /// (Art. 1(1)(b), 3); 4A(2) Art. 1(1)(a) wastes for Annex IV B (R) operations. A territory is read as its state, so
    /// a movement between two parts of one state is not an export under 4A.
    /// </summary>
    public static Refusal? BanAmendment(NotificationParticulars p, CountryProfile export, CountryProfile import, CountryRegistry registry, bool recovery)
    {
        if (!export.AnnexVII || !export.BanAmendmentAccepted || import.AnnexVII || export.Sovereign == import.Sovereign) return null;
        if (IsHazardous(p.Waste))
        {
            return recovery
                ? new Refusal("ban-amendment-recovery", "Basel Art. 4A(2)",
                    $"{export.Code} is an Annex VII Party bound by the Ban Amendment: hazardous wastes of Art. 1(1)(a) may not be exported to {import.Code}, which is not in Annex VII, for recovery ({p.Operation}).")
                : new Refusal("ban-amendment", "Basel Art. 4A(1)",
                    $"{export.Code} is an Annex VII Party bound by the Ban Amendment: hazardous wastes may not be exported to {import.Code}, which is not in Annex VII, for disposal ({p.Operation}).");
        }

        if (recovery) return null;
        var concerned = new[] { export, import }.Concat(p.Transits.Select(t => registry.Effective(t.State)).OfType<CountryProfile>());
        var defining = concerned.FirstOrDefault(s => s.DefinesAsHazardous(p.AllWasteCodes()));
        return defining is null
            ? null
            : new Refusal("ban-amendment-national-definition", "Basel Art. 4A(1), 1(1)(b)",
                $"{defining.Code} defines these wastes as hazardous under its national law (Basel Art. 1(1)(b), 3): {export.Code}, bound by the Ban Amendment, may not export them to {import.Code}, which is not in Annex VII, for disposal ({p.Operation}).");
    }

    /// <summary>Hazardous in the sense of Art. 1(1)(a): an Annex I category (Y1-Y45) or an Annex VIII (list A) entry.</summary>
    public static bool IsHazardous(WasteDescription w) =>
        w.YCodes.Any(y => int.TryParse(y.AsSpan(1), out var n) && n is >= 1 and <= 45)
        || (w.BaselCode?.StartsWith('A') ?? false);

    public static Refusal? CheckCountryRules(NotificationParticulars p, CountryRegistry registry, DateTimeOffset now)
    {
        // Territories are read as their state (Annex VII lists states; TFEU Art. 349, 355): CountryRegistry.Effective.
        var export = registry.Effective(p.StateOfExport);
        var import = registry.Effective(p.StateOfImport);
        if (export is null || import is null)
        {
            return new Refusal("unknown-state", "Basel Art. 6(1)", "The state of export and the state of import must be in the country registry.");
        }

        // Art. 2(3): a transboundary movement goes from one state to another.
        if (string.Equals(export.Code, import.Code, StringComparison.OrdinalIgnoreCase))
        {
            return new Refusal("export-equals-import", "Basel Art. 2(3)",
                $"The state of export and the state of import are both {export.Code}: that is not a transboundary movement.");
        }

        // Art. 2(3): a movement between two parts of one Member State both in the Union (an outermost region and its
        // mainland, FR -> RE) is transport within that state (EU 2024/1157 Art. 36) unless it passes through another
        // state (then Art. 32 applies to the transit). A territory outside the Union (FR -> NC) is an export (Art. 49).
        var viaAnotherState = p.Transits.Any(t => registry.Effective(t.State) is { } transit && transit.Sovereign != export.Sovereign);
        if (export.Sovereign == import.Sovereign && export.Eu && import.Eu && !viaAnotherState)
        {
            return new Refusal("same-state-movement", "Basel Art. 2(3); EU 2024/1157 Art. 36",
                $"{export.Code} and {import.Code} are both part of {export.Sovereign} and of the Union, and the movement passes through no other state: " +
                "that is transport within a Member State, under its national regime, not a transboundary movement.");
        }

        // Art. 4(6): no export for disposal south of 60 degrees South (Antarctica, or a site placed there).
        if (import.Code == "AQ" || p.Facility.Latitude is < SouthOf60Latitude)
        {
            return new Refusal("south-of-60", "Basel Art. 4(6)",
                "No waste may be exported for disposal within the area south of 60 degrees South latitude.");
        }

        var recovery = CodeListCatalog.IsRecovery(p.Operation);

        // Art. 4(5): no export to, or import from, a non-Party unless an Art. 11 agreement covers it.
        // An agreement has a direction: the non-Party's agreement must cover its export to, or import from, the other state.
        if (!export.BaselParty && !export.HasArt11AgreementWith(import, Art11Direction.ExportsTo, p.Operation))
        {
            return new Refusal("non-party-export", "Basel Art. 4(5)",
                $"{export.Name} ({export.Code}) is not a Party to the Basel Convention and no Art. 11 agreement with {import.Code} covers this movement.");
        }

        if (!import.BaselParty && !import.HasArt11AgreementWith(export, Art11Direction.ImportsFrom, p.Operation))
        {
            return new Refusal("non-party-import", "Basel Art. 4(5)",
                $"{import.Name} ({import.Code}) is not a Party to the Basel Convention and no Art. 11 agreement with {export.Code} covers this movement.");
        }

        if (BanAmendment(p, export, import, registry, recovery) is { } banned) return banned;

        if (EuExportBan(p, export, import, recovery, now) is { } ban) return ban;

        // Art. 4(1)(a)/(b): no export to a Party that has prohibited the import of these wastes.
        var prohibition = import.ImportProhibitions.FirstOrDefault(x => x.Covers(p.AllWasteCodes(), p.Operation));
        if (prohibition is not null)
        {
            return new Refusal("import-prohibited", "Basel Art. 4(1)",
                $"{import.Name} ({import.Code}) has notified a prohibition of the import of these wastes" +
                (prohibition.Source is null ? "." : $" ({prohibition.Source})."));
        }

        return null;
    }
}
