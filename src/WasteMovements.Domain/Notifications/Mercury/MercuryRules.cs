using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Domain.Notifications.Mercury;

/// <summary>
/// Mercury wastes (Minamata Art. 11): which wastes are mercury wastes, and that they cross borders only for
/// environmentally sound disposal, recovery being only for a use allowed to a Party (Art. 11(3)(b)-(c)). Pure.
/// </summary>
public static class MercuryRules
{
    /// <summary>Minamata COP-5 (2023): waste contaminated with mercury is mercury waste at 15 mg/kg total mercury or more (docs/law.md).</summary>
    public const decimal ContaminatedWithThresholdMgPerKg = 15m;

    /// <summary>The day the COP-5 threshold is read to apply from: the close of COP-5, 3 November 2023 ([K], docs/law.md).</summary>
    public static readonly DateOnly ThresholdApplies = new(2023, 11, 3);

    /// <summary>The Basel entries that name mercury: Y29 (Annex I) and A1010, A1030, A1180, A1181 (Annex VIII).</summary>
    public static readonly IReadOnlySet<string> MercuryEntries = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "A1010", "A1030", "A1180", "A1181" };

    /// <summary>
    /// Art. 11(2): consisting of or containing mercury is mercury waste; contaminated with mercury only at or above the
    /// threshold, and before the threshold applied there was none, so no contaminated waste was mercury waste under Art. 11.
    /// </summary>
    public static bool IsMercuryWaste(MercuryContent m, DateOnly day) => m.Category switch
    {
        MercuryCategory.ContaminatedWith => day >= ThresholdApplies && m.ConcentrationMgPerKg >= ContaminatedWithThresholdMgPerKg,
        _ => true,
    };

    public static Refusal? Check(NotificationParticulars p, DateOnly day)
    {
        var w = p.Waste;
        var codes = p.AllWasteCodes().ToList();
        // Art. 11(2) and Basel Annex I / VIII: Y29 is mercury; A1010, A1030, A1180, A1181 name mercury among other
        // metals, so with the mercury flag they declare the mercury category (docs/law.md: the direction enforced).
        var y29 = codes.Contains("Y29", StringComparer.OrdinalIgnoreCase);
        var entry = codes.FirstOrDefault(MercuryEntries.Contains);
        if (w.Mercury is null && (y29 || (entry is not null && w.ContainsMercury)))
        {
            return new Refusal("mercury-category-required", "Minamata Art. 11(2)",
                $"{(y29 ? "Y29" : entry)} with mercury content: declare the mercury category (consisting of, containing or contaminated with mercury) and the total mercury concentration (waste.mercury).");
        }

        if (w.Mercury is not { } m || !IsMercuryWaste(m, day)) return null;

        // Art. 11(3)(b)-(c): across borders only for environmentally sound disposal; recovery, recycling, reclamation or
        // direct re-use only for a use allowed to a Party. After an interim operation the subsequent one counts.
        var final = ShipmentRules.IsInterim(p.Operation.ToUpperInvariant()) ? p.SubsequentOperation ?? p.Operation : p.Operation;
        if (CodeListCatalog.IsRecovery(final.ToUpperInvariant()) && string.IsNullOrWhiteSpace(m.AllowedUse))
        {
            return new Refusal("mercury-recovery-without-allowed-use", "Minamata Art. 11(3)(b)-(c)",
                $"Mercury waste crosses borders only for environmentally sound disposal; recovery ({final}) only for a use allowed to a Party under the Minamata Convention: declare that use (waste.mercury.allowedUse).");
        }

        return null;
    }
}
