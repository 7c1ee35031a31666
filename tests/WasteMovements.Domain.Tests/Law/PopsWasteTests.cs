using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Notifications.Pops;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Law;

/// <summary>
/// POPs wastes (issue 16 item 5): at or above the low POP content limit on the day of filing, only operations that
/// destroy or irreversibly transform the POP content (Stockholm Art. 6(1)(d)(ii); EU 2019/1021 Art. 7(2), Annex V
/// Part 1), and the Union's export ban read from the concentrations (EU 2024/1157 Art. 39(1)(f)). Each test names its article.
/// </summary>
public sealed class PopsWasteTests
{
    private const string EuArticle = "EU 2019/1021 Art. 7(2), Annex V Part 1";
    private const string StockholmArticle = "Stockholm Art. 6(1)(d)(ii)";
    private const string StockholmRecoveryArticle = "Stockholm Art. 6(1)(d)(ii)-(iii)";

    private static Decision File(NotificationParticulars p, DateTimeOffset? on = null) =>
        Filing.File(new NewNotification($"{p.StateOfExport}-2026-000001", Given.Registry), Actor.Authority("alice", p.StateOfExport), p, on ?? Given.Now);

    /// <summary>The sample waste with POPs named; the PCB limit is 50 mg/kg in both tables and on every date the suite runs at.</summary>
    private static NotificationParticulars WithPops(string export, string import, string operation, params PopContent[] pops)
    {
        var p = Samples.Notification(export, import, operation: operation);
        return p with { Waste = p.Waste with { ContainsPops = true, Pops = pops } };
    }

    private static readonly PopContent PcbHigh = new("PCB", 120m);
    private static readonly PopContent PcbLow = new("PCB", 49.9m);

    [Fact]
    public void At_or_above_the_limit_recovery_of_the_POPs_is_refused_EU_2019_1021_Art_7_2_Annex_V_Part_1()
    {
        Given.Refused(File(WithPops("DE", "NL", "R3", PcbHigh)), "pops-recovery-not-permitted", EuArticle);
        Given.Refused(File(WithPops("DE", "NL", "R5", new PopContent("PCB", 50m))), "pops-recovery-not-permitted", EuArticle);
        // R1 and R4 destroy or irreversibly transform the POP content (Annex V Part 1).
        Given.Single<NotificationFiled>(File(WithPops("DE", "NL", "R4", PcbHigh)));
        Given.Single<NotificationFiled>(File(WithPops("DE", "NL", "R1", PcbHigh)));
        // Below the limit the POP content is low: the rule does not apply.
        Given.Single<NotificationFiled>(File(WithPops("DE", "NL", "R3", PcbLow)));
    }

    [Fact]
    public void At_or_above_the_limit_only_D9_or_D10_of_the_disposal_operations_EU_2019_1021_Art_7_2_Annex_V_Part_1()
    {
        Given.Refused(File(WithPops("DE", "NL", "D1", PcbHigh)), "pops-disposal-not-destruction", EuArticle);
        Given.Refused(File(WithPops("DE", "NL", "D5", PcbHigh)), "pops-disposal-not-destruction", EuArticle);
        Given.Single<NotificationFiled>(File(WithPops("DE", "NL", "D10", PcbHigh)));
        Given.Single<NotificationFiled>(File(WithPops("DE", "NL", "D9", PcbHigh)));
    }

    [Fact]
    public void Basel_and_OECD_files_read_the_Basel_low_POP_content_values_Stockholm_Art_6_1_d_ii_and_iii()
    {
        // MY -> JP: MY is not an OECD member, so the Basel procedure applies.
        Given.Refused(File(WithPops("MY", "JP", "R3", PcbHigh)), "pops-recovery-not-permitted", StockholmRecoveryArticle);
        Given.Refused(File(WithPops("MY", "JP", "D1", PcbHigh)), "pops-disposal-not-destruction", StockholmArticle);
        Given.Single<NotificationFiled>(File(WithPops("MY", "JP", "R3", PcbLow)));
        // A POP whose Basel value has no source ([K]) is read as at or above it.
        Given.Refused(File(WithPops("MY", "JP", "R3", new PopContent("PFOS", 1m))), "pops-recovery-not-permitted", StockholmRecoveryArticle);
        Assert.Equal(PopLimitTable.Basel, PopsRules.TableFor(ControlRegime.Oecd));
    }

    [Fact]
    public void Interim_operations_only_before_an_operation_that_destroys_the_POPs_EU_2019_1021_Annex_V_Part_1()
    {
        NotificationParticulars Storage(string next)
        {
            var p = InterimOperationsTests.Storage() with
            {
                SubsequentOperation = next,
                SubsequentFacilities = [InterimOperationsTests.Subsequent("NL-FAC-MOERDIJK-2", "NL", next)],
            };
            return p with { Waste = p.Waste with { ContainsPops = true, Pops = [PcbHigh] } };
        }

        Given.Refused(File(Storage("R3")), "pops-subsequent-not-destruction", EuArticle);
        Given.Single<NotificationFiled>(File(Storage("R4")));
    }

    [Fact]
    public void The_PBDE_limit_lowered_to_200_mg_kg_applies_from_30_December_2027_EU_2019_1021_Annex_IV()
    {
        // Reg. (EU) 2022/2400: 350 mg/kg from 30 December 2025, 200 mg/kg from 30 December 2027 (dates of law).
        var lowered = new DateTimeOffset(2027, 12, 30, 9, 0, 0, TimeSpan.Zero);
        var pbde = WithPops("DE", "NL", "R3", new PopContent("PBDEs", 300m));
        Given.Single<NotificationFiled>(File(pbde, lowered.AddDays(-1)));
        Given.Refused(File(pbde, lowered), "pops-recovery-not-permitted", EuArticle);
        // 30 December 2025: 500 -> 350 mg/kg.
        var first = new DateTimeOffset(2025, 12, 30, 9, 0, 0, TimeSpan.Zero);
        var pbde400 = WithPops("DE", "NL", "R3", new PopContent("PBDEs", 400m));
        Given.Single<NotificationFiled>(File(pbde400, first.AddDays(-1)));
        Given.Refused(File(pbde400, first), "pops-recovery-not-permitted", EuArticle);
    }

    [Fact]
    public void The_Union_export_ban_is_read_from_the_concentrations_EU_2024_1157_Art_39_1_f()
    {
        NotificationParticulars Plastic(params PopContent[] pops)
        {
            var p = WithPops("DE", "MY", "R4", pops);
            return p with
            {
                Waste = p.Waste with { Designation = "Plastic scrap", BaselCode = "B1010", YCodes = [], HCodes = [], UnClass = null, UnNumber = null, UnShippingName = null },
            };
        }

        Given.Refused(File(Plastic(PcbHigh)), "eu-export-ban-pops", "EU 2024/1157 Art. 39(1)(f)");
        // Below the Annex IV limit the ban does not apply, though the waste names a POP.
        Given.Single<NotificationFiled>(File(Plastic(PcbLow)));
        // A file that names no POP reads the flag as before: at or above the limits.
        Given.Refused(File(Plastic() with { Waste = Plastic().Waste with { Pops = null } }), "eu-export-ban-pops", "EU 2024/1157 Art. 39(1)(f)");
    }

    [Fact]
    public void Every_limit_used_as_a_rule_has_a_source_and_a_named_substance()
    {
        var limits = PopLimits.Shipped;
        Assert.All(limits.All, l => Assert.True(limits.IsSubstance(l.Substance), l.Substance));
        // An unsourced limit ([K]) is not used: PFOA has no sourced EU limit, so a PFOA waste is read as at or above it.
        Assert.Contains(limits.All, l => !l.Sourced && l.Confidence == "K");
        var pfoa = Samples.Notification().Waste with { ContainsPops = true, Pops = [new PopContent("PFOA", 0.5m)] };
        Assert.Equal(["PFOA"], PopsRules.AtOrAboveLimit(pfoa, PopLimitTable.Eu, new DateOnly(2026, 6, 1)));
        // The limits of one substance in one table do not overlap in time.
        foreach (var g in limits.All.GroupBy(l => (l.Table, l.Substance.ToUpperInvariant())))
        {
            Assert.All(new[] { new DateOnly(2019, 8, 1), new DateOnly(2023, 6, 10), new DateOnly(2025, 12, 30), new DateOnly(2027, 12, 30) },
                d => Assert.True(g.Count(l => l.InForceOn(d)) <= 1, $"{g.Key} on {d}"));
        }
    }

    [Fact]
    public void A_file_that_names_POPs_contains_POPs_for_the_annual_report()
    {
        var w = Samples.Notification().Waste with { ContainsPops = false, Pops = [PcbLow] };
        Assert.True(w.HasPops);
        Assert.False((w with { Pops = null }).HasPops);
    }
}
