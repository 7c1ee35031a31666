using System.Globalization;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Domain.Reports.OpenData;

/// <summary>One received shipment as the open data see it: no party, no notification number, no document.</summary>
public sealed record ReceivedMovement(
    DateTimeOffset ReceivedAt, string StateOfExport, string StateOfImport, string WasteCode, IReadOnlyList<string> YCodes, string Operation,
    decimal? Tonnes, string Exporter, string Facility);

/// <summary>One published cell: a month, a pair of states, a waste code, an operation, the tonnes received and the shipments.</summary>
public sealed record OpenFlow(string Month, string StateOfExport, string StateOfImport, string WasteCode, IReadOnlyList<string> YCodes, string Operation,
    decimal Tonnes, int Shipments);

/// <summary>
/// The disclosure rule (decision 0016): a cell is published only with at least <see cref="MinShipments"/> shipments,
/// <see cref="MinExporters"/> distinct exporters and <see cref="MinFacilities"/> distinct facilities; otherwise it is
/// left out, and only the number of cells left out is given (no suppressed tonnes, which could be recovered by difference).
/// </summary>
public sealed record OpenFlowThreshold(int MinShipments, int MinExporters, int MinFacilities, int SuppressedCells, string Rule);

/// <summary>
/// The open data set of one calendar year (layout B, docs/open-data/open-flows-1.schema.json): aggregated flows by
/// month of receipt, with the licence and the schema they are published under.
/// </summary>
public sealed record OpenFlowsDataset(
    string Schema, string Licence, string LicenceUrl, string Publisher, DateTimeOffset GeneratedAt, int Year, OpenFlowThreshold Threshold,
    int ShipmentsWithoutTonnes, IReadOnlyList<OpenFlow> Flows);

public static class OpenFlows
{
    public const string SchemaId = "https://wastemovements.example/schemas/open-flows/1";
    public const string Licence = "CC-BY-4.0";
    public const string LicenceUrl = "https://creativecommons.org/licenses/by/4.0/";
    public const int MinShipments = 3;
    public const int MinExporters = 3;
    public const int MinFacilities = 3;

    public const string Rule =
        "A cell (month, state of export, state of import, waste code, Y codes, operation) is published only with at least 3 shipments, " +
        "3 distinct exporters and 3 distinct facilities of destination; cells below the threshold are left out and only counted.";

    /// <summary>A shipment the facility received, in tonnes (m3 with the declared density, as the annual report); null before receipt.</summary>
    public static ReceivedMovement? Of(ShipmentState s)
    {
        if (s.Receipt is not { } receipt) return null;
        var d = s.Document;
        var code = d.Waste.BaselCode ?? d.Waste.OecdCode ?? (d.Waste.FractionCodes.Count > 0 ? string.Join(" ", d.Waste.FractionCodes.Select(f => f.Code)) : "-");
        var (quantity, unit) = AnnualReporting.InTonnes(receipt.Quantity, receipt.Unit, d.Waste.DensityTonnesPerCubicMetre);
        return new ReceivedMovement(receipt.ReceivedAt, d.StateOfExport, d.StateOfImport, code, d.Waste.YCodes, d.Operation,
            unit == Common.Units.Tonnes ? quantity : null, d.Exporter.RegistrationNumber ?? d.Exporter.Name, receipt.FacilityId);
    }

    public static OpenFlowsDataset Aggregate(int year, IEnumerable<ReceivedMovement> movements, string publisher, DateTimeOffset generatedAt)
    {
        var inYear = movements.Where(m => m.ReceivedAt.UtcDateTime.Year == year).ToArray();
        var cells = inYear.Where(m => m.Tonnes is not null)
            .GroupBy(m => (Month: m.ReceivedAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture), m.StateOfExport, m.StateOfImport, m.WasteCode,
                YCodes: string.Join(' ', m.YCodes.Order(StringComparer.Ordinal)), m.Operation))
            .ToArray();
        var published = cells.Where(Disclosable).ToArray();
        var flows = published
            .Select(c => new OpenFlow(c.Key.Month, c.Key.StateOfExport, c.Key.StateOfImport, c.Key.WasteCode,
                c.Key.YCodes.Split(' ', StringSplitOptions.RemoveEmptyEntries), c.Key.Operation, decimal.Round(c.Sum(m => m.Tonnes!.Value), 3), c.Count()))
            .OrderBy(f => f.Month, StringComparer.Ordinal).ThenBy(f => f.StateOfExport, StringComparer.Ordinal).ThenBy(f => f.StateOfImport, StringComparer.Ordinal)
            .ThenBy(f => f.WasteCode, StringComparer.Ordinal).ThenBy(f => string.Join(' ', f.YCodes), StringComparer.Ordinal).ThenBy(f => f.Operation, StringComparer.Ordinal)
            .ToArray();
        return new OpenFlowsDataset(SchemaId, Licence, LicenceUrl, publisher, generatedAt, year,
            new OpenFlowThreshold(MinShipments, MinExporters, MinFacilities, cells.Length - published.Length, Rule),
            inYear.Count(m => m.Tonnes is null), flows);
    }

    /// <summary>Decision 0016: no exporter or facility can be singled out of a published cell.</summary>
    public static bool Disclosable(IEnumerable<ReceivedMovement> cell)
    {
        var movements = cell.ToArray();
        return movements.Length >= MinShipments
               && movements.Select(m => m.Exporter).Distinct(StringComparer.OrdinalIgnoreCase).Count() >= MinExporters
               && movements.Select(m => m.Facility).Distinct(StringComparer.OrdinalIgnoreCase).Count() >= MinFacilities;
    }

    public const string CsvHeader = "month,state_of_export,state_of_import,waste_code,y_codes,operation,tonnes,shipments";

    /// <summary>Layout B as CSV (RFC 4180, UTF-8): the header, then one row per published cell; lists space separated.</summary>
    public static string Csv(OpenFlowsDataset data)
    {
        static string F(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        var csv = new System.Text.StringBuilder();
        csv.Append(CsvHeader).Append("\r\n");
        foreach (var f in data.Flows)
        {
            csv.Append(string.Join(',', F(f.Month), F(f.StateOfExport), F(f.StateOfImport), F(f.WasteCode), F(string.Join(' ', f.YCodes)), F(f.Operation),
                f.Tonnes.ToString("0.000", CultureInfo.InvariantCulture), f.Shipments.ToString(CultureInfo.InvariantCulture))).Append("\r\n");
        }

        return csv.ToString();
    }
}
