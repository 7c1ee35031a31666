using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Marten;
using Marten.Events;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Reports.Mirror;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;
using static WasteMovements.Api.Tests.Infrastructure.Commands;

namespace WasteMovements.Api.Tests.Reports;

/// <summary>
/// Mirror statistics over HTTP against real PostgreSQL (Basel Art. 13(3)(b)): Thailand's exports to Korea as its annual
/// report counts them, against the imports Korea reported in its own Part II rows, with the movements that explain
/// the difference; and each way a partner's file is refused with nothing stored.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MirrorStatisticsTests(ApiFixture api)
{
    private const string Facility = "NL-FAC-ROTTERDAM-1";
    private static readonly int Y = TestStart.Year;
    private const string Header = "year,reporting_state,direction,partner_state,transit_states,y_codes,annex_viii_code,other_code,h_codes,un_class,operation,quantity_tonnes,notifications,shipments";

    private static HttpRequestMessage Load(string body, string contentType, string? partner = null) =>
        new(HttpMethod.Post, "/api/reports/mirror/partner-figures" + (partner is null ? "" : $"?partner={partner}"))
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };

    private async Task<int> LoadsAsync(string state)
    {
        await using var session = api.Store.QuerySession();
        return await session.Query<PartnerFigures>().CountAsync(f => f.State == state);
    }

    private static DateTimeOffset Dec30 => new(Y, 12, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Thailands_exports_against_Koreas_imports_show_the_known_differences_and_the_movements_that_explain_them()
    {
        using var _ = api.TimeTravel();
        var number = await api.ConsentedAsync(Samples.Notification("TH", "KR", shipments: 5, total: 100m));
        var th = api.Authority("TH"); var facility = api.FacilityUser(Facility);
        var ids = new List<string>();
        foreach (var _s in new[] { 1, 2, 3 }) ids.Add(await th.Announce(number, Announcement(10m, TestStart.Day(9))).ShipmentId());
        ids.Add(await th.Announce(number, Announcement(10m, DateOnly.FromDateTime(Dec30.UtcDateTime))).ShipmentId());

        api.Clock.Set(TestStart.At(9, 12, 0));
        foreach (var id in ids.Take(3)) await th.Depart(id, new RecordDeparture(TestStart.At(9, 8, 0), SampleCarrier)).Ok();
        api.Clock.Set(TestStart.At(10, 12, 0));
        await facility.Receive(ids[0], new ConfirmReceipt(TestStart.At(10, 9, 0), 10m, Units.Tonnes)).Ok();
        await facility.Receive(ids[1], new ConfirmReceipt(TestStart.At(10, 9, 30), 9.5m, Units.Tonnes)).Ok();
        // The fourth leaves on 30 December and arrives on 3 January: Thailand's export of the year, Korea's import of the next.
        api.Clock.Set(Dec30.AddHours(2));
        await th.Depart(ids[3], new RecordDeparture(Dec30, SampleCarrier)).Ok();
        api.Clock.Set(new DateTimeOffset(Y + 1, 1, 3, 12, 0, 0, TimeSpan.Zero));
        await facility.Receive(ids[3], new ConfirmReceipt(new DateTimeOffset(Y + 1, 1, 3, 9, 0, 0, TimeSpan.Zero), 10m, Units.Tonnes)).Ok();
        await api.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        // Korea's Part II rows: 19.5 t of A1160 from Thailand, 5 t of A1180 Thailand has no record of, and a row with Japan (not ours).
        var korea = Header + "\r\n" +
                    $"{Y},KR,import,TH,,Y31 Y34,A1160,,H8 H11,8,R4,19.500,1,2\r\n" +
                    $"{Y},KR,import,TH,,Y31,A1180,,H11,,R4,5.000,1,1\r\n" +
                    $"{Y},KR,import,JP,,Y31,A1160,,H11,,R4,70.000,1,7\r\n";
        var events = await api.EventCountAsync();
        api.Clock.Set(new DateTimeOffset(Y + 1, 2, 1, 10, 0, 0, TimeSpan.Zero));
        var loaded = await (await th.SendAsync(Load(korea, "text/csv"))).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(("TH", "KR", Y, PartnerFigureSources.PartIICsv, 3, 2, false), (loaded["state"]!.GetValue<string>(), loaded["partner"]!.GetValue<string>(),
            loaded["year"]!.GetValue<int>(), loaded["source"]!.GetValue<string>(), loaded["rowsInFile"]!.GetValue<int>(), loaded["flows"]!.GetValue<int>(),
            loaded["alreadyLoaded"]!.GetValue<bool>()));
        Assert.Equal(events, await api.EventCountAsync());
        var again = await (await th.SendAsync(Load(korea, "text/csv", "KR"))).ShouldBe(HttpStatusCode.OK);
        Assert.True(again["alreadyLoaded"]!.GetValue<bool>());
        Assert.Equal(loaded["id"]!.GetValue<string>(), again["id"]!.GetValue<string>());

        var comparison = await (await th.GetAsync($"/api/reports/mirror?state=TH&partner=KR&year={Y}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(loaded["id"]!.GetValue<string>(), comparison["partnerFigures"]!["id"]!.GetValue<string>());
        var cells = comparison["cells"]!.AsArray().ToDictionary(c => (c!["direction"]!.GetValue<string>(), c["code"]!.GetValue<string>()), c => c!);
        var a1160 = cells[("export", "A1160")];
        Assert.Equal((29.5m, 19.5m, 10m, 33.9m, false), (a1160["ourTonnes"]!.GetValue<decimal>(), a1160["partnerTonnes"]!.GetValue<decimal>(),
            a1160["difference"]!.GetValue<decimal>(), a1160["differencePercent"]!.GetValue<decimal>(), a1160["withinTolerance"]!.GetValue<bool>()));
        Assert.Equal([2], a1160["partnerRows"]!.AsArray().Select(r => r!.GetValue<int>()));
        var movements = a1160["movements"]!.AsArray().ToDictionary(m => m!["shipmentId"]!.GetValue<string>(), m => m!["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray());
        Assert.Equal(new[] { ids[1], ids[2], ids[3] }.Order(), movements.Keys.Order());
        Assert.Equal([MirrorReasons.ReceivedDiffersFromAnnounced], movements[ids[1]]);
        Assert.Equal([MirrorReasons.UnderWay], movements[ids[2]]);
        Assert.Equal([MirrorReasons.ArrivedNextYear], movements[ids[3]]);
        var a1180 = cells[("export", "A1180")];
        Assert.Equal((0m, 5m, -5m, 100m), (a1180["ourTonnes"]!.GetValue<decimal>(), a1180["partnerTonnes"]!.GetValue<decimal>(), a1180["difference"]!.GetValue<decimal>(),
            a1180["differencePercent"]!.GetValue<decimal>()));

        var csv = await (await th.GetAsync($"/api/reports/mirror?state=TH&partner=KR&year={Y}&format=csv")).Content.ReadAsStringAsync();
        Assert.Contains($"export,A1160,29.5,19.5,10,33.9,false,3,2,0,2,{ids[1]}(received-differs-from-announced) {ids[2]}(under-way) {ids[3]}(arrived-next-year)", csv);
        var byY = await (await api.Auditor().GetAsync($"/api/reports/mirror?state=TH&partner=KR&year={Y}&by=y&tolerance=50")).ShouldBe(HttpStatusCode.OK);
        var y = byY["cells"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "Y31 Y34")!;
        Assert.Equal((29.5m, 19.5m, true), (y["ourTonnes"]!.GetValue<decimal>(), y["partnerTonnes"]!.GetValue<decimal>(), y["withinTolerance"]!.GetValue<bool>()));

        // A later load (Korea's open data, with the January arrival counted in the year) is the one compared.
        var open = $$"""
            { "schema": "https://wastemovements.example/schemas/open-flows/1", "licence": "CC-BY-4.0", "publisher": "KR open data", "generatedAt": "{{Y + 1}}-02-02T00:00:00Z",
              "year": {{Y}}, "threshold": {}, "flows": [ { "month": "{{Y}}-12", "stateOfExport": "TH", "stateOfImport": "KR", "wasteCode": "A1160", "yCodes": ["Y31", "Y34"], "operation": "R4", "tonnes": 29.5, "shipments": 3 } ] }
            """;
        api.Clock.Set(new DateTimeOffset(Y + 1, 2, 2, 10, 0, 0, TimeSpan.Zero));
        await (await th.SendAsync(Load(open, "application/json", "KR"))).ShouldBe(HttpStatusCode.Created);
        var later = await (await th.GetAsync($"/api/reports/mirror?state=TH&partner=KR&year={Y}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(("open-data-json", "KR open data"), (later["partnerFigures"]!["source"]!.GetValue<string>(), later["partnerFigures"]!["publisher"]!.GetValue<string>()));
        Assert.True(later["cells"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "A1160")!["withinTolerance"]!.GetValue<bool>());

        await (await api.Authority("KR").GetAsync($"/api/reports/mirror?state=TH&partner=KR&year={Y}")).ShouldBeProblem(HttpStatusCode.Forbidden);
        var invalid = await (await th.GetAsync("/api/reports/mirror?state=TH&partner=TH&year=1900&by=h&tolerance=101&format=xml")).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["by", "format", "partner", "tolerance", "year"], invalid["errors"]!.AsObject().Select(e => e.Key).Order());
    }

    [Fact]
    public async Task A_malformed_row_is_a_problem_naming_its_line_and_field_and_nothing_is_stored()
    {
        var sn = api.Authority("SN");
        var csv = Header + "\n" + $"{Y},GM,import,SN,,Y31,A1160,,H11,,R4,\"12,5\",1,1\n" + $"{Y},GM,import,SN,,Y99,A1160,,H11,,R44,1.000,1,x\n";
        var (loads, events) = (await LoadsAsync("SN"), await api.EventCountAsync());
        var problem = await (await sn.SendAsync(Load(csv, "text/csv"))).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Equal("urn:wastemovements:problem:invalid-partner-figures", problem["type"]!.GetValue<string>());
        Assert.Equal([(2, "quantity_tonnes"), (3, "y_codes"), (3, "operation"), (3, "shipments")],
            problem["rows"]!.AsArray().Select(r => (r!["row"]!.GetValue<int>(), r["field"]!.GetValue<string>())));
        Assert.Contains("line 2: quantity_tonnes", problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("row 2, field quantity_tonnes", problem["detail"]!.GetValue<string>());
        Assert.Equal((loads, events), (await LoadsAsync("SN"), await api.EventCountAsync()));

        var json = $$"""{ "schema": "https://wastemovements.example/schemas/open-flows/1", "year": {{Y}}, "flows": [ { "month": "{{Y}}-02", "stateOfExport": "SN", "stateOfImport": "GM", "wasteCode": "A1160", "yCodes": [], "operation": "R4", "tonnes": -1, "shipments": 1 } ] }""";
        var bad = await (await sn.SendAsync(Load(json, "application/json", "GM"))).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Equal("flows[0].tonnes", bad["rows"]![0]!["field"]!.GetValue<string>());
        Assert.Equal(["flows[0].tonnes"], bad["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(loads, await LoadsAsync("SN"));
    }

    [Theory]
    [InlineData("text/plain", null, "a,b\n", "Content-Type")]
    [InlineData("text/csv", null, "a,b\n1,2\n", "neither the Part II layout")]
    [InlineData("text/csv", "GM", "month,state_of_export,state_of_import,waste_code,y_codes,operation,tonnes,shipments\n2026-01,JP,KR,A1160,,R4,1.000,1\n", "No row of the file")]
    [InlineData("text/csv", null, "month,state_of_export,state_of_import,waste_code,y_codes,operation,tonnes,shipments\n2026-01,SN,GM,A1160,,R4,1.000,1\n", "partner=")]
    [InlineData("application/json", "GM", "{ \"schema\": \"https://example.org/other\" }", "schema")]
    [InlineData("application/json", "GM", "[1,", "not JSON")]
    [InlineData("text/csv", "SN", "a,b\n", "another state than your own")]
    public async Task A_file_that_cannot_be_read_as_a_whole_is_a_problem_and_nothing_is_stored(string contentType, string? partner, string body, string detail)
    {
        var before = await LoadsAsync("SN");
        var problem = await (await api.Authority("SN").SendAsync(Load(body, contentType, partner))).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Equal("urn:wastemovements:problem:invalid-partner-figures", problem["type"]!.GetValue<string>());
        Assert.Contains(detail, problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await LoadsAsync("SN"));
    }

    [Fact]
    public async Task Only_an_authority_loads_and_only_for_its_own_state()
    {
        var csv = Header + "\n" + $"{Y},GM,import,SN,,Y31,A1160,,H11,,R4,1.000,1,1\n";
        await (await api.Auditor().SendAsync(Load(csv, "text/csv"))).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await api.FacilityUser(Facility).SendAsync(Load(csv, "text/csv"))).ShouldBeProblem(HttpStatusCode.Forbidden);
        // The Gambian authority loading Gambia's own report is told to load a partner's.
        var own = await (await api.Authority("GM").SendAsync(Load(csv, "text/csv"))).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Contains("your own state's report", own["detail"]!.GetValue<string>());
        var invalid = await (await api.Authority("SN").SendAsync(Load(csv, "text/csv", "XX"))).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Contains("partner", invalid["errors"]!.AsObject().Select(e => e.Key));
    }
}
