using System.Diagnostics;
using System.Net;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Notifications;
using WasteMovements.Tests.Support;
using Xunit.Abstractions;

namespace WasteMovements.Api.Tests.Reliability;

/// <summary>
/// The API as a real process, killed with SIGKILL while several clients write, then restarted: no answered
/// write is lost, no refused write is stored, writes whose answer was lost are exactly-once when retried with
/// their Idempotency-Key, projections agree with the events, and the deadlines pending at the kill fire once.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Clients = 4;

    [Fact]
    public async Task Killed_mid_load_it_restarts_losing_and_inventing_nothing_and_pending_deadlines_fire_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cs = database.ConnectionString;

        // The procedure's clock runs so that its midnight comes 45 s from now: a consent valid until "today"
        // expires then, through the ordinary API and Wolverine's durable scheduler (docs/reliability.md).
        var wallStart = DateTimeOffset.UtcNow;
        var midnight = new DateTimeOffset(wallStart.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        var expiryWall = wallStart + TimeSpan.FromSeconds(45);
        var offset = midnight - expiryWall;
        var today = DateOnly.FromDateTime(midnight.UtcDateTime.AddDays(-1));
        var settings = new Dictionary<string, string>
        {
            ["Clock__Offset"] = offset.ToString("c"),
            // Authentication failures logged in full: the test checks that no token reaches the log anyway.
            ["Serilog__MinimumLevel__Override__Microsoft.AspNetCore.Authentication"] = "Debug",
        };
        var port = ApiProcess.FreePort();
        var first = ApiProcess.Start(cs, port, settings);
        await using var _ = first;
        await first.WaitHealthyAsync(TimeSpan.FromSeconds(60));

        var load = new WriteLoad();
        var ch = ApiProcess.AuthorityToken("CH", "officer.ch");
        using var warm = first.Client();
        // Warm-up (first use of the three chains) and a bad token for the log check.
        var filed = await load.SendAsync(warm, "file", "/api/notifications", Samples.Notification("GH", "CH"), ApiProcess.AuthorityToken("GH", "warmup.gh"));
        var number = filed.Response!["notificationNumber"]!.GetValue<string>();
        await load.SendAsync(warm, "acknowledge", $"/api/notifications/{number}/acknowledgements", Step.NoBody, ch);
        await load.SendAsync(warm, "consent", $"/api/notifications/{number}/decisions", Consent(today), ch);
        var badToken = ApiProcess.AuthorityToken("GH", "mallory")[..^4] + "AAAA";
        await warm.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/notifications") { Headers = { Authorization = new("Bearer", badToken) } });
        Assert.True(load.Attempts.All(a => a.Succeeded), string.Join("\n", load.Attempts.Select(a => $"{a.Kind} {a.Status} {a.Response}")));

        // Several clients file, acknowledge and consent as fast as they can; the process is killed under them.
        var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, Clients).Select(i => Task.Run(async () =>
        {
            using var client = first.Client(timeout: TimeSpan.FromSeconds(20));
            var gh = ApiProcess.AuthorityToken("GH", $"worker{i}.gh");
            while (!stop.IsCancellationRequested)
            {
                var f = await load.SendAsync(client, "file", "/api/notifications", Samples.Notification("GH", "CH"), gh);
                if (!f.Succeeded) return;
                var n = f.Response!["notificationNumber"]!.GetValue<string>();
                if (!(await load.SendAsync(client, "acknowledge", $"/api/notifications/{n}/acknowledgements", Step.NoBody, ch)).Succeeded) return;
                if (!(await load.SendAsync(client, "consent", $"/api/notifications/{n}/decisions", Consent(today), ch)).Succeeded) return;
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(4));
        var killedAt = DateTimeOffset.UtcNow;
        first.Kill();
        stop.Cancel();
        await Task.WhenAll(workers);
        Assert.True(killedAt < expiryWall - TimeSpan.FromSeconds(5), $"the kill ({killedAt:T}) came too late before the deadlines ({expiryWall:T})");

        // At the kill the consent deadlines are pending, in the diary and as durable scheduled messages.
        var pending = await WriteLoad.ScalarAsync<long>(cs,
            "select count(*) from mt_doc_scheduleddeadline where data->>'kind' = 'ConsentValidity' and (data->>'done')::boolean = false");
        var scheduled = await WriteLoad.ScalarAsync<long>(cs, "select count(*) from wolverine_incoming_envelopes where status = 'Scheduled'");
        Assert.True(pending > 0 && scheduled >= pending, $"pending deadlines {pending}, scheduled envelopes {scheduled}");

        var restartWatch = Stopwatch.StartNew();
        var second = ApiProcess.Start(cs, port, settings);
        await using var __ = second;
        await second.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        var restart = restartWatch.Elapsed;

        // Every answer against the store.
        var attempts = load.Attempts.ToList();
        var (eventsChecked, failures) = await WriteLoad.VerifyAsync(cs, attempts);

        // Writes whose answer the kill swallowed: retried with their key, each ends up stored exactly once.
        var eventsPerKind = new Dictionary<string, long>();
        foreach (var a in attempts.Where(a => a.Succeeded)) eventsPerKind.TryAdd(a.Kind, await WriteLoad.EventsOfAsync(cs, a.CorrelationId));
        using var retryClient = second.Client();
        var unknown = attempts.Where(a => a.Unknown).ToList();
        var committedBeforeKill = 0;
        foreach (var a in unknown)
        {
            if (await WriteLoad.EventsOfAsync(cs, a.CorrelationId) > 0) committedBeforeKill++;
            var retry = await WriteLoad.RetryAsync(retryClient, a);
            if (!retry.Succeeded) failures.Add($"retry of {a.Kind} {a.Url} answered {retry.Status}: {retry.Response}");
            var total = await WriteLoad.EventsOfAsync(cs, a.CorrelationId, retry.CorrelationId);
            if (total != eventsPerKind[a.Kind]) failures.Add($"{a.Kind} {a.Url}: {total} events after the retry, expected exactly {eventsPerKind[a.Kind]}");
            eventsChecked += total;
        }

        // Projections agree with the events: the stored state is the state rebuilt from the stream.
        using var auditor = second.Client(ApiProcess.AuditorToken());
        var numbers = attempts.Concat(unknown).Where(a => a.Kind == "file" && a.Succeeded).Select(a => a.Response!["notificationNumber"]!.GetValue<string>())
            .Concat(await StreamsAsync(cs)).Distinct().ToList();
        foreach (var n in numbers)
        {
            var stored = await (await auditor.GetAsync($"/api/notifications/{n}")).ShouldBe(HttpStatusCode.OK);
            var version = await WriteLoad.ScalarAsync<long>(cs, $"select max(version) from mt_events where stream_id = '{n}'");
            var rebuilt = (await (await auditor.GetAsync($"/api/notifications/{n}/state?version={version}")).ShouldBe(HttpStatusCode.OK))["notification"]!;
            if (stored["version"]!.GetValue<long>() != version) failures.Add($"{n}: projection at version {stored["version"]}, stream at {version}");
            if (stored.ToJsonString() != rebuilt.ToJsonString()) failures.Add($"{n}: projection differs from the events:\n{stored}\n{rebuilt}");
        }

        // The deadlines pending at the kill fire after the restart, once each.
        var wait = Stopwatch.StartNew();
        var limit = expiryWall - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        long open;
        do
        {
            await Task.Delay(500);
            open = await WriteLoad.ScalarAsync<long>(cs,
                "select count(*) from mt_doc_scheduleddeadline where data->>'kind' = 'ConsentValidity' and (data->>'done')::boolean = false");
        } while (open > 0 && wait.Elapsed < limit);

        var deadlines = await WriteLoad.ScalarAsync<long>(cs, "select count(*) from mt_doc_scheduleddeadline where data->>'kind' = 'ConsentValidity'");
        var expired = await WriteLoad.ScalarAsync<long>(cs, "select count(*) from mt_events where type = 'consent_expired'");
        var twice = await WriteLoad.ScalarAsync<long>(cs,
            "select count(*) from (select stream_id from mt_events where type = 'consent_expired' group by stream_id having count(*) > 1) t");
        Assert.True(open == 0, $"{open} consent deadlines still pending {wait.Elapsed.TotalSeconds:F0} s after the restart");
        Assert.Equal(deadlines, expired);
        Assert.Equal(0, twice);

        // No token and no signing key in the log of either process.
        var secrets = attempts.Select(a => a.Token).Append(badToken).Append(Api.Security.JwtSettings.DevelopmentSigningKey).Distinct().ToList();
        var leaks = first.Log.Concat(second.Log).Where(line => secrets.Any(s => line.Contains(s, StringComparison.Ordinal)) || line.Contains("Bearer ey")).ToList();
        Assert.True(leaks.Count == 0, "secrets in the log:\n" + string.Join("\n", leaks.Take(5)));

        output.WriteLine($"crash: {Clients} clients, {attempts.Count} writes before the kill (2xx {attempts.Count(a => a.Succeeded)}, " +
                         $"refused {attempts.Count(a => a.Refused)}, no answer {unknown.Count} of which {committedBeforeKill} had committed); " +
                         $"restart to healthy {restart.TotalSeconds:F1} s; {eventsChecked} events checked; {numbers.Count} projections compared; " +
                         $"{deadlines} consent deadlines pending at the kill fired, each once ({expired} ConsentExpired); " +
                         $"{first.Log.Count + second.Log.Count} log lines without secrets; lost or invented: {failures.Count}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }

    /// <summary>A consent valid for the one day of the procedure's clock: it expires at that clock's midnight.</summary>
    private static DecideOnConsent Consent(DateOnly today) => Commands.WrittenConsent(today, today);

    private static async Task<List<string>> StreamsAsync(string cs)
    {
        await using var connection = new Npgsql.NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select id from mt_streams where id like 'GH-%'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }
}
