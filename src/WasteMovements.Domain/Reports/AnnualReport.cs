using WasteMovements.Domain.IllegalTraffic;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Domain.Reports;

public enum TradeDirection
{
    Export,
    Import,
}

/// <summary>
/// One line of the Art. 13(3)(b) tables: what went to (or came from) one state, by waste category (codes),
/// characteristics (H codes), POPs and mercury content, and operation. Two movements with different H codes or a
/// different POPs or mercury flag are different lines (Art. 13(3)(b)(i)-(ii): "category, characteristics").
/// </summary>
public sealed record ReportLine(
    TradeDirection Direction, string Counterpart, string WasteCode, string YCodes, string HCodes, string Operation, string Unit,
    decimal Quantity, int Shipments, IReadOnlyList<string> Notifications, IReadOnlyList<string> TransitStates, bool ContainsPops, bool ContainsMercury);

public sealed record TakeBackLine(string ShipmentId, TradeDirection Direction, string Counterpart, decimal Quantity, DateTimeOffset ReturnedAt);

/// <summary>
/// A case of illegal traffic: found on a shipment of a notification (<see cref="ShipmentId"/>), or a case of its own,
/// with or without a notification (<see cref="CaseId"/>; Basel Art. 9(1)(a)); <see cref="Responsible"/>: the party the
/// states attributed it to (exporter, importer, undetermined), null while not attributed.
/// </summary>
public sealed record IllegalTrafficLine(string ShipmentId, TradeDirection Direction, string Counterpart, string Cause, bool ExporterAtFault, DateTimeOffset FoundAt,
    string? CaseId = null, string? Responsible = null);

/// <summary>
/// Basel Art. 13(3): a state's yearly report of hazardous and other wastes exported and imported, by waste
/// category, state of destination or origin, and operation, in the unit notified (tonnes or m3), with the
/// number of notifications and shipments; plus take-backs (disposals that did not proceed as intended) and
/// illegal traffic. Quantities are those received by the facilities, in tonnes (m3 converted with the declared
/// density); exports count in the year the shipment left, imports in the year it arrived.
/// </summary>
public sealed record AnnualReport
{
    public required string Id { get; init; }
    public required string State { get; init; }
    public required int Year { get; init; }
    public IReadOnlyList<ReportLine> Lines { get; init; } = [];
    public IReadOnlyList<TakeBackLine> TakeBacks { get; init; } = [];
    public IReadOnlyList<IllegalTrafficLine> IllegalTraffic { get; init; } = [];
    /// <summary>Green-listed waste and samples shipped with Annex VII information, counted apart (EU 2024/1157 Art. 18; GreenList/AnnexVIIReporting).</summary>
    public IReadOnlyList<GreenList.AnnexVIIReportLine> AnnexVII { get; init; } = [];
    public long Version { get; init; }

    public static string Key(string state, int year) => $"{state.ToUpperInvariant()}:{year}";

    public static AnnualReport Empty(string state, int year) => new() { Id = Key(state, year), State = state.ToUpperInvariant(), Year = year };

    public decimal Total(TradeDirection direction, string unit) => Lines.Where(l => l.Direction == direction && l.Unit == unit).Sum(l => l.Quantity);
}

/// <summary>How each shipment fact changes the report of one state. Pure.</summary>
public static class AnnualReporting
{
    /// <summary>
    /// A quantity in the report's unit: tonnes. A quantity in m3 is converted with the density declared in the
    /// particulars (Basel Art. 13(3)(b); the reporting format's tables are in metric tonnes); without a declared
    /// density (files from before the density was asked for) it stays in m3, on a line of its own.
    /// </summary>
    public static (decimal Quantity, string Unit) InTonnes(decimal quantity, string unit, decimal? density) =>
        unit == Common.Units.CubicMetres && density is { } t ? (decimal.Round(quantity * t, 3), Common.Units.Tonnes) : (quantity, unit);

    public static AnnualReport Received(AnnualReport report, ShipmentState shipment, ShipmentReceived e)
    {
        var d = shipment.Document;
        var direction = report.State == d.StateOfExport ? TradeDirection.Export : TradeDirection.Import;
        var counterpart = direction == TradeDirection.Export ? d.StateOfImport : d.StateOfExport;
        var wasteCode = d.Waste.BaselCode ?? d.Waste.OecdCode ?? (d.Waste.FractionCodes.Count > 0 ? string.Join(" ", d.Waste.FractionCodes.Select(f => f.Code)) : "-");
        var yCodes = string.Join(" ", d.Waste.YCodes);
        var hCodes = string.Join(" ", d.Waste.HCodes.Order(StringComparer.Ordinal));
        var (quantity, unit) = InTonnes(e.Quantity, e.Unit, d.Waste.DensityTonnesPerCubicMetre);
        var lines = report.Lines.ToList();
        var index = lines.FindIndex(l => l.Direction == direction && l.Counterpart == counterpart && l.WasteCode == wasteCode
                                         && l.YCodes == yCodes && l.HCodes == hCodes && l.ContainsPops == d.Waste.HasPops
                                         && l.ContainsMercury == d.Waste.HasMercury && l.Operation == d.Operation && l.Unit == unit);
        var transits = d.TransitStates.Select(t => t.State).ToArray();
        if (index < 0)
        {
            lines.Add(new ReportLine(direction, counterpart, wasteCode, yCodes, hCodes, d.Operation, unit, quantity, 1, [d.NotificationNumber],
                transits, d.Waste.HasPops, d.Waste.HasMercury));
        }
        else
        {
            var l = lines[index];
            lines[index] = l with
            {
                Quantity = l.Quantity + quantity,
                Shipments = l.Shipments + 1,
                Notifications = l.Notifications.Contains(d.NotificationNumber) ? l.Notifications : [.. l.Notifications, d.NotificationNumber],
                TransitStates = l.TransitStates.Union(transits).ToArray(),
            };
        }

        return report with
        {
            Lines = lines.OrderBy(l => l.Direction).ThenBy(l => l.Counterpart, StringComparer.Ordinal).ThenBy(l => l.WasteCode, StringComparer.Ordinal).ToArray(),
        };
    }

    public static AnnualReport Returned(AnnualReport report, ShipmentState shipment, ShipmentReturned e)
    {
        var (direction, counterpart) = Side(report, shipment);
        var quantity = shipment.TakeBacks.LastOrDefault()?.Quantity ?? shipment.Document.Quantity;
        return report with { TakeBacks = [.. report.TakeBacks, new TakeBackLine(shipment.Id, direction, counterpart, quantity, e.ReturnedAt)] };
    }

    public static AnnualReport Illegal(AnnualReport report, ShipmentState shipment, IllegalTrafficFound e)
    {
        var (direction, counterpart) = Side(report, shipment);
        return report with { IllegalTraffic = [.. report.IllegalTraffic, new IllegalTrafficLine(shipment.Id, direction, counterpart, e.Cause, e.ExporterAtFault, e.FoundAt)] };
    }

    /// <summary>An illegal-traffic case counts in the reports of its states of export and import for the year it was found.</summary>
    public static AnnualReport CaseOpened(AnnualReport report, IllegalTrafficCaseOpened e)
    {
        var (direction, counterpart) = report.State == e.StateOfExport ? (TradeDirection.Export, e.StateOfImport) : (TradeDirection.Import, e.StateOfExport);
        return report with
        {
            IllegalTraffic = [.. report.IllegalTraffic.Where(l => l.CaseId != e.CaseId),
                new IllegalTrafficLine(e.NotificationNumber ?? "", direction, counterpart, e.Cause, false, e.FoundAt, e.CaseId)],
        };
    }

    public static AnnualReport CaseAttributed(AnnualReport report, ResponsibilityAttributed e) => report with
    {
        IllegalTraffic = report.IllegalTraffic.Select(l => l.CaseId == e.CaseId
            ? l with { ExporterAtFault = e.Party == ResponsibleParty.Exporter, Responsible = e.Party.ToString().ToLowerInvariant() }
            : l).ToArray(),
    };

    public static IEnumerable<string> ReportsFor(IllegalTrafficCase c) =>
        [AnnualReport.Key(c.StateOfExport, c.FoundAt.UtcDateTime.Year), AnnualReport.Key(c.StateOfImport, c.FoundAt.UtcDateTime.Year)];

    private static (TradeDirection, string) Side(AnnualReport report, ShipmentState s) =>
        report.State == s.Document.StateOfExport ? (TradeDirection.Export, s.Document.StateOfImport) : (TradeDirection.Import, s.Document.StateOfExport);

    /// <summary>
    /// The reports a fact belongs to: the state of export's and the state of import's, for the year it happened. A
    /// receipt counts in the state of export's report for the year the shipment left (Art. 13(3)(b)(i): the amount
    /// exported), and in the state of import's for the year it arrived (13(3)(b)(ii): the amount imported); a shipment
    /// leaving on 30 December and arriving on 2 January is an export of the one year and an import of the next.
    /// </summary>
    public static IEnumerable<string> ReportsFor(ShipmentState shipment, DateTimeOffset at, bool receipt = false) =>
    [
        AnnualReport.Key(shipment.Document.StateOfExport, (receipt && shipment.DepartedAt is { } left ? left : at).UtcDateTime.Year),
        AnnualReport.Key(shipment.Document.StateOfImport, at.UtcDateTime.Year),
    ];
}
