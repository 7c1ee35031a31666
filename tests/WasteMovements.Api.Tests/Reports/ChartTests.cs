using System.Xml.Linq;
using WasteMovements.Api.Reports.Sdg;
using WasteMovements.Api.Ui.Pages;
using WasteMovements.Domain.Reports;
using WasteMovements.Domain.Reports.OpenData;
using WasteMovements.Domain.Reports.Sdg;

namespace WasteMovements.Api.Tests.Reports;

/// <summary>The server-rendered SVG of the SDG chart and of the open-data flow picture: well-formed, no style or script, widths by tonnes.</summary>
public sealed class ChartTests
{
    private static XElement Parse(string svg) => XElement.Parse(svg);

    private static void NoStyleOrScript(XElement svg)
    {
        Assert.DoesNotContain(svg.DescendantsAndSelf(), e => e.Name.LocalName is "script" or "style" or "foreignObject");
        Assert.DoesNotContain(svg.DescendantsAndSelf().Attributes(), a => a.Name.LocalName == "style" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
    }

    [Fact]
    public void The_flow_picture_draws_one_band_per_pair_of_states_with_width_by_tonnes()
    {
        var flows = new[]
        {
            new OpenFlow("2026-03", "DE", "NL", "A1160", ["Y31"], "R4", 40m, 3),
            new OpenFlow("2026-04", "DE", "NL", "A1160", ["Y31"], "R4", 20m, 3),
            new OpenFlow("2026-03", "BE", "NL", "A3020", ["Y8"], "R9", 15m, 4),
            new OpenFlow("2026-03", "DE", "<FR>", "A4020", ["Y1"], "D10", 6m, 3),
        };
        var pairs = OpenDataModel.PairsOf(flows);
        Assert.Equal([("DE", "NL", 60m, 6), ("BE", "NL", 15m, 4), ("DE", "<FR>", 6m, 3)], pairs);

        var svg = Parse(OpenDataModel.FlowSvg(pairs));
        NoStyleOrScript(svg);
        var bands = svg.Descendants().Where(e => e.Name.LocalName == "path" && (string?)e.Attribute("class") == "band").ToArray();
        Assert.Equal(["28", "7", "2.8"], bands.Select(b => (string)b.Attribute("stroke-width")!));
        Assert.Equal("DE to NL: 60 t, 6 shipments", bands[0].Elements().Single().Value);
        // Labels are text, encoded: a state code cannot inject markup.
        Assert.Contains(svg.Descendants().Where(e => e.Name.LocalName == "text"), t => t.Value == "<FR>");
        Assert.Equal("", OpenDataModel.FlowSvg([]));
    }

    [Fact]
    public void The_SDG_chart_has_a_bar_per_series_and_type_with_width_by_tonnes()
    {
        var report = AnnualReport.Empty("DE", 2026) with
        {
            Lines =
            [
                new ReportLine(TradeDirection.Export, "NL", "A1160", "Y31 Y34", "H8", "R4", "t", 30m, 2, ["N"], [], false, false),
                new ReportLine(TradeDirection.Import, "FR", "A1160", "Y31 Y34", "H8", "D10", "t", 15m, 1, ["N"], [], false, false),
            ],
        };
        var svg = Parse(SdgChart.Svg(SdgSeries.From(report)));
        NoStyleOrScript(svg);
        var bars = svg.Descendants().Where(e => e.Name.LocalName == "rect").ToArray();
        Assert.Equal(8, bars.Length);
        Assert.Equal(["exp", "imp", "treat"], bars.Select(b => (string)b.Attribute("class")!).Distinct());
        Assert.Equal(["300", "150", "300", "0", "0", "0", "0", "0"], bars.Select(b => (string)b.Attribute("width")!));
    }
}
