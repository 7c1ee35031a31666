using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace WasteMovements.Api.Exchange;

/// <summary>A key as published: what a peer needs to verify this node's batches, and whether it still signs.</summary>
public sealed record PublishedKey(string Kid, string State, AuthorityKeyStatus Status, string PublicKeyPem, DateTimeOffset AddedAt, DateTimeOffset? RevokedAt);

/// <summary>The public keys of the authorities this node serves (docs/operations.md, "Joining the exchange").</summary>
public sealed record PublishedKeys(string? Node, IReadOnlyList<string> States, IReadOnlyList<PublishedKey> Keys);

public static class GetPublishedKeysEndpoint
{
    /// <summary>GET /api/exchange/keys: public, so that a peer (or anyone) can check a batch's signature; no private key ever leaves the node.</summary>
    [WolverineGet("/api/exchange/keys", Name = "GetPublishedKeys")]
    [AllowAnonymous]
    public static async Task<PublishedKeys> Get(IQuerySession session, ExchangeTopology topology, CancellationToken ct)
    {
        var keys = await session.Query<AuthorityKey>().Where(k => k.Own).OrderBy(k => k.State).ThenBy(k => k.Id).ToListAsync(ct);
        return new PublishedKeys(topology.Node, topology.States.Order(StringComparer.Ordinal).ToArray(),
            keys.Select(k => new PublishedKey(k.Id, k.State, k.Status, k.PublicKeyPem, k.AddedAt, k.RevokedAt)).ToArray());
    }
}
