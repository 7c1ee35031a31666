using System.Globalization;
using System.Text;
using WasteMovements.Domain.Reports;
using WasteMovements.Domain.Reports.PartII;

namespace WasteMovements.Api.Reports;

/// <summary>
/// The Part II tables as files: one CSV per table (UTF-8, RFC 4180; the export and import tables in the shared row
/// layout of docs/api-guide.md, which another deployment's partner comparison reads), and the rows of each table as
/// text cells for the workbook (<see cref="PartIIWorkbook"/>). Column names and cells are built in one place.
/// </summary>
public static class PartIIFiles
{
    public static readonly string[] Tables = ["exports", "imports", "trade", "not-as-intended", "accidents", "illegal-traffic"];

    /// <summary>The export/import row layout (header exactly as agreed with the partner comparison).</summary>
    public static readonly string[] TradeHeader =
        ["year", "reporting_state", "direction", "partner_state", "transit_states", "y_codes", "annex_viii_code", "other_code", "h_codes", "un_class",
         "operation", "quantity_tonnes", "notifications", "shipments"];

    public static readonly string[] NotAsIntendedHeader =
        ["year", "reporting_state", "direction", "partner_state", "shipment", "notification", "waste_code", "quantity", "unit", "reason", "arrangement",
         "alternative_facility", "date"];

    public static readonly string[] AccidentHeader =
        ["year", "reporting_state", "direction", "partner_state", "shipment", "notification", "date", "place", "state", "what_happened", "measures_taken", "reported_by"];

    public static readonly string[] IllegalTrafficHeader =
        ["year", "reporting_state", "direction", "partner_state", "case", "shipment", "cause", "responsible", "date"];

    /// <summary>A table's header and rows as text cells; numbers stay numbers (<see cref="decimal"/>, <see cref="int"/>) for the workbook.</summary>
    public static (string[] Header, IEnumerable<object?[]> Rows) Table(PartIITables t, string table) => table switch
    {
        "exports" => (TradeHeader, t.Exports.Select(Trade)),
        "imports" => (TradeHeader, t.Imports.Select(Trade)),
        "trade" => (TradeHeader, t.Exports.Concat(t.Imports).Select(Trade)),
        "not-as-intended" => (NotAsIntendedHeader, t.NotAsIntended.Select(r => new object?[]
        {
            r.Year, r.ReportingState, Name(r.Direction), r.PartnerState, r.ShipmentId, r.NotificationNumber, r.WasteCode, r.Quantity, r.Unit, r.Reason,
            r.Arrangement, r.AlternativeFacility, Date(r.Date),
        })),
        "accidents" => (AccidentHeader, t.Accidents.Select(r => new object?[]
        {
            r.Year, r.ReportingState, Name(r.Direction), r.PartnerState, r.ShipmentId, r.NotificationNumber, Date(r.Date), r.Place, r.State, r.WhatHappened,
            r.MeasuresTaken, r.ReportedBy,
        })),
        "illegal-traffic" => (IllegalTrafficHeader, t.IllegalTraffic.Select(r => new object?[]
        {
            r.Year, r.ReportingState, Name(r.Direction), r.PartnerState, r.Reference, r.ShipmentId, r.Cause, r.Responsible, Date(r.Date),
        })),
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "not a Part II table"),
    };

    private static object?[] Trade(TradeRow r) =>
    [
        r.Year, r.ReportingState, Name(r.Direction), r.PartnerState, string.Join(' ', r.TransitStates), string.Join(' ', r.YCodes), r.AnnexVIIICode, r.OtherCode,
        string.Join(' ', r.HCodes), r.UnClass, r.Operation, decimal.Round(r.QuantityTonnes, 3), r.Notifications, r.Shipments,
    ];

    private static string Name(TradeDirection d) => d == TradeDirection.Export ? "export" : "import";

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A cell as CSV text: tonnes with a dot and three decimals (the layout), other numbers invariant.</summary>
    public static string Text(object? v) => v switch
    {
        null => "",
        decimal d => d.ToString("0.000", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    public static string Csv(PartIITables t, string table)
    {
        static string Quote(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        var (header, rows) = Table(t, table);
        var csv = new StringBuilder();
        // RFC 4180: lines end with CRLF.
        csv.Append(string.Join(',', header)).Append("\r\n");
        foreach (var row in rows) csv.Append(string.Join(',', row.Select(c => Quote(Text(c))))).Append("\r\n");
        return csv.ToString();
    }
}
