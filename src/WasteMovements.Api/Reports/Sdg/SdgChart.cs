using System.Globalization;
using System.Net;
using System.Text;
using WasteMovements.Domain.Reports.Sdg;

namespace WasteMovements.Api.Reports.Sdg;

/// <summary>
/// The SDG 12.4.2 bar chart of the report page as SVG rendered on the server: EN_HAZ_EXP, EN_HAZ_IMP and the exports by
/// type of treatment abroad. Classes and presentation attributes only (the CSP forbids inline style and script); labels encoded.
/// </summary>
public static class SdgChart
{
    public static string Svg(SdgSeries sdg)
    {
        var bars = sdg.Series.Select(s => (Label: s.Series + (s.Series == SdgSeries.Exported ? " exported" : " imported"), s.Tonnes, Css: s.Series == SdgSeries.Exported ? "exp" : "imp"))
            .Concat(sdg.TreatedAbroad.Select(t => (Label: "abroad: " + t.Treatment, t.Tonnes, Css: "treat"))).ToArray();
        var max = bars.Max(b => b.Tonnes);
        const int row = 24, left = 280, span = 300;
        var inv = CultureInfo.InvariantCulture;
        var height = bars.Length * row + 8;
        var svg = new StringBuilder();
        svg.Append(inv, $"<svg class=\"chart sdg-chart\" role=\"img\" aria-label=\"Bar chart of the SDG 12.4.2 series in tonnes\" width=\"680\" height=\"{height}\" viewBox=\"0 0 680 {height}\">");
        for (var i = 0; i < bars.Length; i++)
        {
            var width = max == 0 ? 0 : Math.Round((double)(bars[i].Tonnes / max) * span, 1);
            svg.Append(inv, $"<text x=\"0\" y=\"{i * row + 16}\">{WebUtility.HtmlEncode(bars[i].Label)}</text>");
            svg.Append(inv, $"<rect class=\"{bars[i].Css}\" x=\"{left}\" y=\"{i * row + 4}\" width=\"{width}\" height=\"16\"></rect>");
            svg.Append(inv, $"<text x=\"{left + width + 6}\" y=\"{i * row + 16}\">{bars[i].Tonnes.ToString(inv)} t</text>");
        }

        return svg.Append("</svg>").ToString();
    }
}
