using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Marten;
using Marten.Events;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;
using static WasteMovements.Api.Tests.Infrastructure.Commands;

namespace WasteMovements.Api.Tests.Reports;

/// <summary>
/// The national report's Part II tables (Basel Art. 13(3)(b), (f)) from a seeded set of movements with known totals:
/// Thailand to Australia (states no other test moves waste between, so the totals are this test's alone), one
/// notification through Singapore and one direct.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PartIIReportTests(ApiFixture api)
{
    private const string Facility = "NL-FAC-ROTTERDAM-1";
    private const string TradeHeader =
        "year,reporting_state,direction,partner_state,transit_states,y_codes,annex_viii_code,other_code,h_codes,un_class,operation,quantity_tonnes,notifications,shipments";

    private static string Url(string state, string query = "") => $"/api/reports/annual?state={state}&year={TestStart.Year}{query}";

    [Fact]
    public async Task The_Part_II_tables_add_up_a_seeded_set_of_movements()
    {
        using var _ = api.TimeTravel();
        var th = api.Authority("TH"); var au = api.Authority("AU"); var sg = api.Authority("SG"); var facility = api.FacilityUser(Facility);
        var viaSingapore = await api.ConsentedAsync(Samples.Notification("TH", "AU", ["SG"], shipments: 6, total: 60m));
        var direct = await api.ConsentedAsync(Samples.Notification("TH", "AU", shipments: 2, total: 20m));
        var ids = new List<string>();
        foreach (var number in new[] { viaSingapore, viaSingapore, viaSingapore, viaSingapore, direct })
        {
            ids.Add(await th.Announce(number, Announcement(10m, TestStart.Day(9))).ShipmentId());
        }

        api.Clock.Set(TestStart.At(9, 12, 0));
        foreach (var id in ids) await th.Depart(id, new RecordDeparture(TestStart.At(9, 8, 0), SampleCarrier)).Ok();
        // Singapore, a transit state, reports an accident of the fourth shipment (Basel Art. 13(1)).
        await sg.ReportAccident(ids[3], new ReportAccident(TestStart.At(9, 10, 30), "Pasir Panjang terminal", "SG", "A box fell from the crane", "Spill contained")).Ok();

        api.Clock.Set(TestStart.At(10, 10, 0));
        await facility.Receive(ids[0], new ConfirmReceipt(TestStart.At(10, 9, 0), 9.5m, Units.Tonnes)).Ok();
        await facility.Receive(ids[1], new ConfirmReceipt(TestStart.At(10, 9, 10), 10m, Units.Tonnes)).Ok();
        await facility.Receive(ids[4], new ConfirmReceipt(TestStart.At(10, 9, 20), 5m, Units.Tonnes)).Ok();
        // Not as intended: the third is rejected and taken back (Art. 8); the fourth goes to another facility (Art. 8).
        await facility.Reject(ids[2], new RejectShipment("Drums corroded", null)).Ok();
        await th.RecordReturn(ids[2]).Ok();
        await au.ReportCannotBeCompleted(ids[3], "Facility fire").Ok();
        await th.ArrangeAlternative(ids[3], Alternative("Consent of AU for the Osaka facility obtained")).Ok();
        await au.ReportIllegalTraffic(ids[0], new RecordIllegalTraffic("not-matching-documents", "Labels missing", true)).Ok();

        await api.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        // Exports (Thailand): one row, both notifications, Singapore as transit, 24.5 t received in 3 shipments.
        var thailand = (await (await th.GetAsync(Url("TH"))).ShouldBe(HttpStatusCode.OK))["partII"]!;
        var export = thailand["exports"]!.AsArray().Single()!;
        Assert.Equal(("AU", "A1160", "8", "R4"), (Text(export["partnerState"]), Text(export["annexVIIICode"]), Text(export["unClass"]), Text(export["operation"])));
        Assert.Null(export["otherCode"]);
        Assert.Equal(["SG"], Texts(export["transitStates"]));
        Assert.Equal(["Y31", "Y34"], Texts(export["yCodes"]));
        Assert.Equal(["H11", "H8"], Texts(export["hCodes"]));
        Assert.Equal((24.5m, 2, 3), (export["quantityTonnes"]!.GetValue<decimal>(), export["notifications"]!.GetValue<int>(), export["shipments"]!.GetValue<int>()));
        Assert.Empty(thailand["imports"]!.AsArray());

        var notAsIntended = thailand["notAsIntended"]!.AsArray();
        Assert.Equal(2, notAsIntended.Count);
        Assert.Equal(20m, notAsIntended.Sum(r => r!["quantity"]!.GetValue<decimal>()));
        Assert.Equal((ids[2], "take-back", "Drums corroded"), One(notAsIntended, "arrangement", "take-back", r => (Text(r["shipmentId"]), Text(r["arrangement"]), Text(r["reason"]))));
        Assert.Equal((ids[3], "JP-FAC-OSAKA-2", "Facility fire"),
            One(notAsIntended, "arrangement", "alternative-facility", r => (Text(r["shipmentId"]), Text(r["alternativeFacility"]), Text(r["reason"]))));

        var accident = thailand["accidents"]!.AsArray().Single()!;
        Assert.Equal((ids[3], "Pasir Panjang terminal", "SG", "SG", "Spill contained", TestStart.Text(TestStart.Day(9))),
            (Text(accident["shipmentId"]), Text(accident["place"]), Text(accident["state"]), Text(accident["reportedBy"]), Text(accident["measuresTaken"]), Text(accident["date"])));
        var illegal = thailand["illegalTraffic"]!.AsArray().Single()!;
        Assert.Equal(("not-matching-documents", "exporter", ids[0]), (Text(illegal["cause"]), Text(illegal["responsible"]), Text(illegal["reference"])));

        // Imports (Australia, read by an auditor): the same 24.5 t from Thailand.
        var australia = (await (await api.Auditor().GetAsync(Url("AU"))).ShouldBe(HttpStatusCode.OK))["partII"]!;
        var import = australia["imports"]!.AsArray().Single()!;
        Assert.Equal(("TH", 24.5m, 3), (Text(import["partnerState"]), import["quantityTonnes"]!.GetValue<decimal>(), import["shipments"]!.GetValue<int>()));
        Assert.Single(australia["accidents"]!.AsArray());

        // CSV: the shared row layout for exports and imports, a file per table.
        var exports = await Csv(th, Url("TH", "&format=csv&table=exports"));
        Assert.Equal([TradeHeader, $"{TestStart.Year},TH,export,AU,SG,Y31 Y34,A1160,,H11 H8,8,R4,24.500,2,3"], exports);
        Assert.Equal([TradeHeader, $"{TestStart.Year},AU,import,TH,SG,Y31 Y34,A1160,,H11 H8,8,R4,24.500,2,3"], await Csv(au, Url("AU", "&format=csv&table=imports")));
        var rows = await Csv(th, Url("TH", "&format=csv&table=not-as-intended"));
        Assert.Equal("year,reporting_state,direction,partner_state,shipment,notification,waste_code,quantity,unit,reason,arrangement,alternative_facility,date", rows[0]);
        Assert.Equal(3, rows.Length);
        Assert.Equal(2, (await Csv(th, Url("TH", "&format=csv&table=accidents"))).Length);
        Assert.Contains($",{ids[0]},{ids[0]},not-matching-documents,exporter,", (await Csv(th, Url("TH", "&format=csv&table=illegal-traffic")))[1]);

        // XLSX: a sheet per table, read back with the same SDK.
        var response = await th.GetAsync(Url("TH", "&format=xlsx"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToArray();
        Assert.Equal(["Exports", "Imports", "Disposals not as intended", "Accidents", "Illegal traffic"], sheets.Select(s => s.Name!.Value!));
        var cells = Cells(workbook, sheets[0]);
        Assert.Equal(TradeHeader.Split(','), cells[0]);
        Assert.Equal([TestStart.Year.ToString(), "TH", "export", "AU", "SG", "Y31 Y34", "A1160", "", "H11 H8", "8", "R4", "24.500", "2", "3"], cells[1]);
        Assert.Single(Cells(workbook, sheets[1]));
        Assert.Equal(3, Cells(workbook, sheets[2]).Count);
        Assert.Equal("Pasir Panjang terminal", Cells(workbook, sheets[3])[1][7]);
        Assert.Equal("not-matching-documents", Cells(workbook, sheets[4])[1][6]);

        var invalid = await (await th.GetAsync(Url("TH", "&format=json&table=exports"))).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.True(invalid["errors"]!.AsObject().ContainsKey("table"));
        await (await au.GetAsync(Url("TH", "&format=xlsx"))).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_accident_is_refused_to_a_state_not_concerned_and_in_the_future_and_nothing_is_appended()
    {
        using var _ = api.TimeTravel();
        var movement = await api.InTransitAsync(Flows.Basel(), Announcement(10m), new RecordDeparture(TestStart.At(0, 7, 0), SampleCarrier));
        var problem = await api.Refused(api.Authority("PL").ReportAccident(movement.Shipment, Accident(TestStart.At(0, 8, 0))), HttpStatusCode.Forbidden,
            "not-concerned", "Basel Art. 2(13)");
        Assert.Equal(403, problem["status"]!.GetValue<int>());
        await api.Refused(api.Authority("KR").ReportAccident(movement.Shipment, Accident(api.Clock.GetUtcNow().AddDays(2))), HttpStatusCode.Conflict,
            "accident-in-the-future", "Basel Art. 13(1)");
        await api.Refused(api.Authority("KR").ReportAccident(movement.Shipment, Accident(TestStart.At(0, 6, 0))), HttpStatusCode.Conflict,
            "accident-before-movement", "Basel Art. 13(1)");
        Assert.Empty((await api.ShipmentAsync(movement.Shipment))["accidents"]!.AsArray());

        // Field checks come first: a state that is not two letters.
        await (await api.Authority("KR").PostJson($"/api/shipments/{movement.Shipment}/accidents", Accident(TestStart.At(0, 8, 0)) with { State = "Korea" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    private static ReportAccident Accident(DateTimeOffset at) => new(at, "Busan port", "KR", "A box fell during loading", "Spill absorbed");

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    private static string[] Texts(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    private static T One<T>(JsonArray rows, string field, string value, Func<JsonNode, T> read) => read(rows.Single(r => Text(r![field]) == value)!);

    private static async Task<string[]> Csv(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\r\n", text);
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>A sheet's cells as text, row by row (inline strings and numbers as written).</summary>
    private static List<string[]> Cells(SpreadsheetDocument workbook, Sheet sheet)
    {
        var part = (WorksheetPart)workbook.WorkbookPart!.GetPartById(sheet.Id!.Value!);
        return part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.Text?.Text ?? c.CellValue?.Text ?? "").ToArray()).ToList();
    }
}
