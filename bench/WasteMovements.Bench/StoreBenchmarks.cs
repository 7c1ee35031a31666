using WasteMovements.Domain.Common;
using System.Diagnostics;
using JasperFx.Events.Daemon;
using Marten;
using WasteMovements.Api.Audit;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Domain.Audit;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Bench;

/// <summary>(3) projection rebuild, (4) audit replay and (5) the inbox and list queries, against the store itself.</summary>
public sealed class StoreBenchmarks(string connectionString)
{
    private static readonly CountryRegistry Registry = CountryRegistry.LoadEmbedded();

    public DocumentStore Store(bool projections = true) =>
        DocumentStore.For(options => EventStoreSetup.Configure(options, connectionString, projections));

    private static NotificationFiled Filed(string number, string export, string import, DateTimeOffset at) =>
        Filing.Filed(HttpMix.Particulars("BENCH-FAC") with { StateOfExport = export, StateOfImport = import }, number, Registry, at);

    /// <summary>(4) One notification with 1,000 events (filing, then information requests and answers).</summary>
    public async Task ReplayAsync()
    {
        using var store = Store();
        var number = $"MY-2026-R{Guid.NewGuid():N}"[..20];
        var start = DateTimeOffset.UtcNow;
        DateTimeOffset middle = default;
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream<NotificationState>(number, Filed(number, "MY", "JP", start));
            await session.SaveChangesAsync();
        }

        for (var batch = 0; batch < 10; batch++)
        {
            await using var session = store.LightweightSession();
            var events = new List<object>();
            for (var i = 0; i < 100 && 1 + batch * 100 + i < 1000; i++)
            {
                var k = batch * 100 + i;
                events.Add(k % 2 == 0
                    ? new InformationRequested($"IR-{k}", "JP", "Please send the analysis.", start.AddMinutes(k))
                    : new InformationProvided($"IR-{k - 1}", "JP", "Analysis attached.", ["lab.pdf"], start.AddMinutes(k)));
            }

            // At a known version: the store appends in Quick mode (EventStoreSetup).
            (await session.Events.FetchForExclusiveWriting<NotificationState>(number)).AppendMany(events);
            await session.SaveChangesAsync();
            if (batch == 4) middle = DateTimeOffset.UtcNow;
        }

        var live = new Latencies();
        var pointInTime = new Latencies();
        var verify = new Latencies();
        var reader = new ChainReader(Npgsql.NpgsqlDataSource.Create(connectionString));
        NotificationState? state = null;
        for (var run = 0; run < 25; run++)
        {
            await using var query = store.QuerySession();
            var t = Stopwatch.GetTimestamp();
            state = await query.Events.AggregateStreamAsync<NotificationState>(number);
            live.Add(Latencies.Ms(t));
            t = Stopwatch.GetTimestamp();
            await query.Events.AggregateStreamAsync<NotificationState>(number, timestamp: middle);
            pointInTime.Add(Latencies.Ms(t));
            if (run < 10)
            {
                t = Stopwatch.GetTimestamp();
                var result = EventChain.Verify((await reader.ForNotificationAsync(number, CancellationToken.None)).Select(e => e.ToChained()));
                verify.Add(Latencies.Ms(t));
                if (!result.Valid) throw new InvalidOperationException("chain invalid: " + result.BrokenAt);
            }
        }

        Report.Add("(4) replay 1,000 events: live aggregation", "1", $"p50 {live.Percentile(50):0.0} ms", $"p95 {live.Percentile(95):0.0} ms; version {state?.Version}");
        Report.Add("(4) point-in-time state (500 events)", "1", $"p50 {pointInTime.Percentile(50):0.0} ms", $"p95 {pointInTime.Percentile(95):0.0} ms");
        Report.Add("(4) integrity of 1,000 events", "1", $"p50 {verify.Percentile(50):0.0} ms", "read from PostgreSQL and recompute the chain");
    }

    /// <summary>(3) Loads notifications of 8 events each (4 on the notification, 4 on its shipment) without projecting them, then rebuilds.</summary>
    public async Task RebuildAsync(int notifications)
    {
        using var loader = Store(projections: false);
        var t0 = Stopwatch.GetTimestamp();
        var now = DateTimeOffset.UtcNow;
        const int perSession = 500;
        await Parallel.ForEachAsync(Enumerable.Range(0, (notifications + perSession - 1) / perSession), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, ct) =>
        {
            await using var session = loader.LightweightSession();
            for (var i = batch * perSession; i < Math.Min(notifications, (batch + 1) * perSession); i++)
            {
                var number = $"MY-2026-B{i:D9}";
                var shipment = number + "-001";
                var filed = Filed(number, "MY", "JP", now);
                var consented = NotificationEvolution.Evolve(NotificationEvolution.Create(filed), new NotificationAcknowledged("JP", AuthorityRole.Import, now))!;
                consented = NotificationEvolution.Evolve(consented, new ConsentGranted("JP", AuthorityRole.Import, [], DateOnly.FromDateTime(now.UtcDateTime), DateOnly.FromDateTime(now.UtcDateTime.AddMonths(11)), true, now))!;
                var decision = Shipping.Announce(consented, Actor.Authority("bench", "MY"), new AnnounceShipment(10m, "t", DateOnly.FromDateTime(now.UtcDateTime), ["Ocean Carrier"], "box", 10), now);
                session.Events.StartStream<NotificationState>(number, filed, new NotificationAcknowledged("JP", AuthorityRole.Import, now),
                    new ConsentGranted("JP", AuthorityRole.Import, [], DateOnly.FromDateTime(now.UtcDateTime), DateOnly.FromDateTime(now.UtcDateTime.AddMonths(11)), true, now),
                    decision.Events.OfType<ShipmentAnnounced>().Single());
                session.Events.StartStream<ShipmentState>(shipment, decision.Events.OfType<MovementDocumentIssued>().Single(),
                    new ShipmentDeparted(number, shipment, now, "Ocean Carrier", "bench"),
                    new ShipmentReceived(number, shipment, "BENCH-FAC", now, 10m, "t", false, 0, false, false, now),
                    new ShipmentCompleted(number, shipment, "R4", false, now, "C", false, now));
            }

            await session.SaveChangesAsync(ct);
        });
        var loadSeconds = Latencies.Ms(t0) / 1000;
        long total;
        await using (var query = loader.QuerySession())
        {
            total = (await query.AdvancedSql.QueryAsync<long>("select count(*) from mt_events", CancellationToken.None)).Single();
        }

        Report.Add("(3) bulk load through Marten (no projections)", "4", $"{notifications * 8 / loadSeconds:N0} events/s", $"{notifications * 8:N0} events in {loadSeconds:0.0} s; store holds {total:N0}");

        using var store = Store();
        using var daemon = await store.BuildProjectionDaemonAsync();
        foreach (var projection in new[] { "NotificationState", "ShipmentState" })
        {
            var t = Stopwatch.GetTimestamp();
            await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(30), CancellationToken.None);
            var seconds = Latencies.Ms(t) / 1000;
            Report.Add($"(3) rebuild {projection}", "-", $"{total / seconds:N0} events/s", $"{total:N0} events in the store read in {seconds:0.0} s ({total / 2 / seconds:N0} applied/s)");
        }
    }
}
