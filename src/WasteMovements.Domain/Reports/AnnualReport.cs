using WasteMovements.Domain.Shipments;

namespace WasteMovements.Domain.Reports;

public enum TradeDirection
{
    Export,
    Import,
}

/// <summary>One line of the Art. 13(3)(b) tables: what went to (or came from) one state, by waste and operation.</summary>
public sealed record ReportLine(
    TradeDirection Direction, string Counterpart, string WasteCode, string YCodes, string Operation, string Unit,
    decimal Quantity, int Shipments, IReadOnlyList<string> Notifications, IReadOnlyList<string> TransitStates, bool ContainsPops, bool ContainsMercury);

public sealed record TakeBackLine(string ShipmentId, TradeDirection Direction, string Counterpart, decimal Quantity, DateTimeOffset ReturnedAt);

public sealed record IllegalTrafficLine(string ShipmentId, TradeDirection Direction, string Counterpart, string Cause, bool ExporterAtFault, DateTimeOffset FoundAt);

/// <summary>
/// Basel Art. 13(3): a state's yearly report of hazardous and other wastes exported and imported, by waste
/// category, state of destination or origin, and operation, in the unit notified (tonnes or m3), with the
/// number of notifications and shipments; plus take-backs (disposals that did not proceed as intended) and
/// illegal traffic. Quantities are those received by the facilities in that year.
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
    public static AnnualReport Received(AnnualReport report, ShipmentState shipment, ShipmentReceived e)
    {
        var d = shipment.Document;
        var direction = report.State == d.StateOfExport ? TradeDirection.Export : TradeDirection.Import;
        var counterpart = direction == TradeDirection.Export ? d.StateOfImport : d.StateOfExport;
        var wasteCode = d.Waste.BaselCode ?? d.Waste.OecdCode ?? "-";
        var yCodes = string.Join(" ", d.Waste.YCodes);
        var lines = report.Lines.ToList();
        var index = lines.FindIndex(l => l.Direction == direction && l.Counterpart == counterpart && l.WasteCode == wasteCode
                                         && l.YCodes == yCodes && l.Operation == d.Operation && l.Unit == e.Unit);
        var transits = d.TransitStates.Select(t => t.State).ToArray();
        if (index < 0)
        {
            lines.Add(new ReportLine(direction, counterpart, wasteCode, yCodes, d.Operation, e.Unit, e.Quantity, 1, [d.NotificationNumber],
                transits, d.Waste.ContainsPops, d.Waste.ContainsMercury));
        }
        else
        {
            var l = lines[index];
            lines[index] = l with
            {
                Quantity = l.Quantity + e.Quantity,
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

    private static (TradeDirection, string) Side(AnnualReport report, ShipmentState s) =>
        report.State == s.Document.StateOfExport ? (TradeDirection.Export, s.Document.StateOfImport) : (TradeDirection.Import, s.Document.StateOfExport);

    /// <summary>The reports a fact belongs to: the state of export's and the state of import's, for the year it happened.</summary>
    public static IEnumerable<string> ReportsFor(ShipmentState shipment, DateTimeOffset at) =>
    [
        AnnualReport.Key(shipment.Document.StateOfExport, at.UtcDateTime.Year),
        AnnualReport.Key(shipment.Document.StateOfImport, at.UtcDateTime.Year),
    ];
}
