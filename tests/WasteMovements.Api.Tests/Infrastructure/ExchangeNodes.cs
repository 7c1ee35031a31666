using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Npgsql;

namespace WasteMovements.Api.Tests.Infrastructure;

/// <summary>One node's signing key (ECDSA P-256, docs of issue 17): the key itself and its PEM files for the node's settings.</summary>
public sealed class NodeKey : IDisposable
{
    private NodeKey(string state, string kid, ECDsa key, string privateFile, string publicFile)
    {
        State = state;
        Kid = kid;
        Key = key;
        PrivateKeyFile = privateFile;
        PublicKeyFile = publicFile;
    }

    public string State { get; }
    public string Kid { get; }
    public ECDsa Key { get; }
    public string PrivateKeyFile { get; }
    public string PublicKeyFile { get; }
    public string PublicKeyPem => Key.ExportSubjectPublicKeyInfoPem();

    /// <summary>A new P-256 key written as PKCS#8 (private) and SubjectPublicKeyInfo (public) PEM files under <paramref name="directory"/>.</summary>
    public static NodeKey Create(string state, string kid, string directory)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var privateFile = Path.Combine(directory, $"{kid}.pem");
        var publicFile = Path.Combine(directory, $"{kid}.pub.pem");
        File.WriteAllText(privateFile, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(publicFile, key.ExportSubjectPublicKeyInfoPem());
        return new NodeKey(state, kid, key, privateFile, publicFile);
    }

    /// <summary>ES256 over the exact UTF-8 bytes: SHA-256, IEEE P1363 (r||s), base64url without padding.</summary>
    public string Sign(string body) =>
        Base64Url(Key.SignData(System.Text.Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose() => Key.Dispose();
}

/// <summary>
/// One deployment of the exchange (issue 17): its own database, its own API process serving one state, its own
/// signing key, the other nodes as peers. It can be killed (SIGKILL) and started again on the same database.
/// </summary>
public sealed class ExchangeNode : IAsyncDisposable
{
    internal ExchangeNode(string name, TestDatabase database, NodeKey key, int port)
    {
        Name = name;
        Database = database;
        Key = key;
        Port = port;
    }

    public string Name { get; }
    /// <summary>The state whose competent authority signs in here (one state per node in these tests).</summary>
    public string State => Name;
    public TestDatabase Database { get; }
    public string ConnectionString => Database.ConnectionString;
    public NodeKey Key { get; }
    public int Port { get; }
    public IReadOnlyDictionary<string, string> Settings { get; internal set; } = new Dictionary<string, string>();
    public ApiProcess Process { get; private set; } = null!;
    public int Starts { get; private set; }

    public void Start()
    {
        Process = ApiProcess.Start(ConnectionString, Port, Settings);
        Starts++;
    }

    /// <summary>SIGKILL: no chance to finish a request, flush the outbox or acknowledge a message.</summary>
    public void Kill() => Process.Kill();

    /// <summary>Starts the node again on the same database and port and waits until it answers.</summary>
    public async Task<TimeSpan> RestartAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        await Process.DisposeAsync();
        Start();
        await Process.WaitHealthyAsync(timeout);
        return watch.Elapsed;
    }

    public HttpClient Authority(string person = "officer") => Process.Client(ApiProcess.AuthorityToken(State, $"{person}.{State.ToLowerInvariant()}"));
    public HttpClient Auditor() => Process.Client(ApiProcess.AuditorToken());
    public HttpClient Admin() => Process.Client(ApiProcess.AdminToken());
    public HttpClient Facility(string facilityId) => Process.Client(ApiProcess.FacilityToken(facilityId));

    /// <summary>The events of the given streams as stored here, in stream and version order (tombstones excluded).</summary>
    public async Task<IReadOnlyList<StoredFact>> FactsAsync(IReadOnlyCollection<string> streams)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select stream_id, version, type, headers->>'wm.origin.state', headers->>'wm.origin.seq', headers->>'wm.origin.message', user_name
            from mt_events where stream_id = any(@streams) order by stream_id, version
            """, connection);
        command.Parameters.AddWithValue("streams", streams.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var facts = new List<StoredFact>();
        while (await reader.ReadAsync())
        {
            facts.Add(new StoredFact(reader.GetString(0), reader.GetInt64(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : long.Parse(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return facts;
    }

    /// <summary>The messages waiting in this node's durable outbox (Wolverine's wolverine_outgoing_envelopes), by destination.</summary>
    public async Task<string> OutboxAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using (var exists = new NpgsqlCommand("select to_regclass('wolverine_outgoing_envelopes') is not null", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync())!) return "none (no outbox table)";
        }

        await using var command = new NpgsqlCommand("select destination, count(*) from wolverine_outgoing_envelopes group by destination order by destination", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add($"{reader.GetString(0)}: {reader.GetInt64(1)}");
        return rows.Count == 0 ? "none" : string.Join(", ", rows);
    }

    /// <summary>Events in the whole store (not tombstones): a refused batch must leave it unchanged.</summary>
    public Task<long> EventCountAsync() =>
        WriteLoad.ScalarAsync<long>(ConnectionString, "select count(*) from mt_events where stream_id <> 'mt_tombstone'");

    /// <summary>The ids of the deadlines this node has scheduled (mt_doc_scheduleddeadline) for the notification.</summary>
    public async Task<IReadOnlyList<string>> ScheduledDeadlinesAsync(string number)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using (var exists = new NpgsqlCommand("select to_regclass('mt_doc_scheduleddeadline') is not null", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync())!) return [];
        }

        await using var command = new NpgsqlCommand("select id from mt_doc_scheduleddeadline where data->>'notification' = @n order by id", connection);
        command.Parameters.AddWithValue("n", number);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    public async Task<JsonNode> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} at {Name}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Process is not null) await Process.DisposeAsync();
    }
}

/// <summary>One stored event with the exchange headers its node recorded (null at the deciding node if it records none).</summary>
public sealed record StoredFact(string Stream, long Version, string Type, string? OriginState, long? OriginSeq, string? OriginMessage, string? UserName);

/// <summary>
/// Several exchange nodes on one PostgreSQL server (a database each) and one broker, every node the others' peer
/// (configuration section <c>Exchange</c> as environment variables: docs of issue 17, "The model").
/// </summary>
public sealed class ExchangeNetwork : IAsyncDisposable
{
    private readonly string _keyDirectory;

    private ExchangeNetwork(string keyDirectory, IReadOnlyList<ExchangeNode> nodes)
    {
        _keyDirectory = keyDirectory;
        Nodes = nodes;
    }

    public IReadOnlyList<ExchangeNode> Nodes { get; }
    public ExchangeNode this[string name] => Nodes.Single(n => n.Name == name);

    /// <summary>Creates the databases, keys and settings of one node per state; starts nothing yet.</summary>
    public static async Task<ExchangeNetwork> CreateAsync(string broker, IReadOnlyDictionary<string, string> common, params string[] states)
    {
        var directory = Directory.CreateTempSubdirectory("wm-exchange-keys-").FullName;
        var nodes = new List<ExchangeNode>();
        foreach (var state in states)
        {
            nodes.Add(new ExchangeNode(state, await TestDatabase.CreateAsync(), NodeKey.Create(state, $"{state}-1", directory), ApiProcess.FreePort()));
        }

        foreach (var node in nodes)
        {
            var settings = new Dictionary<string, string>(common)
            {
                ["Exchange__Node"] = node.Name,
                ["Exchange__States__0"] = node.State,
                ["Exchange__Broker"] = broker,
                ["Exchange__SigningKeys__0__State"] = node.State,
                ["Exchange__SigningKeys__0__Kid"] = node.Key.Kid,
                ["Exchange__SigningKeys__0__PrivateKeyFile"] = node.Key.PrivateKeyFile,
                ["Exchange__SigningKeys__0__Active"] = "true",
            };
            var i = 0;
            foreach (var peer in nodes.Where(p => p != node))
            {
                settings[$"Exchange__Peers__{i}__Node"] = peer.Name;
                settings[$"Exchange__Peers__{i}__States__0"] = peer.State;
                settings[$"Exchange__Peers__{i}__Keys__0__State"] = peer.State;
                settings[$"Exchange__Peers__{i}__Keys__0__Kid"] = peer.Key.Kid;
                settings[$"Exchange__Peers__{i}__Keys__0__PublicKeyFile"] = peer.Key.PublicKeyFile;
                i++;
            }

            node.Settings = settings;
        }

        return new ExchangeNetwork(directory, nodes);
    }

    /// <summary>Starts every node at once (the starts overlap) and waits until all answer /health.</summary>
    public async Task<TimeSpan> StartAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        foreach (var node in Nodes) node.Start();
        await Task.WhenAll(Nodes.Select(n => n.Process.WaitHealthyAsync(timeout)));
        return watch.Elapsed;
    }

    /// <summary>
    /// Polls (bounded) until every node holds the same events, in the same order, in the given streams as the
    /// node that decided the last step; returns how long it took. Fails with each node's list otherwise.
    /// </summary>
    public async Task<TimeSpan> ConvergedAsync(string what, IReadOnlyCollection<string> streams, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var lists = new List<IReadOnlyList<StoredFact>>();
            foreach (var node in Nodes) lists.Add(await node.FactsAsync(streams));
            var shapes = lists.Select(l => string.Join(";", l.Select(f => $"{f.Stream}#{f.Version}:{f.Type}"))).ToList();
            if (shapes.Distinct().Count() == 1 && lists[0].Count > 0) return watch.Elapsed;
            if (watch.Elapsed > timeout)
            {
                var detail = string.Join("\n", Nodes.Select((n, i) => $"  {n.Name}: {shapes[i]}"));
                var outboxes = new List<string>();
                foreach (var n in Nodes) outboxes.Add($"{n.Name} {await n.OutboxAsync()}");
                var tails = string.Join("\n", Nodes.Select(n => $"--- {n.Name} log: {n.Process.Log.Count(l => l.Contains("\"@l\":\"Error\"", StringComparison.Ordinal))} errors, " +
                                                               $"last lines ---\n{n.Process.Tail(12)}"));
                detail += $"\n  outgoing envelopes: {string.Join(", ", outboxes)}";
                Assert.Fail($"{what}: the nodes did not converge within {timeout}:\n{detail}\n{tails}");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
        foreach (var node in Nodes)
        {
            await node.Database.DisposeAsync();
            node.Key.Dispose();
        }

        try
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a temp directory left behind is harmless
        }
    }
}
