using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Reports;
using WasteMovements.Domain.Reports.Mirror;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Reports;

/// <summary>
/// Mirror statistics (Basel Art. 13(3)(b)): a partner's figures read in layouts A and B, compared with our annual
/// report per partner and code, and the movements of ours that explain the difference. Years are TestStart's and its
/// neighbours: the rules turn on the calendar year a shipment left or arrived in.
/// </summary>
public sealed class MirrorTests
{
    private static readonly int Y = TestStart.Year;
    private const string Header = "year,reporting_state,direction,partner_state,transit_states,y_codes,annex_viii_code,other_code,h_codes,un_class,operation,quantity_tonnes,notifications,shipments";

    private static DateTimeOffset On(int year, int month, int day) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);

    // ---- reading the partner's file --------------------------------------------------------------------------

    [Fact]
    public void Layout_A_keeps_the_partners_rows_with_us_and_turns_each_into_a_flow()
    {
        var csv = Header + "\n" +
                  $"{Y},JP,import,MY,KR,Y34 Y31,A1160,,H8 H11,8,R4,29.500,1,2\n" +
                  $"{Y},JP,import,TH,,Y31,A1160,,H11,,R4,99.000,1,9\n" +
                  $"{Y},JP,export,MY,,Y18,,\"GC010\",,,R5,1.250,1,1\n";
        var read = PartnerFiguresFile.Read(csv, json: false, us: "MY", partner: null);
        Assert.True(read.Valid, read.FileError ?? string.Join("; ", read.Errors));
        Assert.Equal((PartnerFigureSources.PartIICsv, "JP", Y, 3), (read.Source, read.Partner, read.Year, read.RowsInFile));
        Assert.Equal(
            [new PartnerFlow(2, "MY", "JP", "A1160", "Y31 Y34", "R4", 29.5m, 2), new PartnerFlow(4, "JP", "MY", "GC010", "Y18", "R5", 1.25m, 1)],
            read.Flows);
    }

    [Fact]
    public void A_malformed_row_is_named_by_its_line_and_field_and_nothing_is_read()
    {
        var csv = Header + "\r\n" +
                  $"{Y},JP,import,MY,,Y31,A1160,,H11,,R4,\"29,5\",1,2\r\n" +
                  $"{Y},JP,inbound,MY,,Y31,A116,,H11,,R99,1.000,one,2\r\n" +
                  $"{Y - 1},JP,import,MY,,Y31,A1160,,H11,,R4,1.000,1,2\r\n" +
                  $"{Y},JP,import,MY\r\n";
        var read = PartnerFiguresFile.Read(csv, json: false, us: "MY", partner: null);
        Assert.False(read.Valid);
        Assert.Empty(read.Flows);
        Assert.Equal(
            [(2, "quantity_tonnes"), (3, "direction"), (3, "annex_viii_code"), (3, "operation"), (3, "notifications"), (4, "year"), (5, "*")],
            read.Errors.Select(e => (e.Row, e.Field)));
    }

    [Theory]
    [InlineData("a,b\n1,2\n", "neither the Part II layout")]
    [InlineData(Header + "\n", "at least one row")]
    [InlineData(Header + "\n\"2026,JP", "not closed")]
    public void A_file_that_is_no_layout_is_refused_as_a_whole(string csv, string reason) =>
        Assert.Contains(reason, PartnerFiguresFile.Read(csv, false, "MY", null).FileError);

    [Fact]
    public void Layout_A_of_another_state_than_the_partner_named_or_of_our_own_is_refused()
    {
        var csv = Header + "\n" + $"{Y},JP,import,MY,,Y31,A1160,,H11,,R4,1.000,1,1\n";
        Assert.Contains("JP's report", PartnerFiguresFile.Read(csv, false, "MY", "KR").FileError);
        Assert.Contains("your own state's report", PartnerFiguresFile.Read(Header + "\n" + $"{Y},MY,export,JP,,Y31,A1160,,H11,,R4,1.000,1,1\n", false, "MY", null).FileError);
    }

    [Fact]
    public void Layout_B_JSON_keeps_the_flows_between_the_partner_and_us_and_names_a_bad_flow_by_its_path()
    {
        var json = $$"""
            { "schema": "https://wastemovements.example/schemas/open-flows/1", "licence": "CC-BY-4.0", "publisher": "JP deployment", "generatedAt": "{{Y + 1}}-01-15T00:00:00Z",
              "year": {{Y}}, "threshold": { "minShipments": 3 },
              "flows": [
                { "month": "{{Y}}-03", "stateOfExport": "MY", "stateOfImport": "JP", "wasteCode": "A1160", "yCodes": ["Y34", "Y31"], "operation": "R4", "tonnes": 12.345, "shipments": 3 },
                { "month": "{{Y}}-04", "stateOfExport": "DE", "stateOfImport": "JP", "wasteCode": "A1160", "yCodes": ["Y31"], "operation": "R4", "tonnes": 50, "shipments": 5 },
                { "month": "{{Y}}-05", "stateOfExport": "JP", "stateOfImport": "MY", "wasteCode": "B1010", "yCodes": [], "operation": "R4", "tonnes": 2, "shipments": 1 } ] }
            """;
        var read = PartnerFiguresFile.Read(json, json: true, us: "MY", partner: "JP");
        Assert.True(read.Valid, read.FileError ?? string.Join("; ", read.Errors));
        Assert.Equal((PartnerFigureSources.OpenDataJson, "JP", Y, "JP deployment", 3), (read.Source, read.Partner, read.Year, read.Publisher, read.RowsInFile));
        Assert.Equal([new PartnerFlow(0, "MY", "JP", "A1160", "Y31 Y34", "R4", 12.345m, 3), new PartnerFlow(2, "JP", "MY", "B1010", "", "R4", 2m, 1)], read.Flows);

        var bad = json.Replace("\"tonnes\": 50", "\"tonnes\": \"50\"").Replace($"\"{Y}-05\"", $"\"{Y - 1}-05\"");
        var refused = PartnerFiguresFile.Read(bad, true, "MY", "JP");
        Assert.Equal([(1, "flows[1].tonnes"), (2, "flows[2].month")], refused.Errors.Select(e => (e.Row, e.Field)));
        Assert.Contains("partner=", PartnerFiguresFile.Read(json, true, "MY", null).FileError);
        Assert.Contains("schema", PartnerFiguresFile.Read(json.Replace("open-flows/1", "open-flows/9"), true, "MY", "JP").FileError);
    }

    [Fact]
    public void Layout_B_CSV_reads_as_its_JSON()
    {
        var csv = "month,state_of_export,state_of_import,waste_code,y_codes,operation,tonnes,shipments\n" +
                  $"{Y}-03,MY,JP,A1160,Y31 Y34,R4,12.345,3\n{Y}-04,DE,JP,A1160,Y31,R4,50.000,5\n{Y}-13,JP,MY,B1010,,R4,2.000,1\n";
        Assert.Equal([(4, "month")], PartnerFiguresFile.Read(csv, false, "MY", "JP").Errors.Select(e => (e.Row, e.Field)));
        var read = PartnerFiguresFile.Read(csv.Replace($"{Y}-13", $"{Y}-12"), false, "MY", "JP");
        Assert.Equal((PartnerFigureSources.OpenDataCsv, Y), (read.Source, read.Year));
        Assert.Equal([new PartnerFlow(2, "MY", "JP", "A1160", "Y31 Y34", "R4", 12.345m, 3), new PartnerFlow(4, "JP", "MY", "B1010", "", "R4", 2m, 1)], read.Flows);
    }

    // ---- the comparison ----------------------------------------------------------------------------------------

    private static ShipmentState Shipment(int number, decimal announced = 10m, string unit = Units.Tonnes, decimal? density = null, string code = "A1160",
        string export = "MY", string import = "JP")
    {
        var p = Samples.Notification(export, import, total: 1000m);
        var waste = p.Waste with { BaselCode = code, DensityTonnesPerCubicMetre = density };
        var document = new MovementDocument($"{export}-{Y}-000001", number, 10, NotificationKind.General, new RegimeInfo(ControlRegime.Basel, "Basel Convention"), p.Exporter,
            p.Generators, p.Consignee, p.Facility, p.Carriers, export, import, [], ["road"], waste, "R4", null, announced, unit, "drum", 10, TestStart.Day(0), [], [], null);
        return new ShipmentState
        {
            Id = $"{export}-{Y}-000001-{number:000}", NotificationNumber = document.NotificationNumber, ShipmentNumber = number, Status = ShipmentStatus.Announced,
            Document = document, AnnouncedAt = On(Y, 1, 1), FacilityId = p.Facility.Id, StateOfExport = export,
        };
    }

    private static ShipmentState Left(ShipmentState s, DateTimeOffset at) => s with { Status = ShipmentStatus.InTransit, DepartedAt = at };

    private static ShipmentState Received(ShipmentState s, DateTimeOffset at, decimal quantity, string unit = Units.Tonnes) => s with
    {
        Status = ShipmentStatus.Received,
        Receipt = new Receipt(s.FacilityId, at, quantity, unit, quantity != s.Document.Quantity, 0m, false, false, at),
    };

    private static ReportLine Line(TradeDirection direction, string code, decimal quantity, int shipments, string unit = Units.Tonnes, string yCodes = "Y31 Y34") =>
        new(direction, "JP", code, yCodes, "H11 H8", "R4", unit, quantity, shipments, ["MY-X"], [], false, false);

    private static PartnerFigures Figures(params PartnerFlow[] flows) => new()
    {
        Id = "MY:JP:x", State = "MY", Partner = "JP", Year = Y, Source = PartnerFigureSources.PartIICsv, FileHash = "ab", LoadedBy = "officer", LoadedAt = On(Y + 1, 2, 1),
        RowsInFile = flows.Length, Flows = flows,
    };

    [Fact]
    public void Known_figures_give_known_differences_per_direction_and_code_with_the_movements_that_explain_them()
    {
        // Ours: exports to JP of A1160 40 t (4 shipments), B1010 5 t, A1180 in m3 (no density); imports from JP of A1010 3 t.
        var report = AnnualReport.Empty("MY", Y) with
        {
            Lines =
            [
                Line(TradeDirection.Export, "A1160", 40m, 4), Line(TradeDirection.Export, "B1010", 5m, 1),
                Line(TradeDirection.Export, "A1180", 12m, 1, Units.CubicMetres), Line(TradeDirection.Import, "A1010", 3m, 1),
                Line(TradeDirection.Export, "A1160", 99m, 9) with { Counterpart = "KR" },
            ],
        };
        // JP's: imports from MY of A1160 30 t (one row of 20 and one of 10), B1010 5.05 t (1 % off), A4060 2 t we never reported; exports to MY of A1010 3 t.
        var theirs = Figures(new PartnerFlow(2, "MY", "JP", "A1160", "Y31 Y34", "R4", 20m, 2), new PartnerFlow(3, "MY", "JP", "A1160", "Y31 Y34", "R4", 10m, 1),
            new PartnerFlow(4, "MY", "JP", "B1010", "Y31 Y34", "R4", 5.05m, 1), new PartnerFlow(5, "MY", "JP", "A4060", "Y9", "R4", 2m, 1),
            new PartnerFlow(6, "JP", "MY", "A1010", "Y31 Y34", "R4", 3m, 1));
        // A1160: one left on 30 December and arrived on 4 January (our export of Y, JP's import of Y+1), received 9.5 of 10 t.
        var late = Received(Left(Shipment(1), On(Y, 12, 30)), On(Y + 1, 1, 4), 9.5m);
        var agreed = Received(Left(Shipment(2), On(Y, 3, 2)), On(Y, 3, 4), 10m);
        var underWay = Left(Shipment(3, code: "A4060"), On(Y, 12, 31));

        var comparison = MirrorStatistics.Compare(report, "JP", theirs, [late, agreed, underWay], MirrorCodeKind.Waste);

        var cells = comparison.Cells.ToDictionary(c => (c.Direction, c.Code));
        Assert.Equal(5, cells.Count);
        var a1160 = cells[(TradeDirection.Export, "A1160")];
        Assert.Equal((40m, 30m, 10m, 25.0m, false, 4, 3), (a1160.OurTonnes, a1160.PartnerTonnes, a1160.Difference, a1160.DifferencePercent, a1160.WithinTolerance,
            a1160.OurShipments, a1160.PartnerShipments));
        Assert.Equal([2, 3], a1160.PartnerRows);
        var explained = Assert.Single(a1160.Movements);
        Assert.Equal((late.Id, 9.5m), (explained.ShipmentId, explained.Tonnes));
        Assert.Equal([MirrorReasons.ArrivedNextYear, MirrorReasons.ReceivedDiffersFromAnnounced], explained.Reasons);

        var b1010 = cells[(TradeDirection.Export, "B1010")];
        Assert.Equal((-0.05m, 1.0m, true), (b1010.Difference, b1010.DifferencePercent, b1010.WithinTolerance));
        var a1180 = cells[(TradeDirection.Export, "A1180")];
        Assert.Equal((0m, 0m, 12m, false), (a1180.OurTonnes, a1180.PartnerTonnes, a1180.OurCubicMetres, a1180.WithinTolerance));
        var a4060 = cells[(TradeDirection.Export, "A4060")];
        Assert.Equal((0m, 2m, -2m, 100.0m), (a4060.OurTonnes, a4060.PartnerTonnes, a4060.Difference, a4060.DifferencePercent));
        Assert.Equal([MirrorReasons.UnderWay], Assert.Single(a4060.Movements).Reasons);
        var import = cells[(TradeDirection.Import, "A1010")];
        Assert.Equal((3m, 3m, 0m, 0.0m, true), (import.OurTonnes, import.PartnerTonnes, import.Difference, import.DifferencePercent, import.WithinTolerance));
        Assert.Equal(["A1160", "A1180", "A4060"], comparison.Disagreements.Select(c => c.Code));

        // The tolerance is the caller's to choose: at 30 % the A1160 cell agrees.
        Assert.True(MirrorStatistics.Compare(report, "JP", theirs, [], MirrorCodeKind.Waste, 30m).Cells.Single(c => c.Code == "A1160").WithinTolerance);
    }

    [Fact]
    public void By_Y_codes_the_same_figures_add_up_per_set_of_Y_codes()
    {
        var report = AnnualReport.Empty("MY", Y) with { Lines = [Line(TradeDirection.Export, "A1160", 40m, 4, yCodes: "Y34 Y31"), Line(TradeDirection.Export, "B1010", 5m, 1)] };
        var theirs = Figures(new PartnerFlow(2, "MY", "JP", "A1160", "Y31 Y34", "R4", 42m, 4));
        var cell = Assert.Single(MirrorStatistics.Compare(report, "JP", theirs, [], MirrorCodeKind.Y).Cells);
        Assert.Equal(("Y31 Y34", 45m, 42m, 3m), (cell.Code, cell.OurTonnes, cell.PartnerTonnes, cell.Difference));
    }

    [Fact]
    public void Without_partner_figures_every_cell_of_ours_disagrees_and_the_source_is_null()
    {
        var comparison = MirrorStatistics.Compare(AnnualReport.Empty("MY", Y) with { Lines = [Line(TradeDirection.Export, "A1160", 4m, 1)] }, "JP", null, [], MirrorCodeKind.Waste);
        Assert.Null(comparison.PartnerFigures);
        Assert.Equal((4m, 0m, false), (comparison.Cells.Single().Difference, comparison.Cells.Single().PartnerTonnes, comparison.Cells.Single().WithinTolerance));
    }

    [Fact]
    public void Each_reason_a_movement_explains_a_difference()
    {
        var s = Shipment(1);
        Assert.Empty(MirrorStatistics.Explain(Received(Left(s, On(Y, 5, 1)), On(Y, 5, 2), 10m), TradeDirection.Export, Y));
        Assert.Empty(MirrorStatistics.Explain(Received(Left(s, On(Y - 1, 5, 1)), On(Y - 1, 5, 2), 10m), TradeDirection.Export, Y));
        Assert.Equal([MirrorReasons.DepartedPreviousYear], MirrorStatistics.Explain(Received(Left(s, On(Y - 1, 12, 31)), On(Y, 1, 2), 10m), TradeDirection.Import, Y));
        Assert.Equal([MirrorReasons.ArrivedNextYear], MirrorStatistics.Explain(Received(Left(s, On(Y, 12, 31)), On(Y + 1, 1, 2), 10m), TradeDirection.Import, Y));
        Assert.Equal([MirrorReasons.UnderWay], MirrorStatistics.Explain(Left(s, On(Y, 6, 1)), TradeDirection.Export, Y));
        Assert.Equal([MirrorReasons.Rejected], MirrorStatistics.Explain(Left(s, On(Y, 6, 1)) with { Status = ShipmentStatus.Rejected, RejectedQuantity = 10m }, TradeDirection.Export, Y));
        var returned = Left(s, On(Y, 6, 1)) with
        {
            Status = ShipmentStatus.Returned, RejectedQuantity = 10m,
            TakeBacks = [new TakeBack("Drums corroded", "Basel Art. 8", On(Y, 6, 2), On(Y, 9, 1), 10m, On(Y, 7, 1), null)],
        };
        Assert.Equal([MirrorReasons.Rejected, MirrorReasons.Returned], MirrorStatistics.Explain(returned, TradeDirection.Export, Y));
        var m3 = Shipment(2, 8m, Units.CubicMetres);
        Assert.Equal([MirrorReasons.CubicMetresWithoutDensity], MirrorStatistics.Explain(Received(Left(m3, On(Y, 6, 1)), On(Y, 6, 3), 8m, Units.CubicMetres), TradeDirection.Export, Y));
        var withDensity = Shipment(3, 8m, Units.CubicMetres, density: 1.5m);
        Assert.Empty(MirrorStatistics.Explain(Received(Left(withDensity, On(Y, 6, 1)), On(Y, 6, 3), 8m, Units.CubicMetres), TradeDirection.Export, Y));
        Assert.Equal([MirrorReasons.ReceivedDiffersFromAnnounced], MirrorStatistics.Explain(Received(Left(s, On(Y, 5, 1)), On(Y, 5, 2), 9.9m), TradeDirection.Export, Y));
    }
}
