using WasteMovements.Domain.Common;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Domain.Notifications.Pops;

/// <summary>
/// POPs wastes (Stockholm Art. 6(1)(d); EU 2019/1021 Art. 7 and Annexes IV-V): at or above the low POP content limit
/// in force on the day of filing, the POP content must be destroyed or irreversibly transformed, so only the
/// operations that do so are allowed and recovery of the POP is refused. Pure: the table is data (pop-limits.json).
/// </summary>
public static class PopsRules
{
    /// <summary>
    /// EU 2019/1021 Annex V Part 1: the operations that destroy or irreversibly transform the POP content (D9, D10,
    /// R1, R4). The limits Annex V puts on R1 and R4 (which wastes, which processes) are not checked ([K], docs/law.md).
    /// The same four are used for Basel and OECD files (Stockholm Art. 6(1)(d)(ii); docs/law.md).
    /// </summary>
    public static readonly IReadOnlySet<string> DestructionOperations = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "D9", "D10", "R1", "R4" };

    /// <summary>EU files read the 2019/1021 Annex IV limits; Basel and OECD files the Basel low POP content values.</summary>
    public static PopLimitTable TableFor(ControlRegime regime) => regime == ControlRegime.Eu ? PopLimitTable.Eu : PopLimitTable.Basel;

    /// <summary>
    /// The article a refusal cites: EU 2019/1021 Art. 7(2) and Annex V Part 1 for EU files; for Basel and OECD files
    /// Stockholm Art. 6(1)(d)(ii) (destroyed or irreversibly transformed), with (iii) (no operation that may lead to
    /// recovery, recycling, reclamation, direct re-use or alternative uses of POPs) for a recovery operation.
    /// </summary>
    public static string Article(ControlRegime regime, bool recovery = false) =>
        regime == ControlRegime.Eu ? "EU 2019/1021 Art. 7(2), Annex V Part 1"
        : recovery ? "Stockholm Art. 6(1)(d)(ii)-(iii)" : "Stockholm Art. 6(1)(d)(ii)";

    /// <summary>
    /// The POPs at or above the limit on the day. A named POP is compared with the sourced limit of the table in force
    /// that day; a named POP with no sourced limit is read as at or above it (the file declares POPs, and no sourced
    /// value says the content is low). A file that names no POP reads its flag as before: containsPops means at or above.
    /// </summary>
    public static IReadOnlyList<string> AtOrAboveLimit(WasteDescription w, PopLimitTable table, DateOnly day, PopLimits? limits = null)
    {
        limits ??= PopLimits.Shipped;
        if (w.PopList.Count == 0) return w.ContainsPops ? ["POPs (declared, no concentrations)"] : [];
        return w.PopList
            .Where(p => limits.InForce(table, p.Substance, day) is not { Sourced: true } limit || p.ConcentrationMgPerKg >= limit.LimitMgPerKg)
            .Select(p => p.Substance)
            .ToList();
    }

    /// <summary>The refusal, if the waste is at or above a limit and the operation does not destroy the POP content.</summary>
    public static Refusal? Check(NotificationParticulars p, ControlRegime regime, DateOnly day, PopLimits? limits = null)
    {
        var above = AtOrAboveLimit(p.Waste, TableFor(regime), day, limits);
        if (above.Count == 0) return null;
        var named = string.Join(", ", above);
        var article = Article(regime);
        var operation = p.Operation.ToUpperInvariant();

        // Interim operations (D13-D15, R12, R13): allowed only before an operation that destroys the POP content
        // (EU 2019/1021 Annex V Part 1 allows repackaging and temporary storage before it).
        if (ShipmentRules.IsInterim(operation))
        {
            return p.SubsequentOperation is { } next && DestructionOperations.Contains(next)
                ? null
                : new Refusal("pops-subsequent-not-destruction", article,
                    $"The waste contains {named} at or above the low POP content limit: after the interim operation {operation} the subsequent operation must destroy or irreversibly transform the POP content (D9, D10, R1, R4), not {p.SubsequentOperation ?? "none"}.");
        }

        if (DestructionOperations.Contains(operation)) return null;

        return CodeLists.CodeListCatalog.IsRecovery(operation)
            ? new Refusal("pops-recovery-not-permitted", Article(regime, recovery: true),
                $"The waste contains {named} at or above the low POP content limit: {operation} could lead to recovery, recycling, reclamation or re-use of the POPs, which is not permitted; only D9, D10, R1 or R4 destroy or irreversibly transform the POP content.")
            : new Refusal("pops-disposal-not-destruction", article,
                $"The waste contains {named} at or above the low POP content limit: {operation} does not destroy or irreversibly transform the POP content; only D9, D10, R1 or R4 do.");
    }
}
