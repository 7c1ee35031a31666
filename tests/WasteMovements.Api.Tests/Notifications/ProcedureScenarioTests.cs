using System.Net.Http.Json;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Npgsql;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Notifications;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Notifications;

/// <summary>The consent procedure end to end over HTTP, on a real PostgreSQL, with time moved by the test clock.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProcedureScenarioTests(ApiFixture api)
{
    private static object Consent(string? from = null, string? until = null, bool contract = true, params string[] conditions) =>
        new
        {
            decision = "consent", conditions, validFrom = from ?? TestStart.Text(TestStart.Day(8)),
            validUntil = until ?? TestStart.Text(TestStart.Day(8).AddYears(1).AddDays(-1)), contractConfirmed = contract,
        };

    private static object Refuse(string reason) => new { decision = "refuse", reason };

    private async Task<JsonNode> Get(string number) =>
        await (await api.Auditor().GetAsync($"/api/notifications/{number}")).ShouldBe(HttpStatusCode.OK);

    private static JsonNode Authority(JsonNode state, string country) =>
        state["authorities"]!.AsArray().Single(a => a!["state"]!.GetValue<string>() == country)!;

    private async Task<JsonNode> Ok(HttpClient client, string url, object? body = null, HttpStatusCode status = HttpStatusCode.OK) =>
        await (await client.PostJson(url, body ?? new { })).ShouldBe(status);

    private async Task<JsonNode> Refused(HttpClient client, string url, object? body, HttpStatusCode status, string rule, string article)
    {
        var before = await api.EventCountAsync();
        var problem = await (await client.PostJson(url, body ?? new { })).ShouldBeProblem(status);
        Assert.Equal(rule, problem["rule"]?.GetValue<string>());
        Assert.Equal(article, problem["article"]?.GetValue<string>());
        Assert.Contains(article, problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await api.EventCountAsync());
        return problem;
    }

    [Fact]
    public async Task Basel_path_with_a_transit_state_from_filing_to_written_consent()
    {
        // Malaysia (not in Annex VII) to Japan (OECD) through Korea: the Ban Amendment does not apply; Basel regime.
        var number = await api.FileAsync(Samples.Notification("MY", "JP", ["KR"]));
        var url = $"/api/notifications/{number}";
        var my = api.Authority("MY"); var jp = api.Authority("JP"); var kr = api.Authority("KR");
        Assert.Equal("basel", (await Get(number))["regime"]!["regime"]!.GetValue<string>());

        Assert.Equal(2, (await Ok(kr, url + "/acknowledgements"))["version"]!.GetValue<long>());
        await Refused(kr, url + "/acknowledgements", null, HttpStatusCode.Conflict, "already-acknowledged", "Basel Art. 6(4)");
        Assert.Equal(3, (await Ok(jp, url + "/acknowledgements"))["version"]!.GetValue<long>());
        Assert.Equal("acknowledged", (await Get(number))["status"]!.GetValue<string>());

        var request = await Ok(jp, url + "/information-requests", new { questions = "Lead content per battery type?" }, HttpStatusCode.Created);
        var requestId = request["requestId"]!.GetValue<string>();
        Assert.Equal("awaitingInformation", (await Get(number))["status"]!.GetValue<string>());
        await Refused(jp, url + "/decisions", Consent(conditions: "x"), HttpStatusCode.Conflict, "information-outstanding", "Basel Art. 6(2)");
        await Refused(kr, $"{url}/information-requests/{requestId}/answer", new { answer = "n/a" }, HttpStatusCode.Forbidden, "not-state-of-export", "Basel Art. 6(1)");
        await Ok(my, $"{url}/information-requests/{requestId}/answer", new { answer = "60-70 % lead", attachments = new[] { "analysis-2026-11.pdf" } });

        await Refused(jp, url + "/decisions", Consent(contract: false), HttpStatusCode.Conflict, "contract-not-confirmed", "Basel Art. 6(3)(b)");
        await Refused(jp, url + "/decisions", Consent(until: TestStart.Text(TestStart.Day(8).AddYears(1))), HttpStatusCode.Conflict, "consent-validity-too-long", "Basel Art. 6(8)");
        await Ok(jp, url + "/decisions", Consent(conditions: "Each shipment pre-announced to the prefecture"));
        Assert.Equal("partiallyConsented", (await Get(number))["status"]!.GetValue<string>());
        await Ok(kr, url + "/decisions", Consent(until: TestStart.Text(TestStart.Day(8).AddYears(0).AddDays(303)), contract: false, conditions: "Transit by day only"));

        var state = await Get(number);
        Assert.Equal("consented", state["status"]!.GetValue<string>());
        Assert.Equal(TestStart.Text(TestStart.Day(8).AddYears(0).AddDays(303)), state["consentValidUntil"]!.GetValue<string>());
        Assert.Equal(["JP: Each shipment pre-announced to the prefecture", "KR: Transit by day only"],
            state["conditions"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.True(Authority(state, "JP")["consent"]!["contractConfirmed"]!.GetValue<bool>());
        // Filed, two acknowledgements, request, answer, two consents.
        Assert.Equal(7, state["version"]!.GetValue<long>());
        Assert.Equal(7, await api.StreamEventCountAsync(number));
    }

    [Fact]
    public async Task Basel_tacit_transit_consent_after_60_days_then_a_late_answer_is_refused()
    {
        using var _ = api.TimeTravel();
        // Basel Art. 6(4): only a declaration with its source is used; KR's is recorded by an administrator.
        var kr = (await (await api.Anonymous().GetAsync("/api/countries/KR")).ShouldBe(HttpStatusCode.OK)).AsObject();
        kr["tacitTransitConsent"] = true;
        kr["tacitTransitConsentSource"] = "Art. 6(4) declaration as published by the Secretariat (test record)";
        await (await api.Admin().SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/countries/KR")
        {
            Content = JsonContent.Create(new { profile = kr, reason = "Art. 6(4) declaration recorded", source = "test record" }),
        })).ShouldBe(HttpStatusCode.OK);

        var number = await api.FileAsync(Samples.Notification("MY", "JP", ["KR"]));
        var url = $"/api/notifications/{number}";
        await Ok(api.Authority("JP"), url + "/acknowledgements");
        await Ok(api.Authority("JP"), url + "/decisions", Consent());
        Assert.Equal(1, await ScheduledEnvelopesFor(number));

        api.Clock.Advance(TimeSpan.FromDays(59));
        await api.FireDueDeadlinesAsync();
        Assert.Equal("received", Authority(await Get(number), "KR")["status"]!.GetValue<string>());

        api.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True(await api.FireDueDeadlinesAsync() >= 1);
        var state = await Get(number);
        Assert.Equal("tacitlyConsented", Authority(state, "KR")["status"]!.GetValue<string>());
        Assert.Equal("consented", state["status"]!.GetValue<string>());

        await using (var session = api.Store.QuerySession())
        {
            var deemed = (await session.Events.FetchStreamAsync(number)).Last();
            Assert.IsType<TransitConsentDeemed>(deemed.Data);
            Assert.Equal("system", deemed.UserName);
        }

        await Refused(api.Authority("KR"), url + "/decisions", Refuse("too late"), HttpStatusCode.Conflict, "tacit-consent-deemed", "Basel Art. 6(4)");
        // Delivered again (Wolverine may redeliver after a crash): nothing more happens.
        var events = await api.StreamEventCountAsync(number);
        await api.FireDueDeadlinesAsync();
        Assert.Equal(events, await api.StreamEventCountAsync(number));
    }

    [Fact]
    public async Task OECD_path_with_tacit_consent_of_the_destination()
    {
        using var _ = api.TimeTravel();
        var number = await api.FileAsync(Samples.Notification("JP", "KR", operation: "R8"));
        var url = $"/api/notifications/{number}";
        Assert.Equal("oecd", (await Get(number))["regime"]!["regime"]!.GetValue<string>());
        await Ok(api.Authority("KR"), url + "/acknowledgements");

        api.Clock.Advance(TimeSpan.FromDays(30));
        await api.FireDueDeadlinesAsync();
        var state = await Get(number);
        Assert.Equal("consented", state["status"]!.GetValue<string>());
        Assert.Equal("tacitlyConsented", Authority(state, "KR")["status"]!.GetValue<string>());
        await Refused(api.Authority("KR"), url + "/decisions", Consent(), HttpStatusCode.Conflict, "tacit-consent-deemed", "OECD C(2001)107 (tacit consent)");
    }

    [Fact]
    public async Task EU_path_dispatch_destination_written_transit_tacit()
    {
        using var _ = api.TimeTravel();
        var number = await api.FileAsync(Samples.Notification("DE", "NL", ["BE"]));
        var url = $"/api/notifications/{number}";
        await Ok(api.Authority("NL"), url + "/acknowledgements");
        await Ok(api.Authority("BE"), url + "/acknowledgements");
        await Ok(api.Authority("DE"), url + "/decisions", Consent(contract: false, conditions: "Guarantee lodged before the first shipment"));
        await Ok(api.Authority("NL"), url + "/decisions", Consent(until: TestStart.Text(TestStart.Day(8).AddYears(1).AddDays(-31))));
        Assert.Equal("partiallyConsented", (await Get(number))["status"]!.GetValue<string>());

        api.Clock.Advance(TimeSpan.FromDays(30));
        await api.FireDueDeadlinesAsync();
        var state = await Get(number);
        Assert.Equal("tacitlyConsented", Authority(state, "BE")["status"]!.GetValue<string>());
        Assert.Equal("consented", state["status"]!.GetValue<string>());
        Assert.Equal(TestStart.Text(TestStart.Day(8).AddYears(1).AddDays(-31)), state["consentValidUntil"]!.GetValue<string>());
    }

    [Fact]
    public async Task Consent_expires_through_its_scheduled_deadline()
    {
        using var _ = api.TimeTravel();
        var number = await api.FileAsync(Samples.Notification("MY", "JP"));
        var url = $"/api/notifications/{number}";
        await Ok(api.Authority("JP"), url + "/acknowledgements");
        await Ok(api.Authority("JP"), url + "/decisions", Consent(until: TestStart.Text(TestStart.Day(69))));

        api.Clock.Set(TestStart.At(70, 0, 0));
        await api.FireDueDeadlinesAsync();
        Assert.Equal("expired", (await Get(number))["status"]!.GetValue<string>());
        await Refused(api.Authority("JP"), url + "/withdrawals", new { reason = "late" }, HttpStatusCode.Conflict, "consent-expired", "EU 2024/1157 Art. 9(4); Basel Art. 6(8)");
    }

    [Fact]
    public async Task Refusal_withdrawal_and_cancellation()
    {
        var refused = await api.FileAsync(Samples.Notification("MY", "JP", ["KR"]));
        await Ok(api.Authority("KR"), $"/api/notifications/{refused}/decisions", Refuse("Route passes a protected area"));
        var state = await Get(refused);
        Assert.Equal("refused", state["status"]!.GetValue<string>());
        Assert.Equal("Route passes a protected area", Authority(state, "KR")["refusalReason"]!.GetValue<string>());
        await Refused(api.Authority("JP"), $"/api/notifications/{refused}/acknowledgements", null, HttpStatusCode.Conflict, "notification-refused", "Basel Art. 6(2), 6(4)");

        var withdrawn = await api.FileAsync(Samples.Notification("MY", "JP"));
        await Refused(api.Authority("JP"), $"/api/notifications/{withdrawn}/withdrawals", new { reason = "x" }, HttpStatusCode.Conflict, "no-consent-to-withdraw", "EU 2024/1157 Art. 9(7)");
        await Ok(api.Authority("JP"), $"/api/notifications/{withdrawn}/acknowledgements");
        await Ok(api.Authority("JP"), $"/api/notifications/{withdrawn}/decisions", Consent());
        await Ok(api.Authority("JP"), $"/api/notifications/{withdrawn}/withdrawals", new { reason = "Facility permit suspended" });
        Assert.Equal("withdrawn", (await Get(withdrawn))["status"]!.GetValue<string>());

        var cancelled = await api.FileAsync(Samples.Notification("MY", "JP"));
        await Refused(api.Authority("JP"), $"/api/notifications/{cancelled}/cancellation", new { reason = "x" }, HttpStatusCode.Forbidden, "not-state-of-export", "Basel Art. 6(1)");
        await Ok(api.Authority("MY"), $"/api/notifications/{cancelled}/cancellation", new { reason = "Contract terminated" });
        Assert.Equal("cancelled", (await Get(cancelled))["status"]!.GetValue<string>());
        await Refused(api.Authority("JP"), $"/api/notifications/{cancelled}/acknowledgements", null, HttpStatusCode.Conflict, "notification-cancelled", "Basel Art. 6(1)");
    }

    [Fact]
    public async Task Each_authority_acts_only_for_its_own_state()
    {
        var number = await api.FileAsync(Samples.Notification("MY", "JP", ["KR"]));
        var url = $"/api/notifications/{number}";
        await Refused(api.Authority("PL"), url + "/acknowledgements", null, HttpStatusCode.Forbidden, "not-concerned", "Basel Art. 2(13)");
        await Refused(api.Authority("PL"), url + "/decisions", Consent(), HttpStatusCode.Forbidden, "not-concerned", "Basel Art. 2(13)");
        await Refused(api.Authority("MY"), url + "/acknowledgements", null, HttpStatusCode.Forbidden, "not-import-or-transit", "Basel Art. 6(4)");
        await Refused(api.Authority("MY"), url + "/decisions", Consent(), HttpStatusCode.Forbidden, "not-a-deciding-authority", "Basel Art. 6(2), 6(4)");

        foreach (var client in new[] { api.FacilityUser("JP-FAC-AKITA-1"), api.Auditor(), api.Admin() })
        {
            var before = await api.EventCountAsync();
            await (await client.PostJson(url + "/decisions", Consent())).ShouldBeProblem(HttpStatusCode.Forbidden);
            Assert.Equal(before, await api.EventCountAsync());
        }

        await (await api.Anonymous().PostJson(url + "/acknowledgements", new { })).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await api.Authority("JP").PostJson("/api/notifications/MY-2026-999999/acknowledgements", new { })).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Invalid_decisions_are_400_naming_the_field()
    {
        var number = await api.FileAsync(Samples.Notification("MY", "JP"));
        var before = await api.EventCountAsync();
        var problem = await (await api.Authority("JP").PostJson($"/api/notifications/{number}/decisions",
            new { decision = "consent", validFrom = TestStart.Text(TestStart.Day(190)), validUntil = TestStart.Text(TestStart.Day(39)) })).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("validUntil"));
        problem = await (await api.Authority("JP").PostJson($"/api/notifications/{number}/decisions", new { decision = "refuse" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("reason"));
        await (await api.Authority("JP").PostJson($"/api/notifications/{number}/decisions", new { decision = "maybe" })).ShouldBeProblem(HttpStatusCode.BadRequest);
        problem = await (await api.Authority("JP").PostJson($"/api/notifications/{number}/information-requests", new { questions = "" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("questions"));
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task Two_authorities_acting_at_once_both_get_their_fact_recorded()
    {
        for (var round = 0; round < 5; round++)
        {
            var number = await api.FileAsync(Samples.Notification("MY", "JP", ["KR", "CN"]));
            var url = $"/api/notifications/{number}/acknowledgements";
            var responses = await Task.WhenAll(
                api.Authority("JP").PostJson(url, new { }), api.Authority("KR").PostJson(url, new { }), api.Authority("CN").PostJson(url, new { }));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            var versions = new List<long>();
            foreach (var r in responses) versions.Add((await r.ReadJson())["version"]!.GetValue<long>());
            Assert.Equal([2L, 3L, 4L], versions.Order());
            var state = await Get(number);
            Assert.Equal("acknowledged", state["status"]!.GetValue<string>());
            Assert.Equal(4, await api.StreamEventCountAsync(number));
        }
    }

    [Fact]
    public async Task If_Match_makes_a_step_conditional_on_the_version_read()
    {
        var number = await api.FileAsync(Samples.Notification("MY", "JP", ["KR"]));
        var url = $"/api/notifications/{number}/acknowledgements";

        var stale = api.Authority("JP");
        stale.DefaultRequestHeaders.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var fresh = api.Authority("KR");
        fresh.DefaultRequestHeaders.IfMatch.Add(new EntityTagHeaderValue("\"1\""));

        var first = await fresh.PostJson(url, new { });
        await first.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("\"2\"", first.Headers.ETag!.Tag);

        var before = await api.EventCountAsync();
        var problem = await (await stale.PostJson(url, new { })).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal("urn:wastemovements:problem:version-mismatch", problem["type"]!.GetValue<string>());
        Assert.Equal(before, await api.EventCountAsync());

        var retry = api.Authority("JP");
        retry.DefaultRequestHeaders.IfMatch.Add(new EntityTagHeaderValue("\"2\""));
        await (await retry.PostJson(url, new { })).ShouldBe(HttpStatusCode.OK);

        var bad = api.Authority("JP");
        bad.DefaultRequestHeaders.TryAddWithoutValidation("If-Match", "\"abc\"");
        await (await bad.PostJson(url, new { })).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Inbox_and_list_show_each_authority_its_own_files()
    {
        using var _ = api.TimeTravel();
        var number = await api.FileAsync(Samples.Notification("JP", "KR", operation: "R8"));

        var inbox = await (await api.Authority("KR").GetAsync("/api/inbox")).ShouldBe(HttpStatusCode.OK);
        var item = inbox["items"]!.AsArray().Single(i => i!["notificationNumber"]!.GetValue<string>() == number)!;
        Assert.Equal("acknowledge", item["step"]!.GetValue<string>());
        Assert.Equal(TestStart.At(4, 0, 0), item["dueAt"]!.GetValue<DateTimeOffset>()); // Monday + 3 working days: end of Thursday
        Assert.False(item["overdue"]!.GetValue<bool>());

        api.Clock.Advance(TimeSpan.FromDays(7));
        inbox = await (await api.Authority("KR").GetAsync("/api/inbox")).ShouldBe(HttpStatusCode.OK);
        var items = inbox["items"]!.AsArray();
        Assert.True(items[0]!["overdue"]!.GetValue<bool>(), "overdue items come first");
        Assert.True(items.Single(i => i!["notificationNumber"]!.GetValue<string>() == number)!["overdue"]!.GetValue<bool>());
        Assert.DoesNotContain((await (await api.Authority("PL").GetAsync("/api/inbox")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray(),
            i => i!["notificationNumber"]!.GetValue<string>() == number);

        var mine = await (await api.Authority("JP").GetAsync("/api/notifications?role=export&pageSize=100")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(mine["items"]!.AsArray(), i => i!["notificationNumber"]!.GetValue<string>() == number);
        Assert.All(mine["items"]!.AsArray(), i => Assert.Equal("JP", i!["stateOfExport"]!.GetValue<string>()));
        var asImport = await (await api.Authority("KR").GetAsync("/api/notifications?role=import&status=filed&pageSize=100")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(asImport["items"]!.AsArray(), i => i!["notificationNumber"]!.GetValue<string>() == number);
        var other = await (await api.Authority("PL").GetAsync("/api/notifications?pageSize=100")).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(other["items"]!.AsArray(), i => i!["notificationNumber"]!.GetValue<string>() == number);
        var audit = await (await api.Auditor().GetAsync("/api/notifications?state=KR&pageSize=100")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(audit["items"]!.AsArray(), i => i!["notificationNumber"]!.GetValue<string>() == number);

        // Pages: Uruguay's three files (no other test files for UY), two per page, newest first, no overlap.
        var uruguay = new List<string>();
        for (var i = 0; i < 3; i++) uruguay.Add(await api.FileAsync(Samples.Notification("UY", "JP")));
        uruguay.Reverse();
        var page1 = await (await api.Auditor().GetAsync("/api/notifications?state=UY&page=1&pageSize=2")).ShouldBe(HttpStatusCode.OK);
        var page2 = await (await api.Auditor().GetAsync("/api/notifications?state=UY&page=2&pageSize=2")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(uruguay.Take(2), page1["items"]!.AsArray().Select(i => i!["notificationNumber"]!.GetValue<string>()));
        Assert.True(page1["hasMore"]!.GetValue<bool>());
        Assert.Equal(uruguay.Skip(2), page2["items"]!.AsArray().Select(i => i!["notificationNumber"]!.GetValue<string>()));
        Assert.False(page2["hasMore"]!.GetValue<bool>());

        var invalid = await (await api.Authority("KR").GetAsync("/api/notifications?status=pending&pageSize=1000")).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.True(invalid["errors"]!.AsObject().ContainsKey("status"));
        Assert.True(invalid["errors"]!.AsObject().ContainsKey("pageSize"));
        await (await api.FacilityUser("X").GetAsync("/api/notifications")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    /// <summary>Durable Wolverine scheduled messages of the notification's deadlines, as stored in PostgreSQL.</summary>
    private async Task<long> ScheduledEnvelopesFor(string number)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from wolverine_incoming_envelopes where status = 'Scheduled' and position(convert_to(@key, 'UTF8') in body) > 0", connection);
        command.Parameters.AddWithValue("key", $"{number}|DecisionPeriod|KR");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
