using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WasteMovements.Domain.Reports.OpenData;

namespace WasteMovements.Api.Ui.Pages;

/// <summary>
/// The public open data page (no sign-in): who sends what where in a year, as a flow picture (SVG bands by tonnes), the
/// published cells and the download links of GET /api/open-data/flows. It reads the same anonymous route as any harvester.
/// </summary>
public sealed class OpenDataModel(ApiClient api, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    public OpenFlowsDataset? Data { get; private set; }
    public ApiResult? Failure { get; private set; }

    public async Task OnGetAsync()
    {
        Year ??= clock.GetUtcNow().Year;
        var result = await api.GetAsync(null, $"/api/open-data/flows?year={Year}", HttpContext.RequestAborted);
        if (result.Ok) Data = result.As<OpenFlowsDataset>();
        else Failure = result;
    }

    /// <summary>Tonnes per pair of states over the year (all months, codes and operations), largest first.</summary>
    public IReadOnlyList<(string From, string To, decimal Tonnes, int Shipments)> Pairs => PairsOf(Data?.Flows ?? []);

    public static IReadOnlyList<(string From, string To, decimal Tonnes, int Shipments)> PairsOf(IEnumerable<OpenFlow> flows) =>
        flows.GroupBy(f => (f.StateOfExport, f.StateOfImport))
            .Select(g => (g.Key.StateOfExport, g.Key.StateOfImport, g.Sum(f => f.Tonnes), g.Sum(f => f.Shipments)))
            .OrderByDescending(p => p.Item3).ThenBy(p => p.StateOfExport, StringComparer.Ordinal).ThenBy(p => p.StateOfImport, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The flow picture: states of export on the left, states of import on the right, one band per pair whose width is
    /// proportional to its tonnes. Presentation attributes and classes only (no style attribute, no script); labels encoded.
    /// </summary>
    public string FlowSvg() => FlowSvg(Pairs);

    public static string FlowSvg(IReadOnlyList<(string From, string To, decimal Tonnes, int Shipments)> pairs)
    {
        if (pairs.Count == 0) return "";
        var inv = CultureInfo.InvariantCulture;
        var exporters = pairs.Select(p => p.From).Distinct().Order(StringComparer.Ordinal).ToArray();
        var importers = pairs.Select(p => p.To).Distinct().Order(StringComparer.Ordinal).ToArray();
        const int gap = 44, top = 44, left = 60, right = 560, widest = 28;
        var height = Math.Max(exporters.Length, importers.Length) * gap + top;
        var max = pairs.Max(p => p.Tonnes);
        double Y(int i) => top + i * gap;
        var svg = new StringBuilder().Append(inv,
            $"<svg class=\"flow-picture\" role=\"img\" aria-label=\"Flows of waste between states, band width by tonnes\" width=\"640\" height=\"{height}\" viewBox=\"0 0 640 {height}\">");
        svg.Append(inv, $"<text x=\"{left - 50}\" y=\"12\">From</text><text x=\"{right + 12}\" y=\"12\">To</text>");
        foreach (var (from, to, tonnes, shipments) in pairs)
        {
            var y1 = Y(Array.IndexOf(exporters, from));
            var y2 = Y(Array.IndexOf(importers, to));
            var width = max == 0 ? 1 : Math.Max(1, Math.Round((double)(tonnes / max) * widest, 1));
            svg.Append(inv, $"<path class=\"band\" stroke-width=\"{width}\" d=\"M {left} {y1} C {(left + right) / 2} {y1}, {(left + right) / 2} {y2}, {right} {y2}\">");
            svg.Append(inv, $"<title>{Enc(from)} to {Enc(to)}: {tonnes.ToString("0.###", inv)} t, {shipments} shipments</title></path>");
        }

        for (var i = 0; i < exporters.Length; i++)
        {
            svg.Append(inv, $"<rect class=\"node\" x=\"{left - 6}\" y=\"{Y(i) - 14}\" width=\"6\" height=\"28\"></rect><text x=\"{left - 50}\" y=\"{Y(i) + 4}\">{Enc(exporters[i])}</text>");
        }

        for (var i = 0; i < importers.Length; i++)
        {
            svg.Append(inv, $"<rect class=\"node\" x=\"{right}\" y=\"{Y(i) - 14}\" width=\"6\" height=\"28\"></rect><text x=\"{right + 12}\" y=\"{Y(i) + 4}\">{Enc(importers[i])}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
