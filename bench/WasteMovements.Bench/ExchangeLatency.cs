using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Bench;

/// <summary>
/// (7) The exchange's latency (issue 17): from a decision at one node to its presence in the other node's store.
/// (7a) the plain baseline: a raw RabbitMQ publish (persistent message, durable queue) to a consumer that INSERTs the row
/// into PostgreSQL database B and commits, then acks; (7b) the real thing: POST /api/notifications at node DE (an
/// authority of DE files a DE -> NL notification) until the NotificationFiled fact is committed in node NL's mt_events.
/// Both ends are seen the same way: an AFTER INSERT trigger on the target table calls pg_notify, which PostgreSQL delivers
/// at commit to this process's LISTEN connection; the time is from before the publish (the POST) to that notification.
/// Both nodes are API processes of the build under test (like the tests' ApiProcess), each with its own database, own
/// signing key and the other as its peer, on the broker given.
/// </summary>
public sealed class ExchangeLatency(string broker, string db, string apiDll, TokenIssuer tokens, string logDirectory)
{
    private const string Channel = "wm_bench_arrived";
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private string Database(string name) => new NpgsqlConnectionStringBuilder(db) { Database = name }.ConnectionString;

    // ---- (7a) the baseline --------------------------------------------------------------------------------------

    public async Task BaselineAsync(int[] levels, int movements)
    {
        var target = await FreshDatabaseAsync("wm_bench_xb");
        await using (var conn = new NpgsqlConnection(target))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "create table baseline_fact (id text primary key, body jsonb not null, received_at timestamptz not null default clock_timestamp());" +
                ArrivalTrigger("baseline_fact", "new.id"), conn);
            await cmd.ExecuteNonQueryAsync();
        }

        await using var data = NpgsqlDataSource.Create(target);
        var arrivals = new Arrivals();
        using var listening = new CancellationTokenSource();
        var listener = ListenAsync(target, arrivals, listening.Token);
        await arrivals.Listening.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var factory = new ConnectionFactory { Uri = new Uri(broker), ConsumerDispatchConcurrency = 8 };
        var queue = $"wm.bench.baseline.{Guid.NewGuid():N}";
        await using var consumerConnection = await factory.CreateConnectionAsync("bench baseline consumer");
        await using var consumerChannel = await consumerConnection.CreateChannelAsync();
        await consumerChannel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await consumerChannel.BasicQosAsync(0, 16, false);
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var body = Encoding.UTF8.GetString(delivery.Body.Span);
            await using (var conn = await data.OpenConnectionAsync())
            await using (var tx = await conn.BeginTransactionAsync())
            {
                await using var insert = new NpgsqlCommand("insert into baseline_fact (id, body) values ($1, $2::jsonb)", conn, tx);
                insert.Parameters.AddWithValue(delivery.BasicProperties.MessageId ?? "");
                insert.Parameters.AddWithValue(body);
                await insert.ExecuteNonQueryAsync();
                await tx.CommitAsync();
            }

            // Acknowledged after the commit: a broker or consumer failure before it redelivers (at least once).
            await consumerChannel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer);

        // A body the size of a fact batch for a filing: the particulars' JSON in an envelope.
        var payload = JsonSerializer.Serialize(new { notification = "DE-0000-000000", facts = new object[] { new { type = "NotificationFiled", data = Particulars(0) } } }, Json);
        await using var publisherConnection = await factory.CreateConnectionAsync("bench baseline publishers");
        // One channel per concurrent publisher (a channel is not for concurrent use); closed with the connection.
        Func<Task<Func<Task<(long, Task<long>, double)>>>> publisher = async () =>
        {
            var channel = await publisherConnection.CreateChannelAsync();
            return async () =>
            {
                var id = Guid.NewGuid().ToString("N");
                var arrived = arrivals.For(id);
                var t = Stopwatch.GetTimestamp();
                await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true, MessageId = id },
                    Encoding.UTF8.GetBytes(payload));
                return (t, arrived, 0.0);
            };
        };
        foreach (var level in levels)
        {
            await RunLevelAsync(level, 20, publisher, discard: true, arrivals);
            var (latencies, _, lost, elapsed) = await RunLevelAsync(level, movements, publisher, discard: false, arrivals);
            Report.Add("(7a) raw publish -> INSERT at B, committed", level.ToString(), $"p50 {latencies.Percentile(50):0.0} ms",
                $"p99 {latencies.Percentile(99):0.0} ms; {latencies.Count} messages, {lost} lost, {latencies.Count / elapsed:N0}/s; {payload.Length:N0} B persistent, durable queue, ack after commit");
        }

        await consumerChannel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
        await listening.CancelAsync();
        await listener;
    }

    // ---- (7b) the real thing: two nodes ---------------------------------------------------------------------------

    public async Task NodesAsync(int[] levels, int movements, int firstPort)
    {
        var de = await FreshDatabaseAsync("wm_bench_de");
        var nl = await FreshDatabaseAsync("wm_bench_nl");
        using var deKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var nlKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        // Queues of an earlier run (wm.node.<NODE>, the design's names) would deliver its batches to these fresh stores.
        var factory = new ConnectionFactory { Uri = new Uri(broker) };
        await using (var connection = await factory.CreateConnectionAsync("bench cleanup"))
        await using (var channel = await connection.CreateChannelAsync())
        {
            foreach (var queue in new[] { "wm.node.DE", "wm.node.NL" }) await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
        }

        await using var nodeDe = NodeProcess.Start(apiDll, firstPort, Path.Combine(logDirectory, "node-de.log"),
            NodeSettings(de, "DE", deKey, "NL", nlKey));
        await using var nodeNl = NodeProcess.Start(apiDll, firstPort + 1, Path.Combine(logDirectory, "node-nl.log"),
            NodeSettings(nl, "NL", nlKey, "DE", deKey));
        await nodeDe.WaitHealthyAsync(TimeSpan.FromSeconds(180));
        await nodeNl.WaitHealthyAsync(TimeSpan.FromSeconds(180));
        Console.WriteLine($"  nodes up: DE {nodeDe.BaseAddress} (pid {nodeDe.ProcessId}), NL {nodeNl.BaseAddress} (pid {nodeNl.ProcessId})");

        // NL's schema exists once it is healthy: the arrival trigger on its event table.
        await using (var conn = new NpgsqlConnection(nl))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(ArrivalTrigger("mt_events", "new.stream_id::text"), conn);
            await cmd.ExecuteNonQueryAsync();
        }

        var arrivals = new Arrivals();
        using var listening = new CancellationTokenSource();
        var listener = ListenAsync(nl, arrivals, listening.Token);
        await arrivals.Listening.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var client = nodeDe.Client(tokens.Issue(Roles.Authority, "bench.de", "DE"));
        var sequence = 0;
        Func<Task<Func<Task<(long, Task<long>, double)>>>> worker = () => Task.FromResult<Func<Task<(long, Task<long>, double)>>>(async () =>
        {
            var particulars = Particulars(Interlocked.Increment(ref sequence));
            var t = Stopwatch.GetTimestamp();
            using var response = await client.PostAsJsonAsync("/api/notifications", particulars, Json);
            var http = Latencies.Ms(t);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST /api/notifications at DE: {(int)response.StatusCode} {text}");
            var number = JsonNode.Parse(text)?["notificationNumber"]?.GetValue<string>() ?? throw new InvalidOperationException("no notificationNumber: " + text);
            return (t, arrivals.For(number), http);
        });

        // Warm-up: the first requests of each node (connections, JIT, the first messages on the broker) are not measured.
        await RunLevelAsync(1, 10, worker, discard: true, arrivals);
        foreach (var level in levels)
        {
            var (latencies, http, lost, elapsed) = await RunLevelAsync(level, movements, worker, discard: false, arrivals);
            Report.Add("(7b) decision at DE -> fact committed at NL", level.ToString(), $"p50 {latencies.Percentile(50):0.0} ms",
                $"p99 {latencies.Percentile(99):0.0} ms; {latencies.Count} filings, {lost} not arrived within {ArrivalTimeout.TotalSeconds:0} s, {latencies.Count / elapsed:N1}/s; " +
                $"the POST at DE alone p50 {http.Percentile(50):0.0} / p99 {http.Percentile(99):0.0} ms");
        }

        var admin = tokens.Issue(Roles.Admin, "bench.admin");
        foreach (var node in new[] { nodeDe, nodeNl })
        {
            using var c = node.Client(admin);
            using var status = await c.GetAsync("/api/exchange/status");
            Console.WriteLine($"  GET {node.BaseAddress}api/exchange/status: {(int)status.StatusCode} {await status.Content.ReadAsStringAsync()}");
        }

        await listening.CancelAsync();
        await listener;
    }

    /// <summary>
    /// The environment of one node (docs/scopes of issue 17, configuration section Exchange): its database, the broker,
    /// the state it serves, its signing key and its one peer with the peer's public key.
    /// </summary>
    private Dictionary<string, string> NodeSettings(string connectionString, string node, ECDsa key, string peer, ECDsa peerKey) => new()
    {
        ["ConnectionStrings__Marten"] = connectionString + ";Maximum Pool Size=100",
        ["Exchange__Node"] = node,
        ["Exchange__States__0"] = node,
        ["Exchange__Broker"] = broker,
        ["Exchange__SigningKeys__0__State"] = node,
        ["Exchange__SigningKeys__0__Kid"] = $"{node}-1",
        ["Exchange__SigningKeys__0__PrivateKeyPem"] = key.ExportPkcs8PrivateKeyPem(),
        ["Exchange__SigningKeys__0__Active"] = "true",
        ["Exchange__Peers__0__Node"] = peer,
        ["Exchange__Peers__0__States__0"] = peer,
        ["Exchange__Peers__0__Keys__0__State"] = peer,
        ["Exchange__Peers__0__Keys__0__Kid"] = $"{peer}-1",
        ["Exchange__Peers__0__Keys__0__PublicKeyPem"] = peerKey.ExportSubjectPublicKeyInfoPem(),
    };

    // ---- shared -------------------------------------------------------------------------------------------------------

    /// <summary>
    /// <paramref name="level"/> concurrent workers run <paramref name="movements"/> operations in all; each operation returns
    /// its start timestamp, the task of its arrival timestamp and an extra time (the HTTP step's own). A missing arrival
    /// after the timeout counts as lost.
    /// </summary>
    private static async Task<(Latencies Latencies, Latencies Extra, int Lost, double Seconds)> RunLevelAsync(int level, int movements,
        Func<Task<Func<Task<(long Start, Task<long> Arrived, double Extra)>>>> makeWorker, bool discard, Arrivals arrivals)
    {
        var latencies = new Latencies();
        var extra = new Latencies();
        var lost = 0;
        var remaining = movements;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, level).Select(async _ =>
        {
            var operation = await makeWorker();
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var (start, arrived, ms) = await operation();
                try
                {
                    var at = await arrived.WaitAsync(ArrivalTimeout);
                    latencies.Add((at - start) * 1000.0 / Stopwatch.Frequency);
                    extra.Add(ms);
                }
                catch (TimeoutException)
                {
                    Interlocked.Increment(ref lost);
                }
            }
        }));
        var seconds = Latencies.Ms(started) / 1000.0;
        return discard ? (new Latencies(), new Latencies(), lost, seconds) : (latencies, extra, lost, seconds);
    }

    /// <summary>An AFTER INSERT trigger that notifies the key of each row on the channel; PostgreSQL delivers it at commit.</summary>
    private static string ArrivalTrigger(string table, string key) =>
        $"create or replace function wm_bench_arrived_{table}() returns trigger language plpgsql as $$ begin perform pg_notify('{Channel}', {key}); return null; end $$;" +
        $"drop trigger if exists wm_bench_arrived on {table};" +
        $"create trigger wm_bench_arrived after insert on {table} for each row execute function wm_bench_arrived_{table}();";

    private static async Task ListenAsync(string connectionString, Arrivals arrivals, CancellationToken stop)
    {
        await using var conn = new NpgsqlConnection(connectionString + ";Keepalive=30");
        await conn.OpenAsync(CancellationToken.None);
        conn.Notification += (_, e) => arrivals.Arrived(e.Payload, Stopwatch.GetTimestamp());
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", conn)) await listen.ExecuteNonQueryAsync(CancellationToken.None);
        arrivals.Listening.TrySetResult();
        try
        {
            while (!stop.IsCancellationRequested) await conn.WaitAsync(stop);
        }
        catch (OperationCanceledException)
        {
            // the measure is over
        }
    }

    private async Task<string> FreshDatabaseAsync(string name)
    {
        await using (var conn = new NpgsqlConnection(Database("postgres")))
        {
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", conn);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"create database {name}", conn);
            await create.ExecuteNonQueryAsync();
        }

        return Database(name);
    }

    /// <summary>The first arrival of each key (a stream gets several events; a message only one row).</summary>
    private sealed class Arrivals
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _byKey = new();

        public TaskCompletionSource Listening { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private TaskCompletionSource<long> Entry(string key) =>
            _byKey.GetOrAdd(key, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

        public Task<long> For(string key) => Entry(key).Task;

        public void Arrived(string key, long timestamp) => Entry(key).TrySetResult(timestamp);
    }

    /// <summary>A DE -> NL notification (EU 2024/1157 between two member states, no transit), valid on any date.</summary>
    public static NotificationParticulars Particulars(int i)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return new("DE", "NL", [], "DE-CO-EXIT", "NL-CO-ENTRY", "Road via the motorway network", NotificationKind.General,
            "No domestic capacity for recovery of lead from spent batteries",
            new Party("Batterie Recycling Export GmbH", "Hafenstrasse 1, 20457 Hamburg", "DE-EXP-0001", new ContactPerson("Erika Mustermann", "+49 40 000000", "erika@example.org")),
            [new Generator("Autowerkstatt Nord", "Werkstrasse 5, 22041 Hamburg", null, new ContactPerson("Max Mustermann", null, null), "Hamburg workshop", "Replacement of vehicle batteries")],
            new Party("Metals Recovery BV", "Industrieweg 10, Rotterdam", "NL-REC-0042", new ContactPerson("Jan Jansen", "+31 10 000000", "jan@example.org")),
            new Facility($"NL-FAC-BENCH-{i % 50}", "Metals Recovery Rotterdam", "Industrieweg 10, Rotterdam", "Industrieweg 10, 3044 Rotterdam",
                new ContactPerson("Piet de Vries", null, "piet@example.org"), 51.9, 4.4, "Secondary lead smelter with acid neutralisation"),
            [new Carrier("Trans Europa Logistik", "Ring 3, Bremen", "DE-CAR-77", new ContactPerson("Karl Fahrer", null, null), ["road"])],
            ["road"], 10, 100m, Units.Tonnes, 10m, today.AddDays(8), today.AddDays(8).AddYears(1).AddDays(-1),
            new WasteDescription("Spent lead-acid batteries, whole", "Lead 60-70 %, sulphuric acid 10-20 %, polypropylene",
                "A1160", null, ["Y31", "Y34"], ["H8", "H11"], "8", "UN2794", "BATTERIES, WET, FILLED WITH ACID", "solid",
                ["box"], "Keep upright; acid-resistant pallets", false, false),
            "R4", null, false, new Insurance("Allianz", "POL-123", 500000m, "EUR"), new Contract("CTR-17", today.AddDays(-53)),
            new Declaration("Erika Mustermann", DateTimeOffset.UtcNow.AddDays(-3), true));
    }
}

/// <summary>One API process of the build under test, as the tests' ApiProcess starts it; its output goes to a log file.</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private NodeProcess(Process process, int port, StreamWriter log)
    {
        _process = process;
        _log = log;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }
    public int ProcessId => _process.Id;

    public static NodeProcess Start(string apiDll, int port, string logFile, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{apiDll}\" --urls http://127.0.0.1:{port}")
        {
            WorkingDirectory = Path.GetDirectoryName(apiDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Auth__SigningKey"] = JwtSettings.DevelopmentSigningKey;
        start.Environment["Demo__Seed"] = "false";
        start.Environment["Wolverine__TypeLoadMode"] = Environment.GetEnvironmentVariable("WM_BENCH_TYPE_LOAD_MODE") ?? "Static";
        start.Environment["RateLimiting__Enabled"] = "false";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var log = new StreamWriter(logFile, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NodeProcess(process, port, log);
    }

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The node on {BaseAddress} exited ({_process.ExitCode}); see its log.");
            try
            {
                if ((await client.GetAsync("health")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The node on {BaseAddress} was not healthy within {timeout}; see its log.");
    }

    public HttpClient Client(string token)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 64 };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
