namespace WasteMovements.Domain.Reports.PartII;

/// <summary>
/// The Part II tables of a state's national report for a year (Basel Art. 13(3)(b), (f); the reporting format adopted
/// by decision BC-14/10 for the years from 2018: docs/law.md), derived from the folded <see cref="AnnualReport"/>:
/// exports, imports, disposals not as intended, accidents, illegal traffic cases. <see cref="NotInTonnes"/>: lines
/// received in m3 with no declared density, which the tonnes tables cannot hold.
/// </summary>
public sealed record PartIITables(
    IReadOnlyList<TradeRow> Exports, IReadOnlyList<TradeRow> Imports, IReadOnlyList<NotAsIntendedRow> NotAsIntended, IReadOnlyList<AccidentRow> Accidents,
    IReadOnlyList<IllegalTrafficRow> IllegalTraffic, IReadOnlyList<ReportLine> NotInTonnes)
{
    public static PartIITables Of(AnnualReport report) => new(
        TradeTable.Of(report, TradeDirection.Export), TradeTable.Of(report, TradeDirection.Import), NotAsIntendedTable.Of(report),
        AccidentTable.Of(report), IllegalTrafficTable.Of(report), TradeTable.NotInTonnes(report));

    public decimal ExportedTonnes => Exports.Sum(r => r.QuantityTonnes);

    public decimal ImportedTonnes => Imports.Sum(r => r.QuantityTonnes);
}
