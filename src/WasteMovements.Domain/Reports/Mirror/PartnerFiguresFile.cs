using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WasteMovements.Domain.Reports.Mirror;

/// <summary>A value of a partner's file that cannot be read: the row (CSV line, or index in <c>flows</c>), the field, why.</summary>
public sealed record FigureError(int Row, string Field, string Message);

/// <summary>
/// A partner's file read: its layout, the partner and year it reports, its publisher (open data), the rows between us
/// and the partner, and how many rows it held in all. Or: why the file as a whole cannot be read, or the rows that cannot.
/// </summary>
public sealed record PartnerFiguresRead(string Source, string Partner, int Year, string? Publisher, IReadOnlyList<PartnerFlow> Flows, int RowsInFile)
{
    public string? FileError { get; init; }
    public IReadOnlyList<FigureError> Errors { get; init; } = [];
    public bool Valid => FileError is null && Errors.Count == 0;

    public static PartnerFiguresRead Invalid(string error) => new("", "", 0, null, [], 0) { FileError = error };
}

/// <summary>
/// Reads a partner state's figures in the two layouts shared with the other reports (docs/api-guide.md, "Mirror
/// statistics"): layout A, the Part II export/import rows of the partner's own report (Basel Art. 13(3)(b)), and layout
/// B, another deployment's open-data flows (JSON, or its CSV). Pure: every value is checked and every bad one named by
/// row and field; rows between two other states are not ours to compare and are left out, not refused.
/// </summary>
public static class PartnerFiguresFile
{
    public const int MaxRows = 10_000;
    public const string OpenFlowsSchema = "https://wastemovements.example/schemas/open-flows/1";

    public static readonly IReadOnlyList<string> PartIIColumns =
    [
        "year", "reporting_state", "direction", "partner_state", "transit_states", "y_codes", "annex_viii_code", "other_code", "h_codes", "un_class",
        "operation", "quantity_tonnes", "notifications", "shipments",
    ];

    public static readonly IReadOnlyList<string> OpenDataColumns = ["month", "state_of_export", "state_of_import", "waste_code", "y_codes", "operation", "tonnes", "shipments"];

    private static readonly Regex StatePattern = new("^[A-Z]{2}$", RegexOptions.CultureInvariant);
    private static readonly Regex YCodePattern = new("^Y([1-9]|[1-3][0-9]|4[0-8])$", RegexOptions.CultureInvariant);
    private static readonly Regex HCodePattern = new("^H(1|3|4\\.[1-3]|5\\.[12]|6\\.[12]|8|10|11|12|13)$", RegexOptions.CultureInvariant);
    private static readonly Regex BaselCodePattern = new("^[AB][0-9]{4}$", RegexOptions.CultureInvariant);
    private static readonly Regex OperationPattern = new("^(D([1-9]|1[0-5])|R([1-9]|1[0-3]))$", RegexOptions.CultureInvariant);
    private static readonly Regex TonnesPattern = new("^[0-9]{1,12}(\\.[0-9]{1,3})?$", RegexOptions.CultureInvariant);
    private static readonly Regex CountPattern = new("^[0-9]{1,9}$", RegexOptions.CultureInvariant);
    private static readonly Regex MonthPattern = new("^([0-9]{4})-(0[1-9]|1[0-2])$", RegexOptions.CultureInvariant);
    private static readonly Regex CodePattern = new("^[A-Za-z0-9 .\\-/]{1,40}$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Reads <paramref name="text"/> as JSON (<paramref name="json"/>) or CSV (the header row tells layout A from B) for
    /// the comparison of state <paramref name="us"/>; <paramref name="partner"/> names the partner (required for open
    /// data, which covers many states; for layout A it must match the file's reporting state if given).
    /// </summary>
    public static PartnerFiguresRead Read(string text, bool json, string us, string? partner)
    {
        if (partner is not null && !StatePattern.IsMatch(partner)) return PartnerFiguresRead.Invalid("partner must be an ISO 3166-1 alpha-2 code.");
        if (partner == us) return PartnerFiguresRead.Invalid($"The partner is another state than your own ({us}).");
        if (json) return ReadOpenDataJson(text, us, partner);

        var (records, error) = Csv(text);
        if (error is not null) return PartnerFiguresRead.Invalid(error);
        if (records.Count < 2) return PartnerFiguresRead.Invalid("The file holds a header row and at least one row.");
        if (records.Count - 1 > MaxRows) return PartnerFiguresRead.Invalid($"A file holds at most {MaxRows} rows; this one has {records.Count - 1}.");
        var header = records[0].Fields.Select(f => f.Trim()).ToArray();
        if (header.SequenceEqual(PartIIColumns)) return ReadPartII(records, us, partner);
        if (header.SequenceEqual(OpenDataColumns)) return ReadOpenDataCsv(records, us, partner);
        return PartnerFiguresRead.Invalid("The header row is neither the Part II layout (" + string.Join(",", PartIIColumns) + ") nor the open-data layout ("
                                          + string.Join(",", OpenDataColumns) + ").");
    }

    // ---- layout A: Part II rows (the partner's own report) ------------------------------------------------------

    private static PartnerFiguresRead ReadPartII(List<CsvRecord> records, string us, string? partner)
    {
        var errors = new List<FigureError>();
        var flows = new List<PartnerFlow>();
        int? year = null;
        string? reporting = null;
        foreach (var r in records.Skip(1))
        {
            var row = new Row(r, PartIIColumns, errors);
            if (!row.Complete) continue;
            var y = row.Year("year");
            if (y is not null && year is not null && y != year) row.Error("year", $"is {y}; the file's first row reports {year}: one file is one year.");
            year ??= y;
            var state = row.State("reporting_state");
            if (state is not null && reporting is not null && state != reporting)
            {
                row.Error("reporting_state", $"is {state}; the file's first row is {reporting}'s: one file is one state's report.");
            }

            reporting ??= state;
            var direction = row["direction"] switch
            {
                "export" => TradeDirection.Export,
                "import" => TradeDirection.Import,
                _ => (TradeDirection?)null,
            };
            if (direction is null) row.Error("direction", "is export or import.");
            var counterpart = row.State("partner_state");
            row.List("transit_states", StatePattern, "ISO 3166-1 alpha-2 codes");
            var yCodes = row.List("y_codes", YCodePattern, "Y codes (Y1 to Y48)");
            var annex = row["annex_viii_code"];
            if (annex.Length > 0 && !BaselCodePattern.IsMatch(annex)) row.Error("annex_viii_code", "is a Basel Annex VIII or IX code (A1010, B1010) or empty.");
            var other = row["other_code"];
            if (other.Length > 0 && !CodePattern.IsMatch(other)) row.Error("other_code", "is an OECD or national code of at most 40 letters, digits, spaces, '.', '-', '/', or empty.");
            row.List("h_codes", HCodePattern, "H codes (H1 to H13)");
            if (row["un_class"].Length > 10) row.Error("un_class", "is a UN class of at most 10 characters.");
            var operation = row.Operation("operation");
            var tonnes = row.Tonnes("quantity_tonnes");
            row.Count("notifications");
            var shipments = row.Count("shipments");
            if (row.Failed || state is null || counterpart is null || direction is null) continue;

            // Only the rows between the partner and us are the partner's view of our trade.
            if (counterpart != us) continue;
            var code = annex.Length > 0 ? annex : other.Length > 0 ? other : "-";
            flows.Add(direction == TradeDirection.Import
                ? new PartnerFlow(r.Line, counterpart, state, code, yCodes!, operation!, tonnes!.Value, shipments!.Value)
                : new PartnerFlow(r.Line, state, counterpart, code, yCodes!, operation!, tonnes!.Value, shipments!.Value));
        }

        if (errors.Count > 0) return new PartnerFiguresRead(PartnerFigureSources.PartIICsv, reporting ?? "", year ?? 0, null, [], records.Count - 1) { Errors = errors };
        if (partner is not null && reporting != partner)
        {
            return PartnerFiguresRead.Invalid($"The file is {reporting}'s report (reporting_state), not {partner}'s.");
        }

        if (reporting == us) return PartnerFiguresRead.Invalid($"The file is your own state's report ({us}): load the report of a partner state.");
        return new PartnerFiguresRead(PartnerFigureSources.PartIICsv, reporting!, year!.Value, null, flows, records.Count - 1);
    }

    // ---- layout B: open-data flows ---------------------------------------------------------------------------

    private static PartnerFiguresRead ReadOpenDataCsv(List<CsvRecord> records, string us, string? partner)
    {
        if (partner is null) return NoPartner();
        var errors = new List<FigureError>();
        var flows = new List<PartnerFlow>();
        int? year = null;
        foreach (var r in records.Skip(1))
        {
            var row = new Row(r, OpenDataColumns, errors);
            if (!row.Complete) continue;
            var month = row["month"];
            var m = MonthPattern.Match(month);
            int? y = m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
            if (y is null) row.Error("month", "is a month as YYYY-MM.");
            else if (year is not null && y != year) row.Error("month", $"is in {y}; the file's first row is in {year}: one file is one year.");
            year ??= y;
            var export = row.State("state_of_export");
            var import = row.State("state_of_import");
            var code = row["waste_code"];
            if (!CodePattern.IsMatch(code)) row.Error("waste_code", "is a waste code of 1 to 40 letters, digits, spaces, '.', '-', '/'.");
            var yCodes = row.List("y_codes", YCodePattern, "Y codes (Y1 to Y48)");
            var operation = row.Operation("operation");
            var tonnes = row.Tonnes("tonnes");
            var shipments = row.Count("shipments");
            if (row.Failed || !Between(export!, import!, us, partner)) continue;
            flows.Add(new PartnerFlow(r.Line, export!, import!, code, yCodes!, operation!, tonnes!.Value, shipments!.Value));
        }

        return errors.Count > 0
            ? new PartnerFiguresRead(PartnerFigureSources.OpenDataCsv, partner, year ?? 0, null, [], records.Count - 1) { Errors = errors }
            : new PartnerFiguresRead(PartnerFigureSources.OpenDataCsv, partner, year!.Value, null, flows, records.Count - 1);
    }

    private static PartnerFiguresRead ReadOpenDataJson(string text, string us, string? partner)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return PartnerFiguresRead.Invalid($"The body is not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return PartnerFiguresRead.Invalid("The body is a JSON object of the open-data layout.");
            if (!root.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.String || schema.GetString() != OpenFlowsSchema)
            {
                return PartnerFiguresRead.Invalid($"schema is \"{OpenFlowsSchema}\" (the open-data flows layout).");
            }

            if (partner is null) return NoPartner();
            if (!root.TryGetProperty("year", out var yearElement) || !yearElement.TryGetInt32(out var year) || year is < 1992 or > 2100)
            {
                return PartnerFiguresRead.Invalid("year is the calendar year of the flows (from 1992).");
            }

            var publisher = root.TryGetProperty("publisher", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            if (publisher is { Length: > 200 }) publisher = publisher[..200];
            if (!root.TryGetProperty("flows", out var list) || list.ValueKind != JsonValueKind.Array) return PartnerFiguresRead.Invalid("flows is an array of flows.");
            var count = list.GetArrayLength();
            if (count > MaxRows) return PartnerFiguresRead.Invalid($"A file holds at most {MaxRows} flows; this one has {count}.");

            var errors = new List<FigureError>();
            var flows = new List<PartnerFlow>();
            var i = -1;
            foreach (var f in list.EnumerateArray())
            {
                i++;
                var path = $"flows[{i}]";
                void Error(string field, string message) => errors.Add(new FigureError(i, $"{path}.{field}", message));
                string? Text(string field) => f.ValueKind == JsonValueKind.Object && f.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

                if (f.ValueKind != JsonValueKind.Object) { errors.Add(new FigureError(i, path, "is a flow object.")); continue; }
                var before = errors.Count;
                var month = Text("month");
                if (month is null || MonthPattern.Match(month) is not { Success: true } m) Error("month", "is a month as YYYY-MM.");
                else if (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) != year) Error("month", $"is not in {year}, the file's year.");
                var export = Text("stateOfExport");
                if (export is null || !StatePattern.IsMatch(export)) Error("stateOfExport", "is an ISO 3166-1 alpha-2 code.");
                var import = Text("stateOfImport");
                if (import is null || !StatePattern.IsMatch(import)) Error("stateOfImport", "is an ISO 3166-1 alpha-2 code.");
                var code = Text("wasteCode");
                if (code is null || !CodePattern.IsMatch(code)) Error("wasteCode", "is a waste code of 1 to 40 letters, digits, spaces, '.', '-', '/'.");
                var yCodes = new List<string>();
                if (f.TryGetProperty("yCodes", out var ys) && ys.ValueKind == JsonValueKind.Array)
                {
                    foreach (var yc in ys.EnumerateArray())
                    {
                        if (yc.ValueKind == JsonValueKind.String && YCodePattern.IsMatch(yc.GetString()!)) yCodes.Add(yc.GetString()!);
                        else { Error("yCodes", "is a list of Y codes (Y1 to Y48)."); break; }
                    }
                }
                else if (f.TryGetProperty("yCodes", out _)) Error("yCodes", "is a list of Y codes (Y1 to Y48).");

                var operation = Text("operation");
                if (operation is null || !OperationPattern.IsMatch(operation)) Error("operation", "is a disposal or recovery operation, D1 to D15 or R1 to R13.");
                decimal tonnes = 0;
                if (!f.TryGetProperty("tonnes", out var t) || t.ValueKind != JsonValueKind.Number || !t.TryGetDecimal(out tonnes) || tonnes < 0 || tonnes > 1_000_000_000_000m)
                {
                    Error("tonnes", "is a number of tonnes, 0 or more.");
                }

                var shipments = 0;
                if (f.TryGetProperty("shipments", out var s) && (s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out shipments) || shipments < 0))
                {
                    Error("shipments", "is a whole number, 0 or more.");
                }

                if (errors.Count > before || !Between(export!, import!, us, partner)) continue;
                flows.Add(new PartnerFlow(i, export!, import!, code!, YKey(yCodes), operation!, decimal.Round(tonnes, 3), shipments));
            }

            return errors.Count > 0
                ? new PartnerFiguresRead(PartnerFigureSources.OpenDataJson, partner, year, publisher, [], count) { Errors = errors }
                : new PartnerFiguresRead(PartnerFigureSources.OpenDataJson, partner, year, publisher, flows, count);
        }
    }

    private static PartnerFiguresRead NoPartner() =>
        PartnerFiguresRead.Invalid("Open data covers many states: name the state whose figures these are with partner=.");

    private static bool Between(string export, string import, string us, string partner) =>
        (export == us && import == partner) || (export == partner && import == us);

    /// <summary>Y codes as one key: each once, in code order (Y3 before Y12), space separated.</summary>
    public static string YKey(IEnumerable<string> codes) =>
        string.Join(" ", codes.Distinct(StringComparer.Ordinal).OrderBy(c => c.Length).ThenBy(c => c, StringComparer.Ordinal));

    /// <summary>One CSV row's fields by column, collecting the errors of its values under its line.</summary>
    private sealed class Row
    {
        private readonly CsvRecord record;
        private readonly IReadOnlyList<string> columns;
        private readonly List<FigureError> errors;
        private readonly int before;

        public Row(CsvRecord record, IReadOnlyList<string> columns, List<FigureError> errors)
        {
            this.record = record;
            this.columns = columns;
            this.errors = errors;
            before = errors.Count;
            Complete = record.Fields.Count == columns.Count;
            if (!Complete) errors.Add(new FigureError(record.Line, "*", $"has {record.Fields.Count} fields; the header has {columns.Count}."));
        }

        public bool Complete { get; }
        public bool Failed => errors.Count > before;
        public string this[string column] => record.Fields[IndexOf(column)].Trim();

        private int IndexOf(string column)
        {
            for (var i = 0; i < columns.Count; i++) if (columns[i] == column) return i;
            throw new ArgumentException(column);
        }

        public void Error(string field, string message) => errors.Add(new FigureError(record.Line, field, message));

        public int? Year(string field)
        {
            if (int.TryParse(this[field], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1992 and <= 2100) return y;
            Error(field, "is a calendar year from 1992 (the Convention's entry into force).");
            return null;
        }

        public string? State(string field)
        {
            var v = this[field];
            if (StatePattern.IsMatch(v)) return v;
            Error(field, "is an ISO 3166-1 alpha-2 code.");
            return null;
        }

        public string? List(string field, Regex item, string what)
        {
            var items = this[field].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (items.All(item.IsMatch)) return YKey(items);
            Error(field, $"is a space-separated list of {what}.");
            return null;
        }

        public string? Operation(string field)
        {
            var v = this[field];
            if (OperationPattern.IsMatch(v)) return v;
            Error(field, "is a disposal or recovery operation, D1 to D15 or R1 to R13.");
            return null;
        }

        public decimal? Tonnes(string field)
        {
            var v = this[field];
            if (TonnesPattern.IsMatch(v)) return decimal.Parse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            Error(field, "is a quantity in tonnes with a decimal point and at most 3 decimals (12.345).");
            return null;
        }

        public int? Count(string field)
        {
            var v = this[field];
            if (CountPattern.IsMatch(v)) return int.Parse(v, CultureInfo.InvariantCulture);
            Error(field, "is a whole number, 0 or more.");
            return null;
        }
    }

    private sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

    /// <summary>RFC 4180: commas, CRLF or LF, double-quoted fields with doubled quotes; the line where each record starts.</summary>
    private static (List<CsvRecord> Records, string? Error) Csv(string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0; // a byte-order mark from a spreadsheet program

        void End()
        {
            fields.Add(field.ToString());
            field.Clear();
            if (!(fields.Count == 1 && fields[0].Length == 0)) records.Add(new CsvRecord(start, fields.ToArray()));
            fields.Clear();
        }

        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0: quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n': End(); line++; start = line; break;
                default: field.Append(c); break;
            }
        }

        if (quoted) return (records, $"Line {start}: a quoted field is not closed.");
        if (field.Length > 0 || fields.Count > 0) End();
        return (records, null);
    }
}
