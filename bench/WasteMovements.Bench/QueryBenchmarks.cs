using System.Diagnostics;
using System.Net.Http.Headers;
using Marten;
using WasteMovements.Api.Security;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Bench;

/// <summary>(5) GET /api/inbox and GET /api/notifications on a store holding many notifications, over HTTP.</summary>
public sealed class QueryBenchmarks(string api, StoreBenchmarks stores, TokenIssuer tokens)
{
    private static readonly string[] States = ["DE", "NL", "BE", "FR", "PL", "CZ", "AT", "IT", "ES", "SE", "DK", "FI", "PT", "IE", "LU", "NO", "CH", "JP", "KR", "MY"];

    public async Task LoadAsync(int notifications)
    {
        using var store = stores.Store();
        var registry = CountryRegistry.LoadEmbedded();
        var t0 = Stopwatch.GetTimestamp();
        var now = DateTimeOffset.UtcNow;
        const int batch = 5000;
        for (var start = 0; start < notifications; start += batch)
        {
            var docs = Enumerable.Range(start, Math.Min(batch, notifications - start)).Select(i =>
            {
                var export = States[i % States.Length];
                var import = States[(i * 7 + 3) % States.Length];
                if (import == export) import = States[(i + 1) % States.Length];
                var p = HttpMix.Particulars("BENCH-FAC") with { StateOfExport = export, StateOfImport = import };
                var state = NotificationEvolution.Create(Filing.Filed(p, $"{export}-2026-Q{i:D9}", registry, now.AddSeconds(-i)));
                return i % 3 == 0 ? NotificationEvolution.Evolve(state, new NotificationAcknowledged(import, AuthorityRole.Import, now))! : state;
            }).ToArray();
            await store.BulkInsertDocumentsAsync(docs, Weasel.Core.BulkInsertMode.OverwriteExisting);
        }

        Report.Add("(5) bulk load of notification documents", "-", $"{notifications:N0} documents", $"{Latencies.Ms(t0) / 1000:0.0} s");
    }

    public async Task QueryAsync(int clients, int requestsPerClient)
    {
        foreach (var (name, path) in new[] { ("inbox", "/api/inbox"), ("list, page 1", "/api/notifications?page=1&pageSize=20"), ("list, page 50", "/api/notifications?page=50&pageSize=20") })
        {
            var latencies = new Latencies();
            var errors = 0;
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
            {
                var state = States[c % States.Length];
                using var client = new HttpClient { BaseAddress = new Uri(api), Timeout = TimeSpan.FromSeconds(60) };
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Issue(Roles.Authority, "bench.q", state));
                // One untimed request first: the first call of an endpoint compiles its handler chain (runtime codegen),
                // which is start-up cost (measured under (6)), not query time.
                using (var warmUp = await client.GetAsync(path)) await warmUp.Content.ReadAsByteArrayAsync();
                for (var i = 0; i < requestsPerClient; i++)
                {
                    var t = Stopwatch.GetTimestamp();
                    using var response = await client.GetAsync(path);
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.IsSuccessStatusCode) latencies.Add(Latencies.Ms(t));
                    else Interlocked.Increment(ref errors);
                }
            }));
            Report.Add($"(5) {name}", clients.ToString(), $"p50 {latencies.Percentile(50):0.0} ms, p99 {latencies.Percentile(99):0.0} ms", $"{latencies.Count} requests, {errors} errors");
        }
    }
}
