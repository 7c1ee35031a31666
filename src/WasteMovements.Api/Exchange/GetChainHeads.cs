using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;

namespace WasteMovements.Api.Exchange;

/// <summary>The last batch of each origin on a notification known at this node.</summary>
public sealed record ChainHead(string OriginState, long Seq, string Hash);

/// <summary>The heads, and the same statement signed by this node (<see cref="Body"/>, <see cref="Kid"/>, <see cref="Signature"/>), to be shown to a third party.</summary>
public sealed record ChainHeads(string Notification, string? Node, IReadOnlyList<ChainHead> Heads, string Body, string? Kid, string? Signature);

public static class GetChainHeadsEndpoint
{
    /// <summary>GET /api/exchange/notifications/{number}/heads: what a receiving node compares its copy with (docs/exchange.md, "Proof").</summary>
    [WolverineGet("/api/exchange/notifications/{number}/heads", Name = "GetChainHeads")]
    [Authorize(Policy = Policies.AdminOrAuditor)]
    public static async Task<IResult> Get(string number, IQuerySession session, ExchangeTopology topology, ExchangeKeys keys, TimeProvider clock, CancellationToken ct)
    {
        var cursors = await session.Query<ExchangeCursor>().Where(c => c.Notification == number).OrderBy(c => c.OriginState).ToListAsync(ct);
        if (cursors.Count == 0) return Problems.NotFound("exchanged notification", number);
        var heads = cursors.Select(c => new ChainHead(c.OriginState, c.Seq, c.Hash)).ToArray();
        var body = JsonSerializer.Serialize(new { notification = number, node = topology.Node, at = clock.GetUtcNow(), heads }, FactBatch.Json);
        var signer = topology.States.Order(StringComparer.Ordinal).FirstOrDefault();
        var signed = signer is null ? null : await keys.SignAsync(session, signer, body, ct);
        return Results.Ok(new ChainHeads(number, topology.Node, heads, body, signed?.Kid, signed?.Signature));
    }
}
