using WasteMovements.Domain.Reports.OpenData;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Reports;

/// <summary>The open data set (layout B): aggregation by month, state pair, code and operation, and the disclosure threshold (decision 0016).</summary>
public sealed class OpenFlowsTests
{
    private static readonly DateTimeOffset March = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private static ReceivedMovement Received(DateTimeOffset at, decimal? tonnes, string exporter, string facility, string from = "DE", string to = "NL",
        string code = "A1160", string operation = "R4") =>
        new(at, from, to, code, ["Y34", "Y31"], operation, tonnes, exporter, facility);

    [Fact]
    public void A_cell_is_published_with_three_shipments_exporters_and_facilities_and_left_out_below()
    {
        var movements = new[]
        {
            // DE to NL, March, A1160 R4: three exporters, three facilities -> published.
            Received(March, 10.1234m, "EXP-1", "FAC-1"), Received(March.AddDays(5), 20m, "EXP-2", "FAC-2"), Received(March.AddDays(6), 5m, "EXP-3", "FAC-3"),
            // The same pair and code in April: three shipments of one exporter to one facility -> left out.
            Received(March.AddMonths(1), 1m, "EXP-1", "FAC-1"), Received(March.AddMonths(1), 2m, "EXP-1", "FAC-1"), Received(March.AddMonths(1), 3m, "EXP-1", "FAC-1"),
            // Three exporters to two facilities -> left out.
            Received(March, 4m, "EXP-1", "FAC-1", operation: "R13"), Received(March, 4m, "EXP-2", "FAC-2", operation: "R13"), Received(March, 4m, "EXP-3", "FAC-2", operation: "R13"),
            // Another year: not in 2026's set.
            Received(March.AddYears(-1), 99m, "EXP-9", "FAC-9"),
            // Received in m3 without a density: no tonnes, counted apart.
            Received(March, null, "EXP-4", "FAC-4"),
        };

        var data = OpenFlows.Aggregate(2026, movements, "Test publisher", TestStart.Now);

        var flow = Assert.Single(data.Flows);
        Assert.Equal(new OpenFlow("2026-03", "DE", "NL", "A1160", ["Y31", "Y34"], "R4", 35.123m, 3) with { YCodes = flow.YCodes }, flow);
        Assert.Equal(["Y31", "Y34"], flow.YCodes);
        Assert.Equal(2, data.Threshold.SuppressedCells);
        Assert.Equal((3, 3, 3), (data.Threshold.MinShipments, data.Threshold.MinExporters, data.Threshold.MinFacilities));
        Assert.Equal(1, data.ShipmentsWithoutTonnes);
        Assert.Equal(("https://wastemovements.example/schemas/open-flows/1", "CC-BY-4.0", 2026, "Test publisher"), (data.Schema, data.Licence, data.Year, data.Publisher));
    }

    [Fact]
    public void The_month_is_the_month_of_receipt_in_UTC()
    {
        // 23:30 on 31 March at UTC-2 is 01:30 on 1 April UTC.
        var late = new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.FromHours(-2));
        var data = OpenFlows.Aggregate(2026, [Received(late, 1m, "E1", "F1"), Received(late, 1m, "E2", "F2"), Received(late, 1m, "E3", "F3")], "p", TestStart.Now);
        Assert.Equal("2026-04", Assert.Single(data.Flows).Month);
    }

    [Fact]
    public void The_csv_has_the_layout_B_header_and_dot_decimals()
    {
        var data = OpenFlows.Aggregate(2026,
            [Received(March, 1.5m, "E1", "F1", code: "A1010, mixed"), Received(March, 1m, "E2", "F2", code: "A1010, mixed"), Received(March, 1m, "E3", "F3", code: "A1010, mixed")],
            "p", TestStart.Now);
        Assert.Equal("month,state_of_export,state_of_import,waste_code,y_codes,operation,tonnes,shipments\r\n2026-03,DE,NL,\"A1010, mixed\",Y31 Y34,R4,3.500,3\r\n",
            OpenFlows.Csv(data));
    }
}
