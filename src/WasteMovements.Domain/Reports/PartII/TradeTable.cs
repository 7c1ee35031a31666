using System.Text.RegularExpressions;

namespace WasteMovements.Domain.Reports.PartII;

/// <summary>
/// One row of the Part II export or import table (Basel Art. 13(3)(b)(i)-(ii)), in the column layout of
/// docs/law.md "National report, Part II": the partner state, the transit states, the waste (Y codes, the Annex VIII/IX
/// code apart from an OECD or national code, H characteristics, UN class), the D/R operation as consented, the quantity
/// received in metric tonnes, and the number of notifications and shipments.
/// </summary>
public sealed record TradeRow(
    int Year, string ReportingState, TradeDirection Direction, string PartnerState, IReadOnlyList<string> TransitStates, IReadOnlyList<string> YCodes,
    string? AnnexVIIICode, string? OtherCode, IReadOnlyList<string> HCodes, string? UnClass, string Operation, decimal QuantityTonnes, int Notifications, int Shipments);

/// <summary>The export and import tables of Part II, folded from the report's lines. Pure.</summary>
public static partial class TradeTable
{
    /// <summary>
    /// The rows of one direction: lines that differ only in what the table has no column for (POPs, mercury) are one row.
    /// A line still in m3 (no density declared) has no place in a table in tonnes: it is left to <see cref="NotInTonnes"/>.
    /// </summary>
    public static IReadOnlyList<TradeRow> Of(AnnualReport report, TradeDirection direction) =>
        report.Lines.Where(l => l.Direction == direction && l.Unit == Common.Units.Tonnes)
            .GroupBy(l => (l.Counterpart, Annex: AnnexCode(l), Other: Other(l), l.YCodes, l.HCodes, l.UnClass, l.Operation))
            .Select(g => new TradeRow(report.Year, report.State, direction, g.Key.Counterpart,
                g.SelectMany(l => l.TransitStates).Distinct().Order(StringComparer.Ordinal).ToArray(),
                Split(g.Key.YCodes), g.Key.Annex, g.Key.Other, Split(g.Key.HCodes), g.Key.UnClass, g.Key.Operation,
                decimal.Round(g.Sum(l => l.Quantity), 3), g.SelectMany(l => l.Notifications).Distinct().Count(), g.Sum(l => l.Shipments)))
            .OrderBy(r => r.PartnerState, StringComparer.Ordinal).ThenBy(r => r.AnnexVIIICode ?? "", StringComparer.Ordinal)
            .ThenBy(r => r.OtherCode ?? "", StringComparer.Ordinal).ThenBy(r => string.Join(' ', r.YCodes), StringComparer.Ordinal)
            .ThenBy(r => r.Operation, StringComparer.Ordinal).ToArray();

    /// <summary>Lines received in m3 without a declared density: shown apart, never summed into tonnes.</summary>
    public static IReadOnlyList<ReportLine> NotInTonnes(AnnualReport report) => report.Lines.Where(l => l.Unit != Common.Units.Tonnes).ToArray();

    /// <summary>The Annex VIII (A) or IX (B) entry; on lines folded before the code was kept apart, read from the waste code.</summary>
    private static string? AnnexCode(ReportLine l) => l.BaselCode ?? (BaselEntry().IsMatch(l.WasteCode) ? l.WasteCode : null);

    private static string? Other(ReportLine l) => l.OtherCode ?? (l.BaselCode is null && !BaselEntry().IsMatch(l.WasteCode) && l.WasteCode != "-" ? l.WasteCode : null);

    private static string[] Split(string codes) => codes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"^[AB]\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex BaselEntry();
}
