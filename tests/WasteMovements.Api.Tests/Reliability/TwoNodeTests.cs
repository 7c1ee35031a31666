using System.Diagnostics;
using System.Net;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;
using Xunit.Abstractions;

namespace WasteMovements.Api.Tests.Reliability;

/// <summary>
/// Two API processes on different ports against one PostgreSQL, in Wolverine's balanced durability mode:
/// writes go through both, concurrent steps on one file are serialised across nodes, every deadline fires
/// exactly once whichever node scheduled it, and the async report projection counts each fact once.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class TwoNodeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_nodes_share_one_store_deadlines_fire_once_and_the_async_projection_advances_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cs = database.ConnectionString;
        var wallStart = DateTimeOffset.UtcNow;
        var midnight = new DateTimeOffset(wallStart.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        // Room for two process starts on a loaded machine before the procedure's midnight (the writes must come before it).
        var expiryWall = wallStart + TimeSpan.FromSeconds(80);
        var today = DateOnly.FromDateTime(midnight.UtcDateTime.AddDays(-1));
        var settings = new Dictionary<string, string> { ["Clock__Offset"] = (midnight - expiryWall).ToString("c") };

        var a = ApiProcess.Start(cs, ApiProcess.FreePort(), settings);
        await using var _ = a;
        await a.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        var joinWatch = Stopwatch.StartNew();
        var b = ApiProcess.Start(cs, ApiProcess.FreePort(), settings);
        await using var __ = b;
        await b.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        while (await WriteLoad.ScalarAsync<long>(cs, "select count(*) from wolverine_nodes") < 2 && joinWatch.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(200);
        var joined = joinWatch.Elapsed;
        Assert.Equal(2L, await WriteLoad.ScalarAsync<long>(cs, "select count(*) from wolverine_nodes"));

        var nodes = new[] { a.Client(), b.Client() };
        var load = new WriteLoad();
        var gh = ApiProcess.AuthorityToken("GH", "officer.gh");
        var ch = ApiProcess.AuthorityToken("CH", "officer.ch");
        var particulars = Samples.Notification("GH", "CH", shipments: 3, total: 30m) with { FirstDeparture = today, LastDeparture = today.AddDays(300) };
        async Task<string> Write(int node, string kind, string url, object body, string token)
        {
            var attempt = await load.SendAsync(nodes[node % 2], kind, url, body, token);
            Assert.True(attempt.Succeeded, $"{kind} via node {node % 2}: {attempt.Status} {attempt.Response}");
            return attempt.Response?["notificationNumber"]?.GetValue<string>() ?? attempt.Response?["shipmentId"]?.GetValue<string>() ?? "";
        }

        // Ten notifications whose consent ends today: filed on one node, acknowledged and consented on the other.
        const int Expiring = 10;
        for (var i = 0; i < Expiring; i++)
        {
            var n = await Write(i, "file", "/api/notifications", particulars, gh);
            await Write(i + 1, "acknowledge", $"/api/notifications/{n}/acknowledgements", Step.NoBody, ch);
            await Write(i + 1, "consent", $"/api/notifications/{n}/decisions", Consent(today, today), ch);
        }

        // Four notifications with shipments and illegal traffic found: facts for the async annual report.
        const int Facts = 4;
        var numbers = new List<string>();
        for (var i = 0; i < Facts; i++)
        {
            var n = await Write(i, "file", "/api/notifications", particulars, gh);
            numbers.Add(n);
            await Write(i + 1, "acknowledge", $"/api/notifications/{n}/acknowledgements", Step.NoBody, ch);
            await Write(i, "consent", $"/api/notifications/{n}/decisions", Consent(today, today.AddDays(200)), ch);
            var shipment = await Write(i + 1, "announce", $"/api/notifications/{n}/shipments", Announcement(today), gh);
            await Write(i, "illegal-traffic", $"/api/shipments/{shipment}/illegal-traffic", new RecordIllegalTraffic("not-matching-documents", "Mixed scrap", false), ch);
        }

        // Ten concurrent announcements through both nodes for the two shipments left: exactly two pass.
        var racing = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            load.SendAsync(nodes[i % 2], "announce", $"/api/notifications/{numbers[0]}/shipments", Announcement(today), gh)));
        Assert.Equal(2, racing.Count(r => r.Status == 201));
        Assert.All(racing.Where(r => r.Status != 201), r => Assert.Equal(409, r.Status));

        var (eventsChecked, failures) = await WriteLoad.VerifyAsync(cs, load.Attempts);
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // The async projection: each illegal-traffic fact once in the report, and its agent on one node only.
        using var auditor = b.Client(ApiProcess.AuditorToken());
        var reportWatch = Stopwatch.StartNew();
        int counted;
        do
        {
            await Task.Delay(250);
            var report = await (await auditor.GetAsync($"/api/reports/annual?state=GH&year={today.Year}")).ShouldBe(HttpStatusCode.OK);
            counted = report["illegalTraffic"]!.AsArray().Count;
        } while (counted < Facts && reportWatch.Elapsed < TimeSpan.FromSeconds(30));

        var projected = reportWatch.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var again = await (await a.Client(ApiProcess.AuditorToken()).GetAsync($"/api/reports/annual?state=GH&year={today.Year}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(Facts, counted);
        Assert.Equal(Facts, again["illegalTraffic"]!.AsArray().Count);
        var agents = await WriteLoad.ScalarAsync<long>(cs, "select count(*) from wolverine_node_assignments where id like 'event-subscriptions:%'");
        var duplicated = await WriteLoad.ScalarAsync<long>(cs,
            "select count(*) from (select id from wolverine_node_assignments group by id having count(*) > 1) t");
        Assert.True(agents >= 1, "no projection agent is assigned");
        Assert.Equal(0, duplicated);

        // Every consent deadline fires exactly once, whichever node scheduled it.
        var wait = Stopwatch.StartNew();
        var limit = expiryWall - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        long open;
        do
        {
            await Task.Delay(500);
            open = await WriteLoad.ScalarAsync<long>(cs,
                "select count(*) from mt_doc_scheduleddeadline where data->>'kind' = 'ConsentValidity' and (data->>'done')::boolean = false and (data->>'dueAt')::timestamptz <= now() + interval '1 day'");
        } while (open > 0 && wait.Elapsed < limit);

        var expired = await WriteLoad.ScalarAsync<long>(cs, "select count(*) from mt_events where type = 'consent_expired'");
        var twice = await WriteLoad.ScalarAsync<long>(cs,
            "select count(*) from (select stream_id from mt_events where type = 'consent_expired' group by stream_id having count(*) > 1) t");
        Assert.Equal(0, open);
        Assert.Equal(Expiring, expired);
        Assert.Equal(0, twice);

        output.WriteLine($"two nodes: second node registered {joined.TotalSeconds:F1} s after its start; {load.Attempts.Count} writes through both " +
                         $"({load.Attempts.Count(x => x.Succeeded)} 2xx, 8 of 10 racing announcements refused 409); {eventsChecked} events checked; " +
                         $"{Facts} illegal-traffic facts in the async report after {projected.TotalSeconds:F1} s, counted once ({agents} agents, none on two nodes); " +
                         $"{Expiring} consent deadlines fired once each ({expired} ConsentExpired, {twice} twice)");
    }

    private static DecideOnConsent Consent(DateOnly from, DateOnly until) => Commands.WrittenConsent(from, until);

    private static AnnounceShipment Announcement(DateOnly today) => Commands.Announcement(10m, today.AddDays(5), "Atlantic Lines", "drum", 10);
}
