using System.Net;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Tests.Support;
using static WasteMovements.Api.Tests.Infrastructure.Commands;

namespace WasteMovements.Api.Tests.Changes;

/// <summary>Changes after consent (EU 2024/1157 Art. 17) and renotification (Art. 9(3)) over HTTP on a real PostgreSQL.</summary>
[Collection(ApiCollection.Name)]
public sealed class ChangeScenarioTests(ApiFixture api)
{
    private static readonly Carrier Nordsee = new("Nordsee Transporte GmbH", "Kai 4, 27568 Bremerhaven", "DE-CAR-91", new ContactPerson("Dispatch", null, null), ["road"]);

    private static ChangeOfParticulars CarrierChange => new("Trans Europa Logistik lost its vehicle licence", Carriers: [Nordsee]);

    private static readonly AnswerChange Agree = new(ChangeAnswerKind.NoNewNotificationRequired, null);

    private async Task<string> ConsentedEuAsync()
    {
        var number = await api.ConsentedAsync(Flows.Eu(via: ["BE"]));
        await api.GuaranteedAsync(number, "DE");
        return number;
    }

    [Fact]
    public async Task A_change_of_carrier_waits_for_both_authorities_then_shipments_and_their_document_use_version_2_Art_17()
    {
        using var _ = api.TimeTravel();
        var number = await ConsentedEuAsync();
        var de = api.Authority("DE"); var nl = api.Authority("NL"); var be = api.Authority("BE");

        await de.RecordChange(number, CarrierChange).Ok();
        var state = await api.NotificationAsync(number);
        var change = state["changes"]!.AsArray().Single()!;
        Assert.Equal("essential", change["kind"]!.GetValue<string>());
        Assert.Equal("awaitingAnswers", change["status"]!.GetValue<string>());
        Assert.Equal(1, state["particularsVersion"]!.GetValue<int>());

        // The inbox of each authority asked shows the step with its 5-working-day period (Art. 17(2)).
        var step = (await nl.InboxAsync()).Single(i => i!["step"]!.GetValue<string>() == Inbox.AnswerChange && i["notificationNumber"]!.GetValue<string>() == number)!;
        Assert.Contains("Art. 17(2)", step["basis"]!.GetValue<string>());
        Assert.Equal("CH-1", step["requestId"]!.GetValue<string>());

        // No planned shipment until the authorities have answered; the refusal appends nothing.
        await api.Refused(de.Announce(number, Announcement(10m, carrier: Nordsee.Name)), HttpStatusCode.Conflict, "change-pending", "EU 2024/1157 Art. 17(2)");

        await nl.AnswerChange(number, "CH-1", Agree).Ok();
        await be.AnswerChange(number, "CH-1", Agree).Ok();
        state = await api.NotificationAsync(number);
        Assert.Equal(2, state["particularsVersion"]!.GetValue<int>());
        Assert.Equal("inForce", state["changes"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(2, state["particularsHistory"]!.AsArray().Count);
        Assert.Equal(Nordsee.Name, state["particulars"]!["carriers"]![0]!["name"]!.GetValue<string>());

        var shipment = await de.Announce(number, Announcement(10m, carrier: Nordsee.Name)).ShipmentId();
        var read = await api.ShipmentAsync(shipment);
        Assert.Equal(2, read["document"]!["particularsVersion"]!.GetValue<int>());
        var pdf = await (await api.Authority("NL").GetAsync($"/api/shipments/{shipment}/document.pdf")).Content.ReadAsByteArrayAsync();
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        Assert.Contains("Particulars version 2", string.Join(" ", document.GetPages().Single().GetWords().Select(w => w.Text)));
    }

    [Fact]
    public async Task Recording_a_change_is_refused_with_the_article_and_appends_nothing()
    {
        using var _ = api.TimeTravel();
        var number = await ConsentedEuAsync();
        await api.Refused(api.Authority("NL").RecordChange(number, CarrierChange), HttpStatusCode.Forbidden, "not-state-of-export", "Basel Art. 6(1)");
        var viaFrance = new ChangeOfParticulars("Route through France", TransitStates: [new TransitRoute("FR", null, null, null, null)]);
        var problem = await api.Refused(api.Authority("DE").RecordChange(number, viaFrance), HttpStatusCode.Conflict,
            "change-involves-other-authorities", "EU 2024/1157 Art. 17(3)");
        Assert.Contains("renotifications", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Answering_a_change_is_refused_with_the_article_and_appends_nothing()
    {
        using var _ = api.TimeTravel();
        var number = await ConsentedEuAsync();
        await api.Authority("DE").RecordChange(number, CarrierChange).Ok();
        await api.Refused(api.Authority("DE").AnswerChange(number, "CH-1", Agree), HttpStatusCode.Forbidden, "not-asked-about-change", "EU 2024/1157 Art. 17(2)");
        await api.Refused(api.Authority("NL").AnswerChange(number, "CH-7", Agree), HttpStatusCode.NotFound, "change-not-found", "EU 2024/1157 Art. 17(1)");

        // One authority requiring a new notification ends the change; the particulars stay at version 1.
        await api.Authority("BE").AnswerChange(number, "CH-1", new AnswerChange(ChangeAnswerKind.NewNotificationRequired, "Carrier unknown")).Ok();
        await api.Refused(api.Authority("NL").AnswerChange(number, "CH-1", Agree), HttpStatusCode.Conflict, "change-not-awaiting-answers", "EU 2024/1157 Art. 17(2)");
        var state = await api.NotificationAsync(number);
        Assert.Equal("newNotificationRequired", state["changes"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(1, state["particularsVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_renotification_is_a_new_notification_linked_both_ways_Art_9_3()
    {
        using var _ = api.TimeTravel();
        var number = await ConsentedEuAsync();
        await api.Refused(api.Authority("NL").Renotify(number, CarrierChange), HttpStatusCode.Forbidden, "not-state-of-export", "Basel Art. 6(1)");

        // The new notification's particulars are validated as a filing's: a transit state that is no country is a 400.
        var before = await api.EventCountAsync();
        var invalid = await (await api.Authority("DE").Renotify(number, new ChangeOfParticulars("via ZZ", TransitStates: [new TransitRoute("ZZ", null, null, null, null)]))
            .SendAsync()).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.NotNull(invalid["errors"]!["transitStates[0].state"]);
        Assert.Equal(before, await api.EventCountAsync());

        var created = await api.Authority("DE").Renotify(number, CarrierChange).Created();
        var next = created["notificationNumber"]!.GetValue<string>();
        Assert.NotEqual(number, next);
        Assert.StartsWith("DE-", next);

        var successor = await api.NotificationAsync(next);
        Assert.Equal("filed", successor["status"]!.GetValue<string>());
        Assert.Equal(number, successor["renotifies"]!["predecessor"]!.GetValue<string>());
        Assert.True(successor["renotifies"]!["repeatOfConsented"]!.GetValue<bool>());
        Assert.Equal(Nordsee.Name, successor["particulars"]!["carriers"]![0]!["name"]!.GetValue<string>());

        var successors = await (await api.Auditor().GetAsync($"/api/notifications/{number}/renotifications")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(next, successors.AsArray().Single()!["notificationNumber"]!.GetValue<string>());
        await (await api.Authority("PL").GetAsync($"/api/notifications/{number}/renotifications")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}
