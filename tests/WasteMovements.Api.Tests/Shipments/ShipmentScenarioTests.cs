using System.Net;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;
using static WasteMovements.Api.Tests.Infrastructure.Commands;

namespace WasteMovements.Api.Tests.Shipments;

/// <summary>Shipments over HTTP on a real PostgreSQL, with time moved through the test clock.</summary>
[Collection(ApiCollection.Name)]
public sealed class ShipmentScenarioTests(ApiFixture api)
{
    private const string Facility = "NL-FAC-ROTTERDAM-1";

    [Fact]
    public async Task Fifty_concurrent_announcements_at_room_for_ten_exactly_ten_pass()
    {
        using var _ = api.TimeTravel();
        var number = await api.ConsentedAsync(Flows.Basel(via: [], shipments: 10, total: 1000m));
        var my = api.Authority("MY");
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => my.Announce(number, Announcement(7.5m)).SendAsync()));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Equal(10, created.Count);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.ShouldBeRefused(HttpStatusCode.Conflict, "shipment-count-exceeded");
        }

        var numbers = new List<int>();
        foreach (var r in created) numbers.Add((await r.ReadJson())["shipmentNumber"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(1, 10), numbers.Order());

        var state = await api.NotificationAsync(number);
        Assert.Equal(10, state["shipments"]!.AsArray().Count);
        var totals = await api.ShipmentTotalsAsync(number);
        Assert.Equal(10, totals["announced"]!.GetValue<int>());
        Assert.Equal(75m, totals["announcedQuantity"]!.GetValue<decimal>());
        // One event per accepted announcement on the notification stream, plus filing, acknowledgement and consent.
        Assert.Equal(13, await api.StreamEventCountAsync(number));
    }

    [Fact]
    public async Task Racing_for_the_last_tonnes_only_one_wins()
    {
        using var _ = api.TimeTravel();
        var number = await api.ConsentedAsync(Flows.Basel(via: [], shipments: 10, total: 20m));
        var my = api.Authority("MY");
        await my.Announce(number, Announcement(12m)).ShipmentId();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => my.Announce(number, Announcement(6m)).SendAsync()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var r in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await r.ShouldBeRefused(HttpStatusCode.Conflict, "total-quantity-exceeded");
        }
    }

    [Fact]
    public async Task A_general_notification_with_several_shipments_from_announcement_to_closure()
    {
        using var _ = api.TimeTravel();
        var number = await api.ConsentedAsync(Flows.Eu(shipments: 4, total: 100m));
        var de = api.Authority("DE"); var nl = api.Authority("NL"); var facility = api.FacilityUser(Facility);

        // EU: no shipment before the guarantee is approved (Art. 7), and prior information 2 working days ahead (Art. 16(2)).
        await api.Refused(de.Announce(number, Announcement(25m)), HttpStatusCode.Conflict, "guarantee-not-approved");
        await api.GuaranteedAsync(number, "DE");
        await api.Refused(de.Announce(number, Announcement(25m, TestStart.Day(1))), HttpStatusCode.Conflict, "prior-information-too-late");
        await api.Refused(nl.Announce(number, Announcement(25m)), HttpStatusCode.Forbidden, "not-state-of-export");
        var s1 = await de.Announce(number, Announcement(25m)).ShipmentId();
        var s2 = await de.Announce(number, Announcement(25m)).ShipmentId();
        var s3 = await de.Announce(number, Announcement(25m)).ShipmentId();
        var s4 = await de.Announce(number, Announcement(25m)).ShipmentId();
        await api.Refused(de.Announce(number, Announcement(1m)), HttpStatusCode.Conflict, "shipment-count-exceeded");

        // Departure on day 9; crossings; a hand-over signed by the new carrier.
        api.Clock.Set(TestStart.At(9, 10, 0));
        foreach (var s in new[] { s1, s2, s3, s4 })
        {
            await de.Depart(s, new RecordDeparture(TestStart.At(9, 8, 0), SampleCarrier)).Ok();
        }

        await api.Refused(de.Depart(s1, new RecordDeparture(TestStart.At(9, 8, 0), "X")), HttpStatusCode.Conflict, "already-departed");
        await de.CrossBorder(s1, new RecordBorderCrossing("DE", "DE-CO-EXIT Bad Bentheim", CrossingDirection.Exit, TestStart.At(9, 9, 30))).Ok();
        await api.Refused(de.CrossBorder(s1, new RecordBorderCrossing("NL", "NL-CO", CrossingDirection.Entry, TestStart.At(9, 9, 40))),
            HttpStatusCode.Forbidden, "not-the-state-crossed");
        await nl.CrossBorder(s1, new RecordBorderCrossing("NL", "NL-CO-ENTRY Oldenzaal", CrossingDirection.Entry, TestStart.At(9, 9, 40))).Ok();
        await nl.HandOver(s1, new RecordCarrierHandover(SampleCarrier, "Rotterdam Haulage BV", "J. de Boer", TestStart.At(9, 11, 0))).Ok();

        // Receipt only by the named facility; shipment 1 complete, 2 rejected and taken back, 3 with a discrepancy, 4 overdue certificate.
        api.Clock.Set(TestStart.At(10, 9, 0));
        await api.Refused(api.FacilityUser("NL-FAC-OTHER").Receive(s1, new ConfirmReceipt(TestStart.At(10, 8, 0), 25m, Units.Tonnes)),
            HttpStatusCode.Forbidden, "not-the-facility");
        await facility.Receive(s1, new ConfirmReceipt(TestStart.At(10, 8, 0), 24.9m, Units.Tonnes)).Ok();
        await facility.Receive(s3, new ConfirmReceipt(TestStart.At(10, 8, 30), 21m, Units.Tonnes)).Ok();
        await facility.Receive(s4, new ConfirmReceipt(TestStart.At(10, 8, 45), 25m, Units.Tonnes)).Ok();
        await facility.Reject(s2, new RejectShipment("Leaking batteries, not as described", null)).Ok();

        var shipment3 = await api.ShipmentAsync(s3);
        Assert.True(shipment3["receipt"]!["discrepancy"]!.GetValue<bool>());
        Assert.Equal(16m, shipment3["receipt"]!["differencePercent"]!.GetValue<decimal>());
        var notification = await api.NotificationAsync(number);
        Assert.Equal(s3, notification["discrepancies"]!.AsArray().Single()!["shipmentId"]!.GetValue<string>());
        var inbox = await de.InboxAsync();
        Assert.Contains(inbox, i => i!["step"]!.GetValue<string>() == "review-discrepancy" && i["requestId"]!.GetValue<string>() == s3);
        Assert.Contains(inbox, i => i!["step"]!.GetValue<string>() == "take-back" && i["requestId"]!.GetValue<string>() == s2);

        await api.Refused(facility.Complete(s1, new CertifyCompletion("R5", TestStart.At(10, 9, 0), "CERT-1")), HttpStatusCode.Conflict, "operation-differs");
        await facility.Complete(s1, new CertifyCompletion("R4", TestStart.At(10, 9, 0), "CERT-1")).Ok();
        await facility.Complete(s3, new CertifyCompletion("R4", TestStart.At(10, 9, 0), "CERT-3")).Ok();
        Assert.Equal("completed", (await api.ShipmentAsync(s1))["status"]!.GetValue<string>());

        await api.Refused(de.ReleaseGuarantee(number), HttpStatusCode.Conflict, "certificates-outstanding");
        await api.Refused(nl.RecordReturn(s2), HttpStatusCode.Forbidden, "not-state-of-export");
        api.Clock.Set(TestStart.At(58, 9, 0));
        await de.RecordReturn(s2).Ok();
        Assert.Equal("returned", (await api.ShipmentAsync(s2))["status"]!.GetValue<string>());

        // A year after receipt without a certificate: overdue for the export authority (Art. 6(9)) and the facility.
        api.Clock.Set(TestStart.At(8, 9, 0).AddYears(1).AddDays(2));
        await api.FireDueDeadlinesAsync();
        var shipment4 = await api.ShipmentAsync(s4);
        Assert.Contains(shipment4["deadlines"]!.AsArray(), d => d!["kind"]!.GetValue<string>() == "certificate" && d["overdue"]!.GetValue<bool>());
        inbox = await de.InboxAsync();
        var overdue = inbox.Single(i => i!["requestId"]?.GetValue<string>() == s4 && i["step"]!.GetValue<string>() == "inform-state-of-import-no-certificate")!;
        Assert.True(overdue["overdue"]!.GetValue<bool>());
        Assert.True(inbox[0]!["overdue"]!.GetValue<bool>(), "overdue items come first");
        var facilityInbox = await facility.InboxAsync();
        Assert.True(facilityInbox.Single(i => i!["requestId"]?.GetValue<string>() == s4)!["overdue"]!.GetValue<bool>());

        await facility.Complete(s4, new CertifyCompletion("R4", TestStart.At(8, 9, 0).AddYears(1), "CERT-4")).Ok();
        Assert.Equal("closed", await api.StatusAsync(number));

        var totals = await api.ShipmentTotalsAsync(number);
        Assert.Equal(4, totals["announced"]!.GetValue<int>());
        Assert.Equal(3, totals["completed"]!.GetValue<int>());
        Assert.Equal(1, totals["returned"]!.GetValue<int>());
        Assert.Equal(70.9m, totals["certifiedQuantity"]!.GetValue<decimal>());
        Assert.Equal(1, totals["discrepancies"]!.GetValue<int>());

        await de.ReleaseGuarantee(number).Ok();
        Assert.NotNull((await api.NotificationAsync(number))["guarantee"]!["releasedAt"]);
    }

    [Fact]
    public async Task Announcement_refusals_name_the_rule_and_append_nothing()
    {
        var my = api.Authority("MY");
        var filedOnly = await api.FiledAsync(Flows.Basel());
        await api.Refused(my.Announce(filedOnly, Announcement(5m)), HttpStatusCode.Conflict, "consent-missing");

        var number = await api.ConsentedAsync(Flows.Basel(via: []));
        await api.Refused(my.Announce(number, Announcement(5m, TestStart.Day(8).AddYears(1).AddDays(40))), HttpStatusCode.Conflict, "outside-consent-validity");
        await api.Refused(my.Announce(number, Announcement(5m, carrier: "C", packages: 1, unit: Units.CubicMetres)), HttpStatusCode.Conflict, "unit-differs");
        var invalid = await (await my.Announce(number, new AnnounceShipment(-1m, "kg", TestStart.Day(9), [], "crate", 0)).SendAsync())
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "quantity", "unit", "carriers", "packaging", "packages" })
        {
            Assert.True(invalid["errors"]!.AsObject().ContainsKey(field), field);
        }

        await (await my.Withdraw(number, "x").SendAsync()).ShouldBeProblem(HttpStatusCode.Forbidden);
        await api.Authority("JP").Withdraw(number, "Facility permit suspended").Ok();
        await api.Refused(my.Announce(number, Announcement(5m)), HttpStatusCode.Conflict, "consent-withdrawn");
    }

    [Fact]
    public async Task Cannot_be_completed_then_an_alternative_facility_receives_it()
    {
        using var _ = api.TimeTravel();
        var movement = await api.AnnouncedAsync(Flows.Basel(via: []), Announcement(10m));
        var s = movement.Shipment;
        var my = api.Authority("MY"); var jp = api.Authority("JP");
        api.Clock.Set(TestStart.At(9, 10, 0));
        await api.DepartAsync(movement, new RecordDeparture(TestStart.At(9, 8, 0), SampleCarrier));

        await api.Refused(my.ReportCannotBeCompleted(s, "x"), HttpStatusCode.Forbidden, "not-state-of-import");
        await jp.ReportCannotBeCompleted(s, "Facility fire; plant closed").Ok();
        Assert.Equal("cannotBeCompleted", (await api.ShipmentAsync(s))["status"]!.GetValue<string>());
        await my.ArrangeAlternative(s, Alternative("Consent of JP for the Osaka facility obtained")).Ok();
        await api.Refused(api.FacilityUser(Facility).Receive(s, new ConfirmReceipt(TestStart.At(9, 9, 0), 10m, Units.Tonnes)), HttpStatusCode.Forbidden, "not-the-facility");
        await api.FacilityUser(Osaka.Id).Receive(s, new ConfirmReceipt(TestStart.At(9, 9, 0), 10m, Units.Tonnes)).Ok();
        Assert.Equal("received", (await api.ShipmentAsync(s))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Illegal_traffic_by_the_exporter_brings_a_30_day_take_back_that_becomes_overdue()
    {
        using var _ = api.TimeTravel();
        var s = (await api.AnnouncedAsync(Flows.Basel(via: []), Announcement(10m))).Shipment;
        await api.Refused(api.Authority("PL").ReportIllegalTraffic(s, new RecordIllegalTraffic("without-consent", "x", true)), HttpStatusCode.Forbidden, "not-concerned");
        await api.Authority("JP").ReportIllegalTraffic(s, new RecordIllegalTraffic("not-matching-documents", "Declared batteries; found mixed scrap", true)).Ok();

        api.Clock.Advance(TimeSpan.FromDays(30));
        await api.FireDueDeadlinesAsync();
        var shipment = await api.ShipmentAsync(s);
        Assert.Equal("not-matching-documents", shipment["illegalTraffic"]!.AsArray().Single()!["cause"]!.GetValue<string>());
        Assert.Contains(shipment["deadlines"]!.AsArray(), d => d!["kind"]!.GetValue<string>() == "takeBack" && d["overdue"]!.GetValue<bool>());
        var inbox = await api.Authority("MY").InboxAsync();
        Assert.Contains(inbox, i => i!["requestId"]?.GetValue<string>() == s && i["step"]!.GetValue<string>() == "take-back-overdue");
    }

    [Fact]
    public async Task Who_may_read_a_shipment()
    {
        var s = (await api.AnnouncedAsync(Flows.Basel(via: []), Announcement(10m))).Shipment;
        await (await api.Authority("MY").GetAsync($"/api/shipments/{s}")).ShouldBe(HttpStatusCode.OK);
        await (await api.Authority("JP").GetAsync($"/api/shipments/{s}")).ShouldBe(HttpStatusCode.OK);
        await (await api.FacilityUser(Facility).GetAsync($"/api/shipments/{s}")).ShouldBe(HttpStatusCode.OK);
        await (await api.Auditor().GetAsync($"/api/shipments/{s}")).ShouldBe(HttpStatusCode.OK);
        await (await api.Authority("PL").GetAsync($"/api/shipments/{s}")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await api.FacilityUser("OTHER").GetAsync($"/api/shipments/{s}")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await api.Anonymous().GetAsync($"/api/shipments/{s}")).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await api.Auditor().GetAsync("/api/shipments/MY-2026-999999-001")).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
