using System.Net;
using Marten;
using Marten.Events;
using WasteMovements.Domain.Shipments;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using WasteMovements.Api.Tests.Contract;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Common;
using WasteMovements.Tests.Support;
using static WasteMovements.Api.Tests.Infrastructure.Commands;

namespace WasteMovements.Api.Tests.Reports;

/// <summary>
/// Seeded movements with known totals (Kenya to Iceland: Basel regime; no other test uses these states) read back as the SDG
/// 12.4.2 series of both states and as cells of the open data set, one published and one left out by the threshold.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SdgAndOpenDataTests(ApiFixture api)
{
    private const string Export = "KE";
    private const string Import = "IS";

    /// <summary>One notification of lead-acid batteries (A1160, Y31 Y34) from its own exporter to its own facility.</summary>
    private static Domain.Notifications.NotificationParticulars Flow(string exporter, string facility, string operation, int shipments)
    {
        var sample = Samples.Notification(Export, Import, operation: operation, shipments: shipments, total: 100m, facilityId: facility);
        return sample with { Exporter = sample.Exporter with { RegistrationNumber = exporter } };
    }

    /// <summary>Announces, departs (day 7) and receives (day 8) one shipment per quantity.</summary>
    private async Task ShipAsync(string number, string facility, params decimal[] quantities)
    {
        var ke = api.Authority(Export);
        api.Clock.Set(TestStart.At(6, 12, 0));
        var ids = new List<string>();
        foreach (var q in quantities) ids.Add(await ke.Announce(number, Announcement(q, TestStart.Day(7), "Atlantic Lines", "drum", 50)).ShipmentId());
        api.Clock.Set(TestStart.At(7, 12, 0));
        foreach (var id in ids) await ke.Depart(id, new RecordDeparture(TestStart.At(7, 8, 0), "Atlantic Lines")).Ok();
        api.Clock.Set(TestStart.At(8, 12, 0));
        for (var i = 0; i < ids.Count; i++) await api.FacilityUser(facility).Receive(ids[i], new ConfirmReceipt(TestStart.At(8, 9, 0), quantities[i], Units.Tonnes)).Ok();
    }

    [Fact]
    public async Task Seeded_movements_give_known_SDG_totals_and_open_data_cells_with_one_left_out()
    {
        using var _ = api.TimeTravel();
        // Published cell: three exporters, three facilities, one shipment each (R4, recycling): 10 + 20 + 30.5 = 60.5 t.
        var recycled = new[] { ("KE-EXP-1", "IS-FAC-1", 10m), ("KE-EXP-2", "IS-FAC-2", 20m), ("KE-EXP-3", "IS-FAC-3", 30.5m) };
        foreach (var (exporter, facility, quantity) in recycled)
        {
            api.Clock.Set(ApiFixture.Start);
            var number = await api.ConsentedAsync(Flow(exporter, facility, "R4", 1));
            await ShipAsync(number, facility, quantity);
        }

        // Left-out cell: three shipments of 5 t from one exporter to one facility (D10, incineration without energy recovery).
        api.Clock.Set(ApiFixture.Start);
        var incinerated = await api.ConsentedAsync(Flow("KE-EXP-1", "IS-FAC-1", "D10", 3));
        await ShipAsync(incinerated, "IS-FAC-1", 5m, 5m, 5m);
        await api.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        // ---- SDG 12.4.2: EN_HAZ_EXP of Kenya (year of departure), EN_HAZ_IMP of Iceland (year of arrival) -----------------
        var exportYear = TestStart.At(7, 8, 0).UtcDateTime.Year;
        var importYear = TestStart.At(8, 9, 0).UtcDateTime.Year;
        var kenya = await (await api.Authority(Export).GetAsync($"/api/reports/sdg-12-4-2?state={Export}&year={exportYear}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(75.5m, Series(kenya, "EN_HAZ_EXP")["tonnes"]!.GetValue<decimal>());
        Assert.Equal(6, Series(kenya, "EN_HAZ_EXP")["shipments"]!.GetValue<int>());
        Assert.Equal(0m, Series(kenya, "EN_HAZ_IMP")["tonnes"]!.GetValue<decimal>());
        var treated = kenya["treatedAbroad"]!.AsArray().ToDictionary(t => t!["treatment"]!.GetValue<string>(), t => t!["tonnes"]!.GetValue<decimal>());
        Assert.Equal(60.5m, treated["recycling"]);
        Assert.Equal(15m, treated["incineration-without-energy-recovery"]);
        Assert.Equal(0m, treated["landfilling"] + treated["interim"] + treated["other-disposal"] + treated["incineration-with-energy-recovery"]);
        var iceland = await (await api.Auditor().GetAsync($"/api/reports/sdg-12-4-2?state={Import}&year={importYear}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(75.5m, Series(iceland, "EN_HAZ_IMP")["tonnes"]!.GetValue<decimal>());

        var csv = await (await api.Authority(Export).GetAsync($"/api/reports/sdg-12-4-2?state={Export}&year={exportYear}&format=csv")).Content.ReadAsStringAsync();
        Assert.StartsWith("state,year,series,treatment,operations,tonnes,shipments\r\n", csv);
        Assert.Contains($"KE,{exportYear},EN_HAZ_EXP,,,75.500,6\r\n", csv);
        Assert.Contains($"KE,{exportYear},EN_HAZ_EXP,recycling,R4,60.500,3\r\n", csv);
        Assert.Contains($"KE,{exportYear},EN_HAZ_EXP,incineration-without-energy-recovery,D10,15.000,3\r\n", csv);

        // ---- open data: anonymous, layout B, validated against the committed schema ------------------------------------
        var anonymous = api.Anonymous();
        var response = await anonymous.GetAsync($"/api/open-data/flows?year={importYear}");
        var data = await response.ShouldBe(HttpStatusCode.OK);
        var schema = JsonNode.Parse(await File.ReadAllTextAsync(Repository.PathOf("docs/open-data/open-flows-1.schema.json")))!;
        Assert.Empty(JsonSchemaSubset.Errors(schema, data));
        Assert.Equal(("https://wastemovements.example/schemas/open-flows/1", "CC-BY-4.0", importYear),
            (data["schema"]!.GetValue<string>(), data["licence"]!.GetValue<string>(), data["year"]!.GetValue<int>()));
        var month = TestStart.At(8, 9, 0).UtcDateTime.ToString("yyyy-MM");
        var ours = data["flows"]!.AsArray().Where(f => f!["stateOfExport"]!.GetValue<string>() == Export).ToArray();
        var cell = Assert.Single(ours)!;
        Assert.Equal((month, Import, "A1160", "R4", 60.5m, 3),
            (cell["month"]!.GetValue<string>(), cell["stateOfImport"]!.GetValue<string>(), cell["wasteCode"]!.GetValue<string>(),
                cell["operation"]!.GetValue<string>(), cell["tonnes"]!.GetValue<decimal>(), cell["shipments"]!.GetValue<int>()));
        Assert.Equal(["Y31", "Y34"], cell["yCodes"]!.AsArray().Select(y => y!.GetValue<string>()));
        Assert.True(data["threshold"]!["suppressedCells"]!.GetValue<int>() >= 1);
        // No party, facility or notification appears anywhere in the payload.
        var text = data.ToJsonString();
        Assert.DoesNotContain("KE-EXP-1", text);
        Assert.DoesNotContain("IS-FAC-1", text);
        Assert.DoesNotContain(incinerated, text);

        // Caching: a weak ETag over the content; If-None-Match answers 304 with no body.
        var etag = response.Headers.ETag!;
        Assert.True(etag.IsWeak);
        Assert.Contains("public", response.Headers.CacheControl!.ToString());
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/open-data/flows?year={importYear}");
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await anonymous.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        var flowsCsv = await anonymous.GetAsync($"/api/open-data/flows?year={importYear}&format=csv");
        var rows = (await Text(flowsCsv)).Split("\r\n");
        Assert.Equal("month,state_of_export,state_of_import,waste_code,y_codes,operation,tonnes,shipments", rows[0]);
        Assert.Contains($"{month},KE,IS,A1160,Y31 Y34,R4,60.500,3", rows);
        Assert.DoesNotContain(rows, r => r.StartsWith($"{month},KE,IS,A1160,Y31 Y34,D10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_SDG_series_is_refused_to_another_state_and_bad_queries_and_nothing_is_appended()
    {
        var before = await api.EventCountAsync();
        var foreign = await (await api.Authority(Import).GetAsync($"/api/reports/sdg-12-4-2?state={Export}&year={TestStart.Year}")).ShouldBeProblem(HttpStatusCode.Forbidden);
        Assert.EndsWith("not-your-state", foreign["type"]!.GetValue<string>());
        await (await api.FacilityUser("IS-FAC-1").GetAsync($"/api/reports/sdg-12-4-2?state={Import}&year={TestStart.Year}")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await api.Anonymous().GetAsync($"/api/reports/sdg-12-4-2?state={Import}&year={TestStart.Year}")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        var invalid = await (await api.Auditor().GetAsync("/api/reports/sdg-12-4-2?state=XX&year=1900&format=xml")).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Equal(3, invalid["errors"]!.AsObject().Count);
        var open = await (await api.Anonymous().GetAsync("/api/open-data/flows?format=xml")).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["format", "year"], open["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal(before, await api.EventCountAsync());
    }

    private static async Task<string> Text(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    private static JsonNode Series(JsonNode sdg, string code) => sdg["series"]!.AsArray().Single(s => s!["series"]!.GetValue<string>() == code)!;
}
