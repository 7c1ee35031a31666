using Microsoft.AspNetCore.Mvc;
using WasteMovements.Domain.Reports;

namespace WasteMovements.Api.Ui.Pages;

/// <summary>A state's Art. 13(3) tables for a year, with a CSV download and a chart of quantities by waste code.</summary>
public sealed class ReportModel(UiIdentity identity, ApiClient api) : UiPage(identity, api)
{
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public int Year { get; set; } = DateTime.UtcNow.Year;
    public AnnualReport? Report { get; private set; }

    private string Query(string format) => $"/api/reports/annual?state={Uri.EscapeDataString(State ?? "")}&year={Year}&format={format}";

    public async Task OnGetAsync()
    {
        State ??= Me.Country;
        if (string.IsNullOrEmpty(State)) return;
        var result = await Get(Query("json"));
        if (result.Ok) Report = result.As<AnnualReport>();
        else Failure = result;
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        State ??= Me.Country;
        var result = await Get(Query("csv"));
        if (result.Ok && result.Bytes is { } csv) return File(csv, "text/csv", $"basel-report-{State}-{Year}.csv");
        Failure = result;
        return Page();
    }

    /// <summary>The Part II tables offered as CSV downloads (GET /api/reports/annual?format=csv&amp;table=...).</summary>
    public static readonly (string Table, string Label)[] CsvTables =
        [("exports", "exports"), ("imports", "imports"), ("not-as-intended", "disposals not as intended"), ("accidents", "accidents"), ("illegal-traffic", "illegal traffic")];

    /// <summary>One Part II table as CSV, fetched from the API with the signed-in user's token.</summary>
    public async Task<IActionResult> OnGetTableAsync(string table)
    {
        State ??= Me.Country;
        var result = await Get(Query("csv") + "&table=" + Uri.EscapeDataString(table));
        if (result.Ok && result.Bytes is { } csv) return File(csv, "text/csv", $"basel-report-{State}-{Year}-{table}.csv");
        Failure = result;
        return Page();
    }

    /// <summary>The Part II workbook (XLSX, a sheet per table).</summary>
    public async Task<IActionResult> OnGetXlsxAsync()
    {
        State ??= Me.Country;
        var result = await Get(Query("xlsx"));
        if (result.Ok && result.Bytes is { } xlsx) return File(xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"basel-report-{State}-{Year}.xlsx");
        Failure = result;
        return Page();
    }

    /// <summary>A horizontal bar chart as inline SVG (no external assets); labels are HTML-encoded.</summary>
    public string ChartSvg()
    {
        var bars = ByWasteCode;
        if (bars.Count == 0) return "";
        var max = bars.Max(b => b.Quantity);
        var svg = new System.Text.StringBuilder(
            $"<svg class=\"chart\" role=\"img\" aria-label=\"Bar chart of quantities by waste code\" width=\"640\" height=\"{bars.Count * 26 + 10}\">");
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        for (var i = 0; i < bars.Count; i++)
        {
            var (code, quantity) = bars[i];
            var width = max == 0 ? 0 : (double)(quantity / max) * 420;
            svg.Append(inv, $"<text x=\"0\" y=\"{i * 26 + 17}\">{System.Net.WebUtility.HtmlEncode(code)}</text>");
            svg.Append(inv, $"<rect x=\"160\" y=\"{i * 26 + 4}\" width=\"{width:0.#}\" height=\"18\"></rect>");
            svg.Append(inv, $"<text x=\"{166 + width:0.#}\" y=\"{i * 26 + 17}\">{quantity}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Quantity per waste code (both directions), for the bar chart.</summary>
    public IReadOnlyList<(string Code, decimal Quantity)> ByWasteCode =>
        (Report?.Lines ?? []).GroupBy(l => $"{l.WasteCode} {l.Direction.Name()}")
            .Select(g => (g.Key, g.Sum(l => l.Quantity))).OrderByDescending(x => x.Item2).ToArray();
}
