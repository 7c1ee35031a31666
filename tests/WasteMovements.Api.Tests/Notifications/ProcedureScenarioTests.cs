using System.Net.Http.Json;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Notifications;
using WasteMovements.Tests.Support;
using static WasteMovements.Api.Tests.Infrastructure.Commands;

namespace WasteMovements.Api.Tests.Notifications;

/// <summary>The consent procedure end to end over HTTP, on a real PostgreSQL, with time moved by the test clock.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProcedureScenarioTests(ApiFixture api)
{
    /// <summary>A written consent valid from the first departure for a year, unless told.</summary>
    private static DecideOnConsent Consent(DateOnly? until = null, bool contract = true, params string[] conditions) =>
        Commands.WrittenConsent(TestStart.Day(8), until ?? TestStart.Day(8).AddYears(1).AddDays(-1), contract, conditions);

    [Fact]
    public async Task Basel_path_with_a_transit_state_from_filing_to_written_consent()
    {
        // Malaysia (not in Annex VII) to Japan (OECD) through Korea: the Ban Amendment does not apply; Basel regime.
        var number = await api.FiledAsync(Flows.Basel());
        var my = api.Authority("MY"); var jp = api.Authority("JP"); var kr = api.Authority("KR");
        Assert.Equal("basel", (await api.NotificationAsync(number))["regime"]!["regime"]!.GetValue<string>());

        Assert.Equal(2, (await kr.Acknowledge(number).Ok())["version"]!.GetValue<long>());
        await api.Refused(kr.Acknowledge(number), HttpStatusCode.Conflict, "already-acknowledged", "Basel Art. 6(4)");
        Assert.Equal(3, (await jp.Acknowledge(number).Ok())["version"]!.GetValue<long>());
        Assert.Equal("acknowledged", await api.StatusAsync(number));

        var requestId = (await jp.RequestInformation(number, "Lead content per battery type?").Created())["requestId"]!.GetValue<string>();
        Assert.Equal("awaitingInformation", await api.StatusAsync(number));
        await api.Refused(jp.Decide(number, Consent(conditions: "x")), HttpStatusCode.Conflict, "information-outstanding", "Basel Art. 6(2)");
        await api.Refused(kr.Answer(number, requestId, "n/a"), HttpStatusCode.Forbidden, "not-state-of-export", "Basel Art. 6(1)");
        await my.Answer(number, requestId, "60-70 % lead", "lead-analysis.pdf").Ok();

        await api.Refused(jp.Decide(number, Consent(contract: false)), HttpStatusCode.Conflict, "contract-not-confirmed", "Basel Art. 6(3)(b)");
        await api.Refused(jp.Decide(number, Consent(until: TestStart.Day(8).AddYears(1))), HttpStatusCode.Conflict, "consent-validity-too-long", "Basel Art. 6(8)");
        await jp.Decide(number, Consent(conditions: "Each shipment pre-announced to the prefecture")).Ok();
        Assert.Equal("partiallyConsented", await api.StatusAsync(number));
        await kr.Decide(number, Consent(until: TestStart.Day(8).AddDays(303), contract: false, conditions: "Transit by day only")).Ok();

        var state = await api.NotificationAsync(number);
        Assert.Equal("consented", state["status"]!.GetValue<string>());
        Assert.Equal(TestStart.Text(TestStart.Day(8).AddDays(303)), state["consentValidUntil"]!.GetValue<string>());
        Assert.Equal(["JP: Each shipment pre-announced to the prefecture", "KR: Transit by day only"],
            state["conditions"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.True(state.AuthorityOf("JP")["consent"]!["contractConfirmed"]!.GetValue<bool>());
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


        var number = await api.FiledAsync(Flows.Basel());
        var jp = api.Authority("JP");
        await jp.Acknowledge(number).Ok();
        await jp.Decide(number, Consent()).Ok();
        Assert.Equal(1, await ScheduledEnvelopesFor(number));

        api.Clock.Advance(TimeSpan.FromDays(59));
        await api.FireDueDeadlinesAsync();
        Assert.Equal("received", (await api.NotificationAsync(number)).AuthorityOf("KR")["status"]!.GetValue<string>());

        // 60 days end with the 60th day after receipt (docs/law.md, "Counting periods").
        api.Clock.Set(TestStart.At(61, 0, 0));
        Assert.True(await api.FireDueDeadlinesAsync() >= 1);
        var state = await api.NotificationAsync(number);
        Assert.Equal("tacitlyConsented", state.AuthorityOf("KR")["status"]!.GetValue<string>());
        Assert.Equal("consented", state["status"]!.GetValue<string>());

        await using (var session = api.Store.QuerySession())
        {
            var deemed = (await session.Events.FetchStreamAsync(number)).Last();
            Assert.IsType<TransitConsentDeemed>(deemed.Data);
            Assert.Equal("system", deemed.UserName);
        }

        await api.Refused(api.Authority("KR").Decide(number, Refusal("too late")), HttpStatusCode.Conflict, "tacit-consent-deemed", "Basel Art. 6(4)");
        // Delivered again (Wolverine may redeliver after a crash): nothing more happens.
        var events = await api.StreamEventCountAsync(number);
        await api.FireDueDeadlinesAsync();
        Assert.Equal(events, await api.StreamEventCountAsync(number));
    }

    [Fact]
    public async Task OECD_path_with_tacit_consent_of_the_destination()
    {
        using var _ = api.TimeTravel();
        var number = await api.FiledAsync(Flows.Oecd());
        var kr = api.Authority("KR");
        Assert.Equal("oecd", (await api.NotificationAsync(number))["regime"]!["regime"]!.GetValue<string>());
        await kr.Acknowledge(number).Ok();

        api.Clock.Set(TestStart.At(31, 0, 0));
        await api.FireDueDeadlinesAsync();
        var state = await api.NotificationAsync(number);
        Assert.Equal("consented", state["status"]!.GetValue<string>());
        Assert.Equal("tacitlyConsented", state.AuthorityOf("KR")["status"]!.GetValue<string>());
        await api.Refused(kr.Decide(number, Consent()), HttpStatusCode.Conflict, "tacit-consent-deemed", "OECD C(2001)107 (tacit consent)");
    }

    [Fact]
    public async Task EU_objection_to_a_recovery_shipment_is_lifted_within_the_period_or_ends_the_notification_Art_12()
    {
        using var _ = api.TimeTravel();
        var number = await api.AcknowledgedAsync(Flows.Eu(via: ["BE"]));
        var nl = api.Authority("NL");
        await api.Refused(nl.LiftObjection(number, "nothing to lift"), HttpStatusCode.Conflict, "no-objection-to-lift", "EU 2024/1157 Art. 12(3)");
        await nl.Decide(number, Refusal("Facility permit suspended")).Ok();
        var state = await api.NotificationAsync(number);
        Assert.Equal("objected", state.AuthorityOf("NL")["status"]!.GetValue<string>());
        await nl.LiftObjection(number, "Permit renewed").Ok();
        Assert.Equal("acknowledged", (await api.NotificationAsync(number)).AuthorityOf("NL")["status"]!.GetValue<string>());

        // Objected again and left standing: when the period ends the notification ceases to be valid (Art. 12(4)).
        await nl.Decide(number, Refusal("Permit suspended again")).Ok();
        var due = DateTimeOffset.Parse((await api.NotificationAsync(number)).AuthorityOf("NL")["decisionDeadline"]!["dueAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        api.Clock.Set(due);
        await api.FireDueDeadlinesAsync();
        Assert.Equal("ceasedToBeValid", await api.StatusAsync(number));
        await api.Refused(nl.LiftObjection(number, "too late"), HttpStatusCode.Conflict, "notification-ceased-to-be-valid", "EU 2024/1157 Art. 12(4)");
    }

    [Fact]
    public async Task EU_destination_informs_all_that_the_notification_is_properly_completed_Art_8_12()
    {
        var number = await api.FiledAsync(Flows.Eu(via: ["BE"]));
        var nl = api.Authority("NL"); var be = api.Authority("BE");
        await nl.Acknowledge(number).Ok();
        // Belgium is not yet satisfied (Art. 8(11)): refused, nothing appended.
        await api.Refused(nl.ConfirmCompleteness(number), HttpStatusCode.Conflict, "authority-not-satisfied", "EU 2024/1157 Art. 8(11), 8(12)");
        await be.Acknowledge(number).Ok();
        var requestId = (await be.RequestInformation(number, "Route through Antwerp?").Created())["requestId"]!.GetValue<string>();
        await api.Refused(nl.ConfirmCompleteness(number), HttpStatusCode.Conflict, "information-request-open", "EU 2024/1157 Art. 8(7)-(9), 8(12)");
        await api.Refused(be.ConfirmCompleteness(number), HttpStatusCode.Forbidden, "not-state-of-destination", "EU 2024/1157 Art. 8(12)");
        await api.Authority("DE").Answer(number, requestId, "Yes, by the E19").Ok();
        Assert.Null((await api.NotificationAsync(number)).AuthorityOf("BE")["decisionDeadline"]!["dueAt"]?.GetValue<string>());

        await nl.ConfirmCompleteness(number).Ok();
        var state = await api.NotificationAsync(number);
        Assert.NotNull(state["completenessConfirmedAt"]);
        Assert.NotNull(state.AuthorityOf("BE")["decisionDeadline"]!["dueAt"]?.GetValue<string>());
        await api.Refused(nl.ConfirmCompleteness(number), HttpStatusCode.Conflict, "completeness-already-confirmed", "EU 2024/1157 Art. 8(12)");
    }

    [Fact]
    public async Task EU_path_dispatch_destination_written_transit_tacit()
    {
        using var _ = api.TimeTravel();
        // Acknowledged by the Netherlands, then Belgium.
        var number = await api.AcknowledgedAsync(Flows.Eu(via: ["BE"]));
        await api.Authority("DE").Decide(number, Consent(contract: false, conditions: "Guarantee lodged before the first shipment")).Ok();
        await api.Authority("NL").Decide(number, Consent(until: TestStart.Day(8).AddYears(1).AddDays(-31))).Ok();
        Assert.Equal("partiallyConsented", await api.StatusAsync(number));

        // Art. 9(1): 30 days from the Art. 8(12) information, rolled over to a Belgian working day (1182/71 Art. 3(4)).
        var due = DateTimeOffset.Parse((await api.NotificationAsync(number)).AuthorityOf("BE")["decisionDeadline"]!["dueAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(due, TestStart.At(31, 0, 0), TestStart.At(35, 0, 0));
        api.Clock.Set(due.AddTicks(-1));
        await api.FireDueDeadlinesAsync();
        Assert.Equal("acknowledged", (await api.NotificationAsync(number)).AuthorityOf("BE")["status"]!.GetValue<string>());
        api.Clock.Set(due);
        await api.FireDueDeadlinesAsync();
        var state = await api.NotificationAsync(number);
        Assert.Equal("tacitlyConsented", state.AuthorityOf("BE")["status"]!.GetValue<string>());
        Assert.Equal("consented", state["status"]!.GetValue<string>());
        Assert.Equal(TestStart.Text(TestStart.Day(8).AddYears(1).AddDays(-31)), state["consentValidUntil"]!.GetValue<string>());
    }

    [Fact]
    public async Task Consent_expires_through_its_scheduled_deadline()
    {
        using var _ = api.TimeTravel();
        var number = await api.FiledAsync(Flows.Basel(via: []));
        var jp = api.Authority("JP");
        await jp.Acknowledge(number).Ok();
        await jp.Decide(number, Consent(until: TestStart.Day(69))).Ok();

        api.Clock.Set(TestStart.At(70, 0, 0));
        await api.FireDueDeadlinesAsync();
        Assert.Equal("expired", await api.StatusAsync(number));
        await api.Refused(jp.Withdraw(number, "late"), HttpStatusCode.Conflict, "consent-expired", "EU 2024/1157 Art. 9(4); Basel Art. 6(8)");
    }

    [Fact]
    public async Task Refusal_withdrawal_and_cancellation()
    {
        var my = api.Authority("MY"); var jp = api.Authority("JP");
        var refused = await api.FiledAsync(Flows.Basel());
        await api.Authority("KR").Decide(refused, Refusal("Route passes a protected area")).Ok();
        var state = await api.NotificationAsync(refused);
        Assert.Equal("refused", state["status"]!.GetValue<string>());
        Assert.Equal("Route passes a protected area", state.AuthorityOf("KR")["refusalReason"]!.GetValue<string>());
        await api.Refused(jp.Acknowledge(refused), HttpStatusCode.Conflict, "notification-refused", "Basel Art. 6(2), 6(4)");

        var withdrawn = await api.FiledAsync(Flows.Basel(via: []));
        await api.Refused(jp.Withdraw(withdrawn, "x"), HttpStatusCode.Conflict, "no-consent-to-withdraw", "EU 2024/1157 Art. 9(7)");
        await jp.Acknowledge(withdrawn).Ok();
        await jp.Decide(withdrawn, Consent()).Ok();
        await jp.Withdraw(withdrawn, "Facility permit suspended").Ok();
        Assert.Equal("withdrawn", await api.StatusAsync(withdrawn));

        var cancelled = await api.FiledAsync(Flows.Basel(via: []));
        await api.Refused(jp.Cancel(cancelled, "x"), HttpStatusCode.Forbidden, "not-state-of-export", "Basel Art. 6(1)");
        await my.Cancel(cancelled, "Contract terminated").Ok();
        Assert.Equal("cancelled", await api.StatusAsync(cancelled));
        await api.Refused(jp.Acknowledge(cancelled), HttpStatusCode.Conflict, "notification-cancelled", "Basel Art. 6(1)");
    }

    [Fact]
    public async Task Each_authority_acts_only_for_its_own_state()
    {
        var number = await api.FiledAsync(Flows.Basel());
        var pl = api.Authority("PL"); var my = api.Authority("MY");
        await api.Refused(pl.Acknowledge(number), HttpStatusCode.Forbidden, "not-concerned", "Basel Art. 2(13)");
        await api.Refused(pl.Decide(number, Consent()), HttpStatusCode.Forbidden, "not-concerned", "Basel Art. 2(13)");
        await api.Refused(my.Acknowledge(number), HttpStatusCode.Forbidden, "not-import-or-transit", "Basel Art. 6(4)");
        await api.Refused(my.Decide(number, Consent()), HttpStatusCode.Forbidden, "not-a-deciding-authority", "Basel Art. 6(2), 6(4)");

        foreach (var client in new[] { api.FacilityUser("JP-FAC-AKITA-1"), api.Auditor(), api.Admin() })
        {
            var before = await api.EventCountAsync();
            await (await client.Decide(number, Consent()).SendAsync()).ShouldBeProblem(HttpStatusCode.Forbidden);
            Assert.Equal(before, await api.EventCountAsync());
        }

        await (await api.Anonymous().Acknowledge(number).SendAsync()).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await (await api.Authority("JP").Acknowledge("MY-2026-999999").SendAsync()).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Invalid_decisions_are_400_naming_the_field()
    {
        var number = await api.FiledAsync(Flows.Basel(via: []));
        var jp = api.Authority("JP");
        var before = await api.EventCountAsync();
        var problem = await (await jp.Decide(number, Commands.WrittenConsent(TestStart.Day(190), TestStart.Day(39), contract: false)).SendAsync())
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("validUntil"));
        problem = await (await jp.Decide(number, new DecideOnConsent(ConsentDecisionKind.Refuse, null, null, null, false, null)).SendAsync())
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("reason"));
        // A decision the API does not know cannot be typed: this body is written as a client would send it.
        await (await jp.PostAsync($"/api/notifications/{number}/decisions", new StringContent("{\"decision\":\"maybe\"}", Encoding.UTF8, "application/json")))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        problem = await (await jp.RequestInformation(number, "").SendAsync()).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("questions"));
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task Two_authorities_acting_at_once_both_get_their_fact_recorded()
    {
        for (var round = 0; round < 5; round++)
        {
            var number = await api.FiledAsync(Flows.Basel(via: ["KR", "CN"]));
            var responses = await Task.WhenAll(
                api.Authority("JP").Acknowledge(number).SendAsync(), api.Authority("KR").Acknowledge(number).SendAsync(),
                api.Authority("CN").Acknowledge(number).SendAsync());
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            var versions = new List<long>();
            foreach (var r in responses) versions.Add((await r.ReadJson())["version"]!.GetValue<long>());
            Assert.Equal([2L, 3L, 4L], versions.Order());
            Assert.Equal("acknowledged", await api.StatusAsync(number));
            Assert.Equal(4, await api.StreamEventCountAsync(number));
        }
    }

    [Fact]
    public async Task If_Match_makes_a_step_conditional_on_the_version_read()
    {
        var number = await api.FiledAsync(Flows.Basel());

        var stale = api.Authority("JP");
        stale.DefaultRequestHeaders.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var fresh = api.Authority("KR");
        fresh.DefaultRequestHeaders.IfMatch.Add(new EntityTagHeaderValue("\"1\""));

        var first = await fresh.Acknowledge(number).SendAsync();
        await first.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("\"2\"", first.Headers.ETag!.Tag);

        var before = await api.EventCountAsync();
        var problem = await (await stale.Acknowledge(number).SendAsync()).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal("urn:wastemovements:problem:version-mismatch", problem["type"]!.GetValue<string>());
        Assert.Equal(before, await api.EventCountAsync());

        var retry = api.Authority("JP");
        retry.DefaultRequestHeaders.IfMatch.Add(new EntityTagHeaderValue("\"2\""));
        await retry.Acknowledge(number).Ok();

        var bad = api.Authority("JP");
        bad.DefaultRequestHeaders.TryAddWithoutValidation("If-Match", "\"abc\"");
        await (await bad.Acknowledge(number).SendAsync()).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Inbox_and_list_show_each_authority_its_own_files()
    {
        using var _ = api.TimeTravel();
        var number = await api.FiledAsync(Flows.Oecd());

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
        for (var i = 0; i < 3; i++) uruguay.Add(await api.FiledAsync(Samples.Notification("UY", "JP")));
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
