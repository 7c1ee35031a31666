using Marten;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using Wolverine.Http;
using WasteMovements.Api.Security;

namespace WasteMovements.Api.Exchange;

/// <summary>A peer as an operator watches it: its states, the keys held for it, and what waits to be sent to it.</summary>
public sealed record PeerStatus(string Node, IReadOnlyList<string> States, IReadOnlyList<PublishedKey> Keys, long WaitingToSend);

/// <summary>The exchange at this node (docs/operations.md, "When a peer is down for days").</summary>
public sealed record ExchangeStatus(bool Enabled, string? Node, IReadOnlyList<string> States, IReadOnlyList<PeerStatus> Peers,
    long DeadLetters, long HeldBatches, long RefusedBatches, long BatchesSent, long BatchesReceived);

public static class GetExchangeStatusEndpoint
{
    [WolverineGet("/api/exchange/status", Name = "GetExchangeStatus")]
    [Authorize(Policy = Policies.AdminOrAuditor)]
    public static async Task<ExchangeStatus> Get(IQuerySession session, ExchangeTopology topology, NpgsqlDataSource database, CancellationToken ct)
    {
        var keys = await session.Query<AuthorityKey>().Where(k => !k.Own).ToListAsync(ct);
        var waiting = new Dictionary<string, long>(StringComparer.Ordinal);
        long deadLetters = 0;
        if (topology.Enabled)
        {
            // Wolverine's durable outbox: what has not reached the broker yet, per destination queue.
            await using (var command = database.CreateCommand("select destination, count(*) from wolverine_outgoing_envelopes group by destination"))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct)) waiting[reader.GetString(0)] = reader.GetInt64(1);
            }

            await using var dead = database.CreateCommand("select count(*) from wolverine_dead_letters");
            deadLetters = (long)(await dead.ExecuteScalarAsync(ct))!;
        }

        var peers = topology.Peers.Select(p => new PeerStatus(p.Node, p.States,
            keys.Where(k => p.States.Contains(k.State)).OrderBy(k => k.Id).Select(k => new PublishedKey(k.Id, k.State, k.Status, k.PublicKeyPem, k.AddedAt, k.RevokedAt)).ToArray(),
            waiting.TryGetValue(ExchangeSetup.QueueUri(p.Node).ToString(), out var n) ? n : 0)).ToArray();
        return new ExchangeStatus(topology.Enabled, topology.Node, topology.States.Order(StringComparer.Ordinal).ToArray(), peers, deadLetters,
            await session.Query<HeldFactBatch>().CountAsync(ct),
            await session.Query<RefusedFactBatch>().CountAsync(ct),
            await session.Query<ExchangeRecord>().CountAsync(r => r.Direction == "sent", ct),
            await session.Query<ExchangeRecord>().CountAsync(r => r.Direction == "received", ct));
    }
}
