using System.Net;
using System.Text.Json.Nodes;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Notifications;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Shipments;

/// <summary>Shipments over HTTP on a real PostgreSQL, with time moved through the test clock.</summary>
[Collection(ApiCollection.Name)]
public sealed class ShipmentScenarioTests(ApiFixture api)
{
    private const string Facility = "NL-FAC-ROTTERDAM-1";

    private static object Consent(bool contract) =>
        new { decision = "consent", conditions = Array.Empty<string>(), validFrom = TestStart.Text(TestStart.Day(0)), validUntil = TestStart.Text(TestStart.Day(8).AddYears(1).AddDays(-11)), contractConfirmed = contract };

    /// <summary>Files and walks a notification to consent: every authority acknowledges and consents (import confirms the contract).</summary>
    private async Task<string> ConsentedAsync(NotificationParticulars p)
    {
        var number = await api.FileAsync(p);
        var state = await (await api.Auditor().GetAsync($"/api/notifications/{number}")).ShouldBe(HttpStatusCode.OK);
        foreach (var a in state["authorities"]!.AsArray())
        {
            var country = a!["state"]!.GetValue<string>();
            var client = api.Authority(country);
            if (a["role"]!.GetValue<string>() != "export") await (await client.PostJson($"/api/notifications/{number}/acknowledgements", new { })).ShouldBe(HttpStatusCode.OK);
            await (await client.PostJson($"/api/notifications/{number}/decisions", Consent(country == p.StateOfImport))).ShouldBe(HttpStatusCode.OK);
        }

        return number;
    }

    private async Task GuaranteeAsync(string number, string export)
    {
        await (await api.Authority(export).PostJson($"/api/notifications/{number}/guarantee", new
        {
            kind = "guarantee", provider = "Landesbank", reference = "G-2026-17", amount = 250000, currency = "EUR",
            coverage = "Transport, treatment and 90 days' storage (EU 2024/1157 Art. 7)", validUntil = TestStart.Text(TestStart.Day(8).AddYears(1).AddDays(212)),
        })).ShouldBe(HttpStatusCode.OK);
        await (await api.Authority(export).PostJson($"/api/notifications/{number}/guarantee/approval", new { })).ShouldBe(HttpStatusCode.OK);
    }

    private static object Announcement(decimal quantity, string? date = null) =>
        new { quantity, unit = "t", plannedDeparture = date ?? TestStart.Text(TestStart.Day(9)), carriers = new[] { "Trans Europa Logistik" }, packaging = "box", packages = 40 };

    private async Task<string> AnnounceAsync(string number, string export, decimal quantity, string? date = null)
    {
        var created = await (await api.Authority(export).PostJson($"/api/notifications/{number}/shipments", Announcement(quantity, date))).ShouldBe(HttpStatusCode.Created);
        return created["shipmentId"]!.GetValue<string>();
    }

    private async Task<JsonNode> Shipment(string id) => await (await api.Auditor().GetAsync($"/api/shipments/{id}")).ShouldBe(HttpStatusCode.OK);

    private async Task<JsonNode> Post(HttpClient client, string url, object body, HttpStatusCode status = HttpStatusCode.OK) =>
        await (await client.PostJson(url, body)).ShouldBe(status);

    private async Task<JsonNode> Refused(HttpClient client, string url, object body, HttpStatusCode status, string rule)
    {
        var before = await api.EventCountAsync();
        var problem = await (await client.PostJson(url, body)).ShouldBeProblem(status);
        Assert.Equal(rule, problem["rule"]?.GetValue<string>());
        Assert.Equal(before, await api.EventCountAsync());
        return problem;
    }

    [Fact]
    public async Task Fifty_concurrent_announcements_at_room_for_ten_exactly_ten_pass()
    {
        using var _ = api.TimeTravel();
        var number = await ConsentedAsync(Samples.Notification("MY", "JP", shipments: 10, total: 1000m));
        var client = api.Authority("MY");
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.PostJson($"/api/notifications/{number}/shipments", Announcement(7.5m))));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Equal(10, created.Count);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            var problem = await refused.ShouldBeProblem(HttpStatusCode.Conflict);
            Assert.Equal("shipment-count-exceeded", problem["rule"]!.GetValue<string>());
        }

        var numbers = new List<int>();
        foreach (var r in created) numbers.Add((await r.ReadJson())["shipmentNumber"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(1, 10), numbers.Order());

        var state = await (await api.Auditor().GetAsync($"/api/notifications/{number}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(10, state["shipments"]!.AsArray().Count);
        var totals = (await (await api.Auditor().GetAsync($"/api/notifications/{number}/shipments")).ShouldBe(HttpStatusCode.OK))["totals"]!;
        Assert.Equal(10, totals["announced"]!.GetValue<int>());
        Assert.Equal(75m, totals["announcedQuantity"]!.GetValue<decimal>());
        // One event per accepted announcement on the notification stream, plus filing, acknowledgement and consent.
        Assert.Equal(13, await api.StreamEventCountAsync(number));
    }

    [Fact]
    public async Task Racing_for_the_last_tonnes_only_one_wins()
    {
        using var _ = api.TimeTravel();
        var number = await ConsentedAsync(Samples.Notification("MY", "JP", shipments: 10, total: 20m));
        await AnnounceAsync(number, "MY", 12m);
        var client = api.Authority("MY");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostJson($"/api/notifications/{number}/shipments", Announcement(6m))));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var r in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            Assert.Equal("total-quantity-exceeded", (await r.ShouldBeProblem(HttpStatusCode.Conflict))["rule"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_general_notification_with_several_shipments_from_announcement_to_closure()
    {
        using var _ = api.TimeTravel();
        var number = await ConsentedAsync(Samples.Notification("DE", "NL", shipments: 4, total: 100m));
        var de = api.Authority("DE"); var nl = api.Authority("NL"); var facility = api.FacilityUser(Facility);

        // EU: no shipment before the guarantee is approved (Art. 7), and prior information 2 working days ahead (Art. 16(2)).
        await Refused(de, $"/api/notifications/{number}/shipments", Announcement(25m), HttpStatusCode.Conflict, "guarantee-not-approved");
        await GuaranteeAsync(number, "DE");
        await Refused(de, $"/api/notifications/{number}/shipments", Announcement(25m, TestStart.Text(TestStart.Day(1))), HttpStatusCode.Conflict, "prior-information-too-late");
        await Refused(api.Authority("NL"), $"/api/notifications/{number}/shipments", Announcement(25m), HttpStatusCode.Forbidden, "not-state-of-export");
        var s1 = await AnnounceAsync(number, "DE", 25m);
        var s2 = await AnnounceAsync(number, "DE", 25m);
        var s3 = await AnnounceAsync(number, "DE", 25m);
        var s4 = await AnnounceAsync(number, "DE", 25m);
        await Refused(de, $"/api/notifications/{number}/shipments", Announcement(1m), HttpStatusCode.Conflict, "shipment-count-exceeded");

        // Departure on 2 December; crossings; a hand-over signed by the new carrier.
        api.Clock.Set(TestStart.At(9, 10, 0));
        foreach (var s in new[] { s1, s2, s3, s4 })
        {
            await Post(de, $"/api/shipments/{s}/departure", new { departedAt = TestStart.Text(TestStart.At(9, 8, 0)), carrier = "Trans Europa Logistik" });
        }

        await Refused(de, $"/api/shipments/{s1}/departure", new { departedAt = TestStart.Text(TestStart.At(9, 8, 0)), carrier = "X" }, HttpStatusCode.Conflict, "already-departed");
        await Post(de, $"/api/shipments/{s1}/border-crossings", new { state = "DE", customsOffice = "DE-CO-EXIT Bad Bentheim", direction = "exit", at = TestStart.Text(TestStart.At(9, 9, 30)) });
        await Refused(de, $"/api/shipments/{s1}/border-crossings", new { state = "NL", customsOffice = "NL-CO", direction = "entry", at = TestStart.Text(TestStart.At(9, 9, 40)) }, HttpStatusCode.Forbidden, "not-the-state-crossed");
        await Post(nl, $"/api/shipments/{s1}/border-crossings", new { state = "NL", customsOffice = "NL-CO-ENTRY Oldenzaal", direction = "entry", at = TestStart.Text(TestStart.At(9, 9, 40)) });
        await Post(nl, $"/api/shipments/{s1}/carrier-handovers", new { fromCarrier = "Trans Europa Logistik", toCarrier = "Rotterdam Haulage BV", signedBy = "J. de Boer", at = TestStart.Text(TestStart.At(9, 11, 0)) });

        // Receipt only by the named facility; shipment 1 complete, 2 rejected and taken back, 3 with a discrepancy, 4 overdue certificate.
        api.Clock.Set(TestStart.At(10, 9, 0));
        await Refused(api.FacilityUser("NL-FAC-OTHER"), $"/api/shipments/{s1}/receipt", new { receivedAt = TestStart.Text(TestStart.At(10, 8, 0)), quantity = 25, unit = "t" }, HttpStatusCode.Forbidden, "not-the-facility");
        await Post(facility, $"/api/shipments/{s1}/receipt", new { receivedAt = TestStart.Text(TestStart.At(10, 8, 0)), quantity = 24.9, unit = "t" });
        await Post(facility, $"/api/shipments/{s3}/receipt", new { receivedAt = TestStart.Text(TestStart.At(10, 8, 30)), quantity = 21.0, unit = "t" });
        await Post(facility, $"/api/shipments/{s4}/receipt", new { receivedAt = TestStart.Text(TestStart.At(10, 8, 45)), quantity = 25, unit = "t" });
        await Post(facility, $"/api/shipments/{s2}/rejection", new { reason = "Leaking batteries, not as described" });

        var shipment3 = await Shipment(s3);
        Assert.True(shipment3["receipt"]!["discrepancy"]!.GetValue<bool>());
        Assert.Equal(16m, shipment3["receipt"]!["differencePercent"]!.GetValue<decimal>());
        var notification = await (await api.Auditor().GetAsync($"/api/notifications/{number}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(s3, notification["discrepancies"]!.AsArray().Single()!["shipmentId"]!.GetValue<string>());
        var inbox = (await (await de.GetAsync("/api/inbox")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Contains(inbox, i => i!["step"]!.GetValue<string>() == "review-discrepancy" && i["requestId"]!.GetValue<string>() == s3);
        Assert.Contains(inbox, i => i!["step"]!.GetValue<string>() == "take-back" && i["requestId"]!.GetValue<string>() == s2);

        await Refused(facility, $"/api/shipments/{s1}/completion", new { operation = "R5", completedAt = TestStart.Text(TestStart.At(10, 9, 0)), certificateReference = "CERT-1" }, HttpStatusCode.Conflict, "operation-differs");
        await Post(facility, $"/api/shipments/{s1}/completion", new { operation = "R4", completedAt = TestStart.Text(TestStart.At(10, 9, 0)), certificateReference = "CERT-1" });
        await Post(facility, $"/api/shipments/{s3}/completion", new { operation = "R4", completedAt = TestStart.Text(TestStart.At(10, 9, 0)), certificateReference = "CERT-3" });
        Assert.Equal("completed", (await Shipment(s1))["status"]!.GetValue<string>());

        await Refused(de, $"/api/notifications/{number}/guarantee/release", new { }, HttpStatusCode.Conflict, "certificates-outstanding");
        await Refused(nl, $"/api/shipments/{s2}/return", new { }, HttpStatusCode.Forbidden, "not-state-of-export");
        api.Clock.Set(TestStart.At(58, 9, 0));
        await Post(de, $"/api/shipments/{s2}/return", new { });
        Assert.Equal("returned", (await Shipment(s2))["status"]!.GetValue<string>());

        // A year after receipt without a certificate: overdue for the export authority (Art. 6(9)) and the facility.
        api.Clock.Set(TestStart.At(8, 9, 0).AddYears(1).AddDays(2));
        await api.FireDueDeadlinesAsync();
        var shipment4 = await Shipment(s4);
        Assert.Contains(shipment4["deadlines"]!.AsArray(), d => d!["kind"]!.GetValue<string>() == "certificate" && d["overdue"]!.GetValue<bool>());
        inbox = (await (await de.GetAsync("/api/inbox")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray();
        var overdue = inbox.Single(i => i!["requestId"]?.GetValue<string>() == s4 && i["step"]!.GetValue<string>() == "inform-state-of-import-no-certificate")!;
        Assert.True(overdue["overdue"]!.GetValue<bool>());
        Assert.True(inbox[0]!["overdue"]!.GetValue<bool>(), "overdue items come first");
        var facilityInbox = (await (await facility.GetAsync("/api/inbox")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.True(facilityInbox.Single(i => i!["requestId"]!.GetValue<string>() == s4)!["overdue"]!.GetValue<bool>());

        await Post(facility, $"/api/shipments/{s4}/completion", new { operation = "R4", completedAt = TestStart.Text(TestStart.At(8, 9, 0).AddYears(1)), certificateReference = "CERT-4" });
        notification = await (await api.Auditor().GetAsync($"/api/notifications/{number}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("closed", notification["status"]!.GetValue<string>());

        var totals = (await (await api.Auditor().GetAsync($"/api/notifications/{number}/shipments")).ShouldBe(HttpStatusCode.OK))["totals"]!;
        Assert.Equal(4, totals["announced"]!.GetValue<int>());
        Assert.Equal(3, totals["completed"]!.GetValue<int>());
        Assert.Equal(1, totals["returned"]!.GetValue<int>());
        Assert.Equal(70.9m, totals["certifiedQuantity"]!.GetValue<decimal>());
        Assert.Equal(1, totals["discrepancies"]!.GetValue<int>());

        await Post(de, $"/api/notifications/{number}/guarantee/release", new { });
        Assert.NotNull((await (await api.Auditor().GetAsync($"/api/notifications/{number}")).ShouldBe(HttpStatusCode.OK))["guarantee"]!["releasedAt"]);
    }

    [Fact]
    public async Task Announcement_refusals_name_the_rule_and_append_nothing()
    {
        var filedOnly = await api.FileAsync(Samples.Notification("MY", "JP", ["KR"]));
        await Refused(api.Authority("MY"), $"/api/notifications/{filedOnly}/shipments", Announcement(5m), HttpStatusCode.Conflict, "consent-missing");

        var number = await ConsentedAsync(Samples.Notification("MY", "JP"));
        await Refused(api.Authority("MY"), $"/api/notifications/{number}/shipments", Announcement(5m, TestStart.Text(TestStart.Day(8).AddYears(1).AddDays(40))), HttpStatusCode.Conflict, "outside-consent-validity");
        await Refused(api.Authority("MY"), $"/api/notifications/{number}/shipments", new { quantity = 5, unit = "m3", plannedDeparture = TestStart.Text(TestStart.Day(9)), carriers = new[] { "C" }, packaging = "box", packages = 1 },
            HttpStatusCode.Conflict, "unit-differs");
        var invalid = await (await api.Authority("MY").PostJson($"/api/notifications/{number}/shipments", new { quantity = -1, unit = "kg", packaging = "crate", packages = 0 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "quantity", "unit", "carriers", "packaging", "packages" })
        {
            Assert.True(invalid["errors"]!.AsObject().ContainsKey(field), field);
        }

        await (await api.Authority("MY").PostJson($"/api/notifications/{number}/withdrawals", new { reason = "x" })).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await api.Authority("JP").PostJson($"/api/notifications/{number}/withdrawals", new { reason = "Facility permit suspended" })).ShouldBe(HttpStatusCode.OK);
        await Refused(api.Authority("MY"), $"/api/notifications/{number}/shipments", Announcement(5m), HttpStatusCode.Conflict, "consent-withdrawn");
    }

    [Fact]
    public async Task Cannot_be_completed_then_an_alternative_facility_receives_it()
    {
        using var _ = api.TimeTravel();
        var number = await ConsentedAsync(Samples.Notification("MY", "JP"));
        var s = await AnnounceAsync(number, "MY", 10m);
        api.Clock.Set(TestStart.At(9, 10, 0));
        await Post(api.Authority("MY"), $"/api/shipments/{s}/departure", new { departedAt = TestStart.Text(TestStart.At(9, 8, 0)), carrier = "Trans Europa Logistik" });

        await Refused(api.Authority("MY"), $"/api/shipments/{s}/cannot-be-completed", new { reason = "x" }, HttpStatusCode.Forbidden, "not-state-of-import");
        await Post(api.Authority("JP"), $"/api/shipments/{s}/cannot-be-completed", new { reason = "Facility fire; plant closed" });
        Assert.Equal("cannotBeCompleted", (await Shipment(s))["status"]!.GetValue<string>());
        await Post(api.Authority("MY"), $"/api/shipments/{s}/alternative-arrangements", new
        {
            facility = new { id = "JP-FAC-OSAKA-2", name = "Osaka Lead Works", address = "Osaka", siteAddress = "Osaka Bay 4", contact = new { name = "Plant manager" } },
            details = "Consent of JP for the Osaka facility obtained on 2026-12-05",
        });
        await Refused(api.FacilityUser(Facility), $"/api/shipments/{s}/receipt", new { receivedAt = TestStart.Text(TestStart.At(9, 9, 0)), quantity = 10, unit = "t" }, HttpStatusCode.Forbidden, "not-the-facility");
        await Post(api.FacilityUser("JP-FAC-OSAKA-2"), $"/api/shipments/{s}/receipt", new { receivedAt = TestStart.Text(TestStart.At(9, 9, 0)), quantity = 10, unit = "t" });
        Assert.Equal("received", (await Shipment(s))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Illegal_traffic_by_the_exporter_brings_a_30_day_take_back_that_becomes_overdue()
    {
        using var _ = api.TimeTravel();
        var number = await ConsentedAsync(Samples.Notification("MY", "JP"));
        var s = await AnnounceAsync(number, "MY", 10m);
        await Refused(api.Authority("PL"), $"/api/shipments/{s}/illegal-traffic", new { cause = "without-consent", details = "x", exporterAtFault = true }, HttpStatusCode.Forbidden, "not-concerned");
        await Post(api.Authority("JP"), $"/api/shipments/{s}/illegal-traffic", new { cause = "not-matching-documents", details = "Declared batteries; found mixed scrap", exporterAtFault = true });

        api.Clock.Advance(TimeSpan.FromDays(30));
        await api.FireDueDeadlinesAsync();
        var shipment = await Shipment(s);
        Assert.Equal("not-matching-documents", shipment["illegalTraffic"]!.AsArray().Single()!["cause"]!.GetValue<string>());
        Assert.Contains(shipment["deadlines"]!.AsArray(), d => d!["kind"]!.GetValue<string>() == "takeBack" && d["overdue"]!.GetValue<bool>());
        var inbox = (await (await api.Authority("MY").GetAsync("/api/inbox")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Contains(inbox, i => i!["requestId"]?.GetValue<string>() == s && i["step"]!.GetValue<string>() == "take-back-overdue");
    }

    [Fact]
    public async Task Who_may_read_a_shipment()
    {
        var number = await ConsentedAsync(Samples.Notification("MY", "JP"));
        var s = await AnnounceAsync(number, "MY", 10m);
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
