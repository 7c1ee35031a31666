using WasteMovements.Domain.Notifications;
using System.Net;
using System.Net.Http.Json;
using Marten;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Notifications;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Reliability;

/// <summary>docs/api-guide.md: "the same key and body again returns the first result and appends nothing; the same key with another body is a 422".</summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotencyTests(ApiFixture api)
{
    private static HttpRequestMessage Post(string url, object body, string? key, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Json.Options) };
        if (key is not null) request.Headers.TryAddWithoutValidation(Idempotency.Header, key);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    [Fact]
    public async Task A_retried_filing_returns_the_first_answer_and_appends_nothing()
    {
        var de = api.Authority("DE", "idem");
        var key = Guid.NewGuid().ToString();
        var first = await de.SendAsync(Post("/api/notifications", Samples.Notification(), key));
        var created = await first.ShouldBe(HttpStatusCode.Created);
        var after = await api.EventCountAsync();

        for (var i = 0; i < 3; i++)
        {
            var retry = await de.SendAsync(Post("/api/notifications", Samples.Notification(), key));
            var body = await retry.ShouldBe(HttpStatusCode.Created);
            Assert.Equal(created.ToJsonString(), body.ToJsonString());
            Assert.Equal(first.Headers.Location, retry.Headers.Location);
            Assert.Equal("true", retry.Headers.GetValues(Idempotency.ReplayedHeader).Single());
        }

        Assert.Equal(after, await api.EventCountAsync());

        // Without the key, the same body is a new filing (a new number).
        var other = await de.File(Samples.Notification()).Created();
        Assert.NotEqual(created["notificationNumber"]!.GetValue<string>(), other["notificationNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422_and_appends_nothing()
    {
        var de = api.Authority("DE", "idem");
        var key = Guid.NewGuid().ToString();
        await (await de.SendAsync(Post("/api/notifications", Samples.Notification(), key))).ShouldBe(HttpStatusCode.Created);
        var before = await api.EventCountAsync();
        var problem = await (await de.SendAsync(Post("/api/notifications", Samples.Notification(import: "FR"), key))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:wastemovements:problem:idempotency-key-reused", problem["type"]!.GetValue<string>());
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task Keys_are_scoped_to_the_person_and_the_route()
    {
        var key = Guid.NewGuid().ToString();
        var first = await (await api.Authority("DE", "anna").SendAsync(Post("/api/notifications", Samples.Notification(), key))).ShouldBe(HttpStatusCode.Created);
        // Another person of the same authority with the same key: a request of its own, not anna's answer.
        var second = await (await api.Authority("DE", "bert").SendAsync(Post("/api/notifications", Samples.Notification(), key))).ShouldBe(HttpStatusCode.Created);
        Assert.NotEqual(first["notificationNumber"]!.GetValue<string>(), second["notificationNumber"]!.GetValue<string>());

        // The same person and key on another route is another request too.
        var number = first["notificationNumber"]!.GetValue<string>();
        var cancelled = await api.Authority("DE", "anna").SendAsync(Post($"/api/notifications/{number}/cancellation", new CancelNotification("Filed twice"), key));
        await cancelled.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Concurrent_retries_of_one_filing_append_one_stream_and_all_get_the_same_answer()
    {
        var de = api.Authority("DE", "idem-concurrent");
        var key = Guid.NewGuid().ToString();
        var before = await api.EventCountAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => de.SendAsync(Post("/api/notifications", Samples.Notification(), key))));

        var bodies = new List<string>();
        foreach (var response in responses) bodies.Add((await response.ShouldBe(HttpStatusCode.Created)).ToJsonString());
        Assert.Single(bodies.Distinct());
        // One filing: NotificationFiled only (one event).
        Assert.Equal(before + 1, await api.EventCountAsync());
    }

    [Fact]
    public async Task Concurrent_retries_of_an_announcement_reserve_one_shipment()
    {
        using var _ = api.TimeTravel();
        var number = await api.ConsentedAsync(Samples.Notification("GH", "CH", shipments: 10, total: 100m));
        var announcement = Commands.Announcement(5m, TestStart.Day(7), "Atlantic Lines", "drum", 10);

        var gh = api.Authority("GH", "idem-shipper");
        var key = Guid.NewGuid().ToString();
        var before = await api.EventCountAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => gh.SendAsync(Post($"/api/notifications/{number}/shipments", announcement, key))));

        var bodies = new List<string>();
        foreach (var response in responses) bodies.Add((await response.ShouldBe(HttpStatusCode.Created)).ToJsonString());
        Assert.Single(bodies.Distinct());
        // ShipmentAnnounced on the notification and MovementDocumentIssued on the new shipment stream: once.
        Assert.Equal(before + 2, await api.EventCountAsync());
        var state = await (await api.Auditor().GetAsync($"/api/notifications/{number}")).ShouldBe(HttpStatusCode.OK);
        Assert.Single(state["shipments"]!.AsArray());
    }

    [Fact]
    public async Task Concurrent_retries_of_a_step_on_a_locked_stream_append_once()
    {
        using var _ = api.TimeTravel();
        var number = await api.FiledAsync(Samples.Notification("GH", "CH"));
        var ch = api.Authority("CH", "idem-ack");
        var key = Guid.NewGuid().ToString();
        var before = await api.StreamEventCountAsync(number);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ch.SendAsync(Post($"/api/notifications/{number}/acknowledgements", Step.NoBody, key))));

        var bodies = new List<string>();
        foreach (var response in responses) bodies.Add((await response.ShouldBe(HttpStatusCode.OK)).ToJsonString());
        Assert.Single(bodies.Distinct());
        Assert.Equal(before + 1, await api.StreamEventCountAsync(number));
    }

    [Fact]
    public async Task A_refusal_is_not_stored_so_the_fixed_retry_with_the_same_key_succeeds()
    {
        using var _ = api.TimeTravel();
        var number = await api.FiledAsync(Samples.Notification("GH", "CH"));
        var ch = api.Authority("CH", "idem-refused");
        var key = Guid.NewGuid().ToString();
        var consent = Commands.WrittenConsent();

        // Consent before acknowledging: refused (409), nothing appended, nothing stored.
        var before = await api.EventCountAsync();
        await (await ch.SendAsync(Post($"/api/notifications/{number}/decisions", consent, key))).ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Equal(before, await api.EventCountAsync());

        await ch.Acknowledge(number).Ok();
        var ok = await (await ch.SendAsync(Post($"/api/notifications/{number}/decisions", consent, key))).ShouldBe(HttpStatusCode.OK);
        var count = await api.StreamEventCountAsync(number);
        var again = await (await ch.SendAsync(Post($"/api/notifications/{number}/decisions", consent, key))).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(ok.ToJsonString(), again.ToJsonString());
        Assert.Equal(count, await api.StreamEventCountAsync(number));
    }

    [Fact]
    public async Task A_replay_comes_before_If_Match_and_keeps_the_ETag()
    {
        using var _ = api.TimeTravel();
        var number = await api.FiledAsync(Samples.Notification("GH", "CH"));
        var ch = api.Authority("CH", "idem-etag");
        var key = Guid.NewGuid().ToString();
        var first = await ch.SendAsync(Post($"/api/notifications/{number}/acknowledgements", Step.NoBody, key, ifMatch: "\"1\""));
        await first.ShouldBe(HttpStatusCode.OK);
        // The stream is now at version 2; the retry of the request that moved it there still gets its answer.
        var retry = await ch.SendAsync(Post($"/api/notifications/{number}/acknowledgements", Step.NoBody, key, ifMatch: "\"1\""));
        await retry.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        // A new request with the stale version is a 412.
        await (await ch.SendAsync(Post($"/api/notifications/{number}/acknowledgements", Step.NoBody, Guid.NewGuid().ToString(), ifMatch: "\"1\"")))
            .ShouldBeProblem(HttpStatusCode.PreconditionFailed);
    }

    [Theory]
    [InlineData("tab\tkey")]
    [InlineData("has space")]
    [InlineData("ünïcode")]
    public async Task An_invalid_key_is_a_400_and_appends_nothing(string key)
    {
        var before = await api.EventCountAsync();
        var request = Post("/api/notifications", Samples.Notification(), null);
        request.Headers.TryAddWithoutValidation(Idempotency.Header, key);
        await (await api.Authority("DE").SendAsync(request)).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_key_longer_than_200_characters_is_a_400()
    {
        var before = await api.EventCountAsync();
        await (await api.Authority("DE").SendAsync(Post("/api/notifications", Samples.Notification(), new string('k', 201)))).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task Keys_expire_after_the_retention_and_the_cleanup_deletes_them()
    {
        using var _ = api.TimeTravel();
        var de = api.Authority("DE", "idem-expiry");
        var key = Guid.NewGuid().ToString();
        var first = await (await de.SendAsync(Post("/api/notifications", Samples.Notification(), key))).ShouldBe(HttpStatusCode.Created);

        api.Clock.Advance(TimeSpan.FromHours(25));
        // After 24 h the key is forgotten: the same request is a new filing.
        var second = await (await de.SendAsync(Post("/api/notifications", Samples.Notification(), key))).ShouldBe(HttpStatusCode.Created);
        Assert.NotEqual(first["notificationNumber"]!.GetValue<string>(), second["notificationNumber"]!.GetValue<string>());

        var id = Idempotency.RecordId("idem-expiry.de", "POST", "/api/notifications", key);
        await IdempotencyCleanup.RunOnceAsync(api.Store, api.Clock.GetUtcNow() + TimeSpan.FromHours(1));
        await using var session = api.Store.QuerySession();
        Assert.Null(await session.LoadAsync<IdempotencyRecord>(id));
    }
}
