using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Tests.Support;
using Xunit.Abstractions;

namespace WasteMovements.Api.Tests.Reliability;

/// <summary>
/// PostgreSQL stopped under load (a cluster of the test's own): writes answer 503 problems promptly, /health
/// says not ready, and once PostgreSQL is back the same process serves writes again, with nothing lost or
/// invented across the outage.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Writes_answer_503_promptly_health_is_not_ready_and_the_api_recovers_without_a_restart()
    {
        await using var postgres = await ThrowawayPostgres.StartAsync();
        var api = ApiProcess.Start(postgres.ConnectionString, ApiProcess.FreePort());
        await using var _ = api;
        await api.WaitHealthyAsync(TimeSpan.FromSeconds(60));

        var load = new WriteLoad();
        using (var warm = api.Client())
        {
            Assert.True((await load.SendAsync(warm, "file", "/api/notifications", Samples.Notification("GH", "CH"), ApiProcess.AuthorityToken("GH", "warmup.gh"))).Succeeded);
        }

        var health = new ConcurrentQueue<(DateTime At, int? Status, string? State, TimeSpan Elapsed)>();
        var stop = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            using var client = api.Client(timeout: TimeSpan.FromSeconds(20));
            while (!stop.IsCancellationRequested)
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    var response = await client.GetAsync("/health");
                    var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
                    health.Enqueue((DateTime.UtcNow, (int)response.StatusCode, body?["status"]?.GetValue<string>(), watch.Elapsed));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    health.Enqueue((DateTime.UtcNow, null, e.GetType().Name, watch.Elapsed));
                }

                await Task.Delay(250);
            }
        });
        var workers = Enumerable.Range(0, 3).Select(i => Task.Run(async () =>
        {
            using var client = api.Client(timeout: TimeSpan.FromSeconds(20));
            var token = ApiProcess.AuthorityToken("GH", $"worker{i}.gh");
            while (!stop.IsCancellationRequested)
            {
                var attempt = await load.SendAsync(client, "file", "/api/notifications", Samples.Notification("GH", "CH"), token);
                if (!attempt.Succeeded) await Task.Delay(100);
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(2));
        var stoppedAt = DateTime.UtcNow;
        await postgres.StopServerAsync();
        await Task.Delay(TimeSpan.FromSeconds(6));
        var restartedAt = DateTime.UtcNow;
        await postgres.StartServerAsync();

        // The same process serves writes again: the first success after PostgreSQL came back.
        var recovered = TimeSpan.Zero;
        using (var probe = api.Client(timeout: TimeSpan.FromSeconds(20)))
        {
            var watch = Stopwatch.StartNew();
            var token = ApiProcess.AuthorityToken("GH", "probe.gh");
            while (watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                if ((await load.SendAsync(probe, "file", "/api/notifications", Samples.Notification("GH", "CH"), token)).Succeeded)
                {
                    recovered = DateTime.UtcNow - restartedAt;
                    break;
                }

                await Task.Delay(250);
            }
        }

        Assert.True(recovered > TimeSpan.Zero, "no write succeeded within 60 s after PostgreSQL came back:\n" + api.Tail());
        await Task.Delay(TimeSpan.FromSeconds(2));
        stop.Cancel();
        await Task.WhenAll(workers.Append(poller));
        await (await api.Client().GetAsync("/health")).ShouldBe(HttpStatusCode.OK);

        var attempts = load.Attempts.ToList();
        var during = attempts.Where(a => a.Status is not null && !a.Succeeded).ToList();
        var failures = new List<string>();
        foreach (var a in during.Where(a => a.Status != 503 || a.Response?["type"]?.GetValue<string>() != "urn:wastemovements:problem:database-unavailable"))
        {
            failures.Add($"during the outage: {a.Status} {a.Response}");
        }

        var slowest = attempts.Max(a => a.Elapsed);
        if (slowest > Bound) failures.Add($"a write took {slowest.TotalSeconds:F1} s (bound {Bound.TotalSeconds} s)");
        var notReady = health.Where(h => h.At > stoppedAt && h.At < restartedAt).ToList();
        var firstNotReady = notReady.FirstOrDefault(h => h.Status == 503 && h.State == "unhealthy");
        if (firstNotReady == default) failures.Add("/health never answered 503 unhealthy during the outage: " + string.Join(", ", notReady.Select(h => h.Status)));
        if (health.Any(h => h.Elapsed > Bound)) failures.Add($"/health took {health.Max(h => h.Elapsed).TotalSeconds:F1} s");

        // Nothing lost or invented; writes whose answer was lost are exactly-once when retried.
        var (eventsChecked, lost) = await WriteLoad.VerifyAsync(postgres.ConnectionString, attempts);
        failures.AddRange(lost);
        var unknown = attempts.Where(a => a.Unknown).ToList();
        using (var retryClient = api.Client())
        {
            foreach (var a in unknown)
            {
                var retry = await WriteLoad.RetryAsync(retryClient, a);
                var total = await WriteLoad.EventsOfAsync(postgres.ConnectionString, a.CorrelationId, retry.CorrelationId);
                if (!retry.Succeeded || total != 1) failures.Add($"retry of an unanswered filing: {retry.Status}, {total} events");
            }
        }

        output.WriteLine($"outage: {attempts.Count} writes ({attempts.Count(a => a.Succeeded)} 2xx, {during.Count(a => a.Status == 503)} 503, " +
                         $"{unknown.Count} without answer); PostgreSQL down {(restartedAt - stoppedAt).TotalSeconds:F1} s; slowest answer {slowest.TotalMilliseconds:F0} ms; " +
                         $"/health 503 after {(firstNotReady.At - stoppedAt).TotalMilliseconds:F0} ms ({notReady.Count(h => h.Status == 503)} polls); " +
                         $"first write ok {recovered.TotalSeconds:F1} s after PostgreSQL was back; {eventsChecked} events checked; lost or invented: {lost.Count}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)) + "\n" + api.Tail(20));
        Assert.Contains(during, a => a.Status == 503);
    }
}
