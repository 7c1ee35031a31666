using System.Net;
using Marten;
using Marten.Events;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;
using static WasteMovements.Api.Tests.Infrastructure.Commands;

namespace WasteMovements.Api.Tests.Reports;

[Collection(ApiCollection.Name)]
public sealed class AnnualReportTests(ApiFixture api)
{
    private const string Facility = "NL-FAC-ROTTERDAM-1";

    [Fact]
    public async Task The_annual_report_adds_up_a_scenario_with_known_totals()
    {
        using var _ = api.TimeTravel();
        // Ghana (not in Annex VII) to Switzerland: Basel regime; three shipments of 10, 20 and 30 t.
        var number = await api.ConsentedAsync(Samples.Notification("GH", "CH", shipments: 4, total: 100m));
        var ch = api.Authority("CH"); var gh = api.Authority("GH"); var facility = api.FacilityUser(Facility);
        var ids = new List<string>();
        foreach (var quantity in new[] { 10m, 20m, 30m })
        {
            ids.Add(await gh.Announce(number, Announcement(quantity, TestStart.Day(7), "Atlantic Lines", "drum", 50)).ShipmentId());
        }

        api.Clock.Set(TestStart.At(7, 12, 0));
        foreach (var id in ids)
        {
            await gh.Depart(id, new RecordDeparture(TestStart.At(7, 8, 0), "Atlantic Lines")).Ok();
        }

        api.Clock.Set(TestStart.At(8, 10, 0));
        await facility.Receive(ids[0], new ConfirmReceipt(TestStart.At(8, 9, 0), 9.5m, Units.Tonnes)).Ok();
        await facility.Receive(ids[1], new ConfirmReceipt(TestStart.At(8, 9, 30), 20m, Units.Tonnes)).Ok();
        await facility.Reject(ids[2], new RejectShipment("Drums corroded", null)).Ok();
        await gh.RecordReturn(ids[2]).Ok();
        await ch.ReportIllegalTraffic(ids[0], new RecordIllegalTraffic("not-matching-documents", "Labels missing", false)).Ok();

        // The async daemon builds the reports in the background: wait (bounded) until it has caught up.
        await api.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var ghana = await (await gh.GetAsync($"/api/reports/annual?state=GH&year={TestStart.Year}")).ShouldBe(HttpStatusCode.OK);
        var line = ghana["lines"]!.AsArray().Single()!;
        Assert.Equal(("export", "CH", "A1160", "Y31 Y34", "R4", "t"), (line["direction"]!.GetValue<string>(), line["counterpart"]!.GetValue<string>(),
            line["wasteCode"]!.GetValue<string>(), line["yCodes"]!.GetValue<string>(), line["operation"]!.GetValue<string>(), line["unit"]!.GetValue<string>()));
        Assert.Equal(29.5m, line["quantity"]!.GetValue<decimal>());
        Assert.Equal(2, line["shipments"]!.GetValue<int>());
        Assert.Equal([number], line["notifications"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(30m, ghana["takeBacks"]!.AsArray().Single()!["quantity"]!.GetValue<decimal>());
        Assert.Equal("not-matching-documents", ghana["illegalTraffic"]!.AsArray().Single()!["cause"]!.GetValue<string>());

        var swiss = await (await api.Auditor().GetAsync($"/api/reports/annual?state=CH&year={TestStart.Year}")).ShouldBe(HttpStatusCode.OK);
        var import = swiss["lines"]!.AsArray().Single(l => l!["counterpart"]!.GetValue<string>() == "GH")!;
        Assert.Equal("import", import["direction"]!.GetValue<string>());
        Assert.Equal(29.5m, import["quantity"]!.GetValue<decimal>());

        var csv = await (await gh.GetAsync($"/api/reports/annual?state=GH&year={TestStart.Year}&format=csv")).Content.ReadAsStringAsync();
        Assert.Contains("movements,export,CH,A1160,Y31 Y34,H11 H8,R4,t,29.5,2,1,,False,False", csv);
        Assert.Contains($"take-back,export,CH,{ids[2]},30,{TestStart.Text(TestStart.Day(8))},,", csv);

        var empty = await (await gh.GetAsync($"/api/reports/annual?state=GH&year={TestStart.Year - 1}")).ShouldBe(HttpStatusCode.OK);
        Assert.Empty(empty["lines"]!.AsArray());
        await (await ch.GetAsync($"/api/reports/annual?state=GH&year={TestStart.Year}")).ShouldBeProblem(HttpStatusCode.Forbidden);
        var invalid = await (await gh.GetAsync("/api/reports/annual?state=XX&year=1900&format=xml")).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Equal(3, invalid["errors"]!.AsObject().Count);
    }
}
