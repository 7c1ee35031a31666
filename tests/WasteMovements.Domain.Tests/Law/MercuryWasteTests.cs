using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Notifications.Mercury;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Law;

/// <summary>
/// Mercury wastes (issue 16 item 6): the Art. 11(2) categories, the 15 mg/kg threshold of COP-5 for "contaminated
/// with", recovery only for a use allowed to a Party (Minamata Art. 11(3)(b)-(c)), and the link to Y29 and the
/// Annex VIII mercury entries. Each test names its article.
/// </summary>
public sealed class MercuryWasteTests
{
    private static Decision File(NotificationParticulars p, DateTimeOffset? on = null) =>
        Filing.File(new NewNotification($"{p.StateOfExport}-2026-000001", Given.Registry), Actor.Authority("alice", p.StateOfExport), p, on ?? Given.Now);

    /// <summary>Mercury-contaminated sludge, Y29 (Basel Annex I), DE -> NL.</summary>
    private static NotificationParticulars Mercury(string operation, MercuryContent? mercury)
    {
        var p = Samples.Notification("DE", "NL", operation: operation);
        return p with
        {
            Waste = p.Waste with
            {
                Designation = "Sludge contaminated with mercury", BaselCode = "A1030", YCodes = ["Y29"], HCodes = ["H6.1"],
                ContainsMercury = true, Mercury = mercury,
            },
        };
    }

    private static MercuryContent Contaminated(decimal mgPerKg, string? use = null) => new(MercuryCategory.ContaminatedWith, mgPerKg, use);

    [Fact]
    public void Recovery_of_mercury_waste_needs_a_use_allowed_to_a_Party_Minamata_Art_11_3_b_c()
    {
        Given.Refused(File(Mercury("R4", Contaminated(200m))), "mercury-recovery-without-allowed-use", "Minamata Art. 11(3)(b)-(c)");
        Given.Single<NotificationFiled>(File(Mercury("R4", Contaminated(200m, "Mercury for a process allowed under Annex B"))));
        // Environmentally sound disposal needs no declared use.
        Given.Single<NotificationFiled>(File(Mercury("D9", Contaminated(200m))));
        Given.Single<NotificationFiled>(File(Mercury("D9", new MercuryContent(MercuryCategory.ConsistingOf))));
        Given.Refused(File(Mercury("R4", new MercuryContent(MercuryCategory.Containing))), "mercury-recovery-without-allowed-use", "Minamata Art. 11(3)(b)-(c)");
    }

    [Fact]
    public void Contaminated_with_mercury_is_mercury_waste_from_15_mg_kg_Minamata_Art_11_2_COP_5()
    {
        // 14.99 mg/kg is below the threshold: not mercury waste under Art. 11, no mercury rule applies.
        Given.Single<NotificationFiled>(File(Mercury("R4", Contaminated(14.99m))));
        Given.Refused(File(Mercury("R4", Contaminated(15m))), "mercury-recovery-without-allowed-use", "Minamata Art. 11(3)(b)-(c)");
        Assert.False(MercuryRules.IsMercuryWaste(Contaminated(14.99m), new DateOnly(2026, 6, 1)));
        Assert.True(MercuryRules.IsMercuryWaste(Contaminated(15m), new DateOnly(2026, 6, 1)));
        // Before the COP-5 threshold applied there was none: contaminated waste was not mercury waste under Art. 11.
        Assert.False(MercuryRules.IsMercuryWaste(Contaminated(500m), MercuryRules.ThresholdApplies.AddDays(-1)));
        Assert.True(MercuryRules.IsMercuryWaste(Contaminated(500m), MercuryRules.ThresholdApplies));
    }

    [Fact]
    public void After_an_interim_operation_the_subsequent_recovery_needs_the_allowed_use_Minamata_Art_11_3_b()
    {
        var storage = InterimOperationsTests.Storage();
        var p = storage with { Waste = Mercury("R13", Contaminated(200m)).Waste };
        Given.Refused(File(p), "mercury-recovery-without-allowed-use", "Minamata Art. 11(3)(b)-(c)");
        Given.Single<NotificationFiled>(File(p with { Waste = p.Waste with { Mercury = Contaminated(200m, "Allowed use under Art. 3") } }));
    }

    [Fact]
    public void Y29_or_a_mercury_entry_with_mercury_content_declares_the_category_Minamata_Art_11_2()
    {
        Given.Refused(File(Mercury("D9", null)), "mercury-category-required", "Minamata Art. 11(2)");
        // A1030 names arsenic and thallium too: only with the mercury flag does it declare the category.
        var arsenic = Mercury("D9", null) with { };
        arsenic = arsenic with { Waste = arsenic.Waste with { YCodes = ["Y24"], ContainsMercury = false } };
        Given.Single<NotificationFiled>(File(arsenic));
        Given.Refused(File(arsenic with { Waste = arsenic.Waste with { ContainsMercury = true } }), "mercury-category-required", "Minamata Art. 11(2)");
    }

    [Fact]
    public void A_waste_that_declares_its_mercury_contains_mercury_for_the_annual_report()
    {
        var w = Samples.Notification().Waste with { ContainsMercury = false, Mercury = Contaminated(20m) };
        Assert.True(w.HasMercury);
        Assert.False((w with { Mercury = null }).HasMercury);
    }
}
