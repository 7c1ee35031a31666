using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace WasteMovements.Bench;

/// <summary>
/// (2) The limit: the same rows the system writes for each command of the mix, as plain SQL through Npgsql,
/// one transaction per command, with payloads of the same size. Per command (Rich appends, inline
/// projections, deadlines with their Wolverine envelopes): file = counter + stream + event + document;
/// acknowledge = stream + event + document; consent = stream + event + document + deadline + envelope;
/// announce = 2 streams + 2 events + 2 documents; depart = stream + event + document + deadline + envelope;
/// receive = stream + event + document; complete = 2 streams + 2 events + 2 documents. The stream row is
/// locked (select for update) before the write, as the system does.
/// </summary>
public sealed class SqlBaseline(string connectionString)
{
    private readonly NpgsqlDataSource _data = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 100 }.ConnectionString);
    private readonly string _document = JsonSerializer.Serialize(HttpMix.Particulars("BENCH-FAC"), new JsonSerializerOptions(JsonSerializerDefaults.Web));
    private const string SmallEvent = """{"state":"JP","role":"import","acknowledgedAt":"2026-11-22T10:00:00+00:00","conditions":[],"reason":null}""";

    public async Task SetUpAsync()
    {
        await using var cmd = _data.CreateCommand("""
            drop table if exists bench_events, bench_streams, bench_docs, bench_deadlines, bench_envelopes, bench_counters;
            create table bench_streams (id text primary key, version bigint not null, timestamp timestamptz not null default now());
            create table bench_events (seq_id bigserial primary key, id uuid not null, stream_id text not null references bench_streams(id), version bigint not null,
                type text not null, data jsonb not null, headers jsonb, timestamp timestamptz not null default now(), unique (stream_id, version));
            create table bench_docs (id text primary key, data jsonb not null, version bigint not null, last_modified timestamptz default now());
            create table bench_deadlines (id text primary key, data jsonb not null);
            create table bench_envelopes (id uuid primary key, body bytea not null, execution_time timestamptz, status text not null);
            create table bench_counters (state text, year int, last bigint not null, primary key (state, year));
            """);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task Exec(NpgsqlConnection c, NpgsqlTransaction t, string sql, params object[] ps)
    {
        await using var cmd = new NpgsqlCommand(sql, c, t);
        foreach (var p in ps) cmd.Parameters.Add(p is string s && s.StartsWith('{') ? new NpgsqlParameter { Value = s, NpgsqlDbType = NpgsqlDbType.Jsonb } : new NpgsqlParameter { Value = p });
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task Command(Func<NpgsqlConnection, NpgsqlTransaction, Task> work)
    {
        await using var c = await _data.OpenConnectionAsync();
        await using var t = await c.BeginTransactionAsync();
        await work(c, t);
        await t.CommitAsync();
    }

    private static Task Append(NpgsqlConnection c, NpgsqlTransaction t, string stream, long version, string data, bool start) =>
        start
            ? Exec(c, t, "insert into bench_streams (id, version) values ($1, $2)", stream, version)
                .ContinueWith(_ => Exec(c, t, "insert into bench_events (id, stream_id, version, type, data, headers) values ($1, $2, $3, 'e', $4, $5)", Guid.NewGuid(), stream, version, data, "{\"wm.hash\":\"x\"}")).Unwrap()
            : Exec(c, t, "select version from bench_streams where id = $1 for update", stream)
                .ContinueWith(_ => Exec(c, t, "update bench_streams set version = $2 where id = $1", stream, version)).Unwrap()
                .ContinueWith(_ => Exec(c, t, "insert into bench_events (id, stream_id, version, type, data, headers) values ($1, $2, $3, 'e', $4, $5)", Guid.NewGuid(), stream, version, data, "{\"wm.hash\":\"x\"}")).Unwrap();

    private Task Doc(NpgsqlConnection c, NpgsqlTransaction t, string id, long version) =>
        Exec(c, t, "insert into bench_docs (id, data, version) values ($1, $2, $3) on conflict (id) do update set data = excluded.data, version = excluded.version, last_modified = now()", id, _document, version);

    private static async Task Deadline(NpgsqlConnection c, NpgsqlTransaction t, string id)
    {
        await Exec(c, t, "insert into bench_deadlines (id, data) values ($1, $2) on conflict (id) do update set data = excluded.data", id, "{\"dueAt\":\"2027-01-01\"}");
        await Exec(c, t, "insert into bench_envelopes (id, body, execution_time, status) values ($1, $2, now() + interval '30 days', 'Scheduled')", Guid.NewGuid(), new byte[300]);
    }

    public async Task<(double Throughput, Dictionary<string, Latencies> ByCommand, Latencies All)> RunAsync(int clients, TimeSpan duration)
    {
        var byCommand = HttpMix.Commands.ToDictionary(c => c, _ => new Latencies());
        var all = new Latencies();
        var done = 0;
        var counter = 0L;
        var stop = DateTime.UtcNow + duration;
        var started = Stopwatch.GetTimestamp();

        async Task Timed(string command, Func<NpgsqlConnection, NpgsqlTransaction, Task> work)
        {
            var t = Stopwatch.GetTimestamp();
            await Command(work);
            var ms = Latencies.Ms(t);
            byCommand[command].Add(ms);
            all.Add(ms);
            Interlocked.Increment(ref done);
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (DateTime.UtcNow < stop)
            {
                var n = $"SQL-{Interlocked.Increment(ref counter):D9}-{Guid.NewGuid():N}"[..24];
                var s = n + "-001";
                await Timed("file", async (c, t) =>
                {
                    await Exec(c, t, "insert into bench_counters (state, year, last) values ('MY', 2026, 1) on conflict (state, year) do update set last = bench_counters.last + 1");
                    await Append(c, t, n, 1, _document, true);
                    await Doc(c, t, n, 1);
                });
                await Timed("acknowledge", async (c, t) => { await Append(c, t, n, 2, SmallEvent, false); await Doc(c, t, n, 2); });
                await Timed("consent", async (c, t) => { await Append(c, t, n, 3, SmallEvent, false); await Doc(c, t, n, 3); await Deadline(c, t, n + "|validity"); });
                await Timed("announce", async (c, t) =>
                {
                    await Append(c, t, n, 4, SmallEvent, false);
                    await Doc(c, t, n, 4);
                    await Append(c, t, s, 1, _document, true);
                    await Doc(c, t, s, 1);
                });
                await Timed("depart", async (c, t) => { await Append(c, t, s, 2, SmallEvent, false); await Doc(c, t, s, 2); await Deadline(c, t, s + "|receipt"); });
                await Timed("receive", async (c, t) => { await Append(c, t, s, 3, SmallEvent, false); await Doc(c, t, s, 3); });
                await Timed("complete", async (c, t) =>
                {
                    await Append(c, t, n, 5, SmallEvent, false);
                    await Doc(c, t, n, 5);
                    await Append(c, t, s, 4, SmallEvent, false);
                    await Doc(c, t, s, 4);
                });
            }
        }));

        return (done / (Latencies.Ms(started) / 1000.0), byCommand, all);
    }
}
