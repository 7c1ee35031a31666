using System.Net;
using Marten;
using Marten.Events;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.IllegalTraffic;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;
using static WasteMovements.Api.Tests.Infrastructure.Commands;

namespace WasteMovements.Api.Tests.IllegalTraffic;

/// <summary>
/// Illegal traffic never notified (Basel Art. 9(1)(a)) as a case of its own, over HTTP: opened by the state that found it,
/// attributed, the 30-day duty in the responsible state's inbox, taken back, closed, and counted in the annual report.
/// Czechia to Slovakia: no other test reports on these states.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IllegalTrafficCaseTests(ApiFixture api)
{
    private static OpenIllegalTrafficCase Found(string export = "CZ", string import = "SK") =>
        new("without-notification", "Lorry with 18 drums of spent solvents, no movement document", export, import, [], "Spent halogenated solvents", 3.6m, Units.Tonnes,
            null, TestStart.At(0, 7, 30));

    [Fact]
    public async Task A_movement_never_notified_is_a_case_whose_30_day_take_back_reaches_the_state_of_export_Basel_Art_9()
    {
        using var _ = api.TimeTravel();
        var cz = api.Authority("CZ"); var sk = api.Authority("SK");
        await api.Refused(api.Authority("PL").OpenIllegalTrafficCase(Found()), HttpStatusCode.Forbidden, "not-concerned", "Basel Art. 2(13), 9(1)");
        await api.Refused(sk.OpenIllegalTrafficCase(Found() with { Cause = "without-consent", FoundAt = TestStart.At(3) }), HttpStatusCode.Conflict, "found-in-the-future", "Basel Art. 9(1)");
        var invalid = await (await sk.OpenIllegalTrafficCase(Found() with { Cause = "smuggling", StateOfExport = "XX" }).SendAsync()).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.True(invalid["errors"]!.AsObject().ContainsKey("cause"));

        var opened = await sk.OpenIllegalTrafficCase(Found()).Created();
        var id = opened["caseId"]!.GetValue<string>();
        Assert.Matches(@"^ILL-SK-\d{4}-\d{6}$", id);
        var read = await (await cz.GetAsync($"/api/illegal-traffic-cases/{id}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(("open", "SK"), (read["status"]!.GetValue<string>(), read["foundBy"]!.GetValue<string>()));
        await (await api.Authority("PL").GetAsync($"/api/illegal-traffic-cases/{id}")).ShouldBeProblem(HttpStatusCode.Forbidden);
        Assert.Contains((await (await cz.GetAsync("/api/illegal-traffic-cases")).ShouldBe(HttpStatusCode.OK))["cases"]!.AsArray(), c => c!["id"]!.GetValue<string>() == id);
        Assert.Contains(await cz.InboxAsync(), i => i!["notificationNumber"]!.GetValue<string>() == id && i["step"]!.GetValue<string>() == CaseInbox.Attribute);

        await api.Refused(cz.RecordIllegalTrafficTakeBack(id, new RecordIllegalTrafficTakeBack(TestStart.At(1))), HttpStatusCode.Conflict, "take-back-not-the-duty", "Basel Art. 9(2)(a)");
        api.Clock.Set(TestStart.At(1, 10, 0));
        await sk.AttributeResponsibility(id, new AttributeResponsibility(ResponsibleParty.Exporter, TestStart.At(1, 9, 0), "The Czech exporter shipped without notifying")).Ok();
        var item = Assert.Single(await cz.InboxAsync(), i => i!["notificationNumber"]!.GetValue<string>() == id)!;
        Assert.Equal((CaseInbox.TakeBackOrDispose, TestStart.At(31, 9, 0), false),
            (item["step"]!.GetValue<string>(), item["dueAt"]!.GetValue<DateTimeOffset>(), item["overdue"]!.GetValue<bool>()));

        await api.Refused(sk.CloseIllegalTrafficCase(id, "Done"), HttpStatusCode.Conflict, "duty-outstanding", "Basel Art. 9(2)");
        await api.Refused(sk.RecordIllegalTrafficTakeBack(id, new RecordIllegalTrafficTakeBack(TestStart.At(1))), HttpStatusCode.Forbidden, "not-state-of-export", "Basel Art. 9(2)(a)");
        api.Clock.Set(TestStart.At(40, 10, 0));
        Assert.True(Assert.Single(await cz.InboxAsync(), i => i!["notificationNumber"]!.GetValue<string>() == id)!["overdue"]!.GetValue<bool>());
        await cz.RecordIllegalTrafficTakeBack(id, new RecordIllegalTrafficTakeBack(TestStart.At(39, 16, 0))).Ok();
        await sk.CloseIllegalTrafficCase(id, "Taken back to Czechia on day 39").Ok();
        Assert.DoesNotContain(await cz.InboxAsync(), i => i!["notificationNumber"]!.GetValue<string>() == id);
        await api.Refused(cz.CloseIllegalTrafficCase(id, "again"), HttpStatusCode.Conflict, "case-closed", "Basel Art. 9");

        // Basel Art. 13(3)(b)(iii): in the annual report of the state of export, for the year it was found.
        await api.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var report = await (await cz.GetAsync($"/api/reports/annual?state=CZ&year={TestStart.At(0).Year}")).ShouldBe(HttpStatusCode.OK);
        var line = Assert.Single(report["illegalTraffic"]!.AsArray(), l => l!["caseId"]?.GetValue<string>() == id)!;
        Assert.Equal(("export", "SK", "exporter", true), (line["direction"]!.GetValue<string>(), line["counterpart"]!.GetValue<string>(),
            line["responsible"]!.GetValue<string>(), line["exporterAtFault"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task The_importer_at_fault_disposes_within_an_agreed_period_and_a_stale_If_Match_writes_nothing_Basel_Art_9_3()
    {
        using var _ = api.TimeTravel();
        var cz = api.Authority("CZ"); var sk = api.Authority("SK");
        var id = (await cz.OpenIllegalTrafficCase(Found()).Created())["caseId"]!.GetValue<string>();
        await api.Refused(sk.AgreeIllegalTrafficPeriod(id, new AgreeIllegalTrafficPeriod(60, ["CZ"], "x")), HttpStatusCode.Conflict, "no-duty-attributed", "Basel Art. 9(2)-(3)");
        await cz.AttributeResponsibility(id, new AttributeResponsibility(ResponsibleParty.Importer, TestStart.At(0, 8, 0), "The Slovak consignee ordered it")).Ok();
        await api.Refused(sk.AgreeIllegalTrafficPeriod(id, new AgreeIllegalTrafficPeriod(60, ["PL"], "x")), HttpStatusCode.Conflict, "period-not-agreed", "Basel Art. 9(2)-(3)");
        await sk.AgreeIllegalTrafficPeriod(id, new AgreeIllegalTrafficPeriod(60, ["CZ"], "Incinerator capacity")).Ok();
        var item = Assert.Single(await sk.InboxAsync(), i => i!["notificationNumber"]!.GetValue<string>() == id)!;
        Assert.Equal(TestStart.At(60, 8, 0), item["dueAt"]!.GetValue<DateTimeOffset>());
        await api.Refused(cz.ArrangeIllegalTrafficDisposal(id, new ArrangeIllegalTrafficDisposal("Prague plant", "D10", "x")), HttpStatusCode.Forbidden, "not-the-responsible-state", "Basel Art. 9(3)");

        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/illegal-traffic-cases/{id}/disposal")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new ArrangeIllegalTrafficDisposal("Bratislava incinerator", "D10", "x"), options: Json.Options),
        };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var before = await api.EventCountAsync();
        await (await sk.SendAsync(stale)).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, await api.EventCountAsync());

        await sk.ArrangeIllegalTrafficDisposal(id, new ArrangeIllegalTrafficDisposal("Bratislava incinerator", "D10", "Incinerated")).Ok();
        var read = await (await api.Auditor().GetAsync($"/api/illegal-traffic-cases/{id}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(("dutyMet", "D10"), (read["status"]!.GetValue<string>(), read["disposal"]!["operation"]!.GetValue<string>()));
    }
}
