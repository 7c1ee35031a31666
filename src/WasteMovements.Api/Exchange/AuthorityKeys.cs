using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.Extensions.Options;

namespace WasteMovements.Api.Exchange;

public enum AuthorityKeyStatus
{
    /// <summary>Signs (own keys) and verifies.</summary>
    Active,
    /// <summary>Verifies what was signed with it; signs nothing any more (a rotation: the next key is active).</summary>
    Retired,
    /// <summary>Verifies nothing: every batch signed with it is refused from the revocation on.</summary>
    Revoked,
}

/// <summary>
/// A competent authority's public key as this node holds it (its own, published at <c>GET /api/exchange/keys</c>, or a
/// peer's, from configuration or registered by an administrator). A Marten document, not a fact of the procedure: keys
/// are this node's trust store (docs/decisions/0021-exchange-between-nodes.md).
/// </summary>
public sealed record AuthorityKey
{
    /// <summary>The key id (kid), unique across the exchange, e.g. "DE-2026-1".</summary>
    public required string Id { get; init; }
    public required string State { get; init; }
    public required string PublicKeyPem { get; init; }
    /// <summary>True for a key of a state served here.</summary>
    public bool Own { get; init; }
    public AuthorityKeyStatus Status { get; init; }
    public DateTimeOffset AddedAt { get; init; }
    public string AddedBy { get; init; } = "configuration";
    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevokedBy { get; init; }
    public string? RevocationReason { get; init; }
}

/// <summary>This node's private signing keys (from configuration, never stored in the database) and the signature itself.</summary>
public sealed class ExchangeKeys
{
    private readonly Dictionary<string, (string State, ECDsa Key, bool Active)> _own = new(StringComparer.Ordinal);

    public ExchangeKeys(IOptions<ExchangeOptions> options, ExchangeTopology topology)
    {
        if (!topology.Enabled) return;
        foreach (var k in options.Value.SigningKeys)
        {
            var pem = k.PrivateKeyPem ?? (k.PrivateKeyFile is { Length: > 0 } f ? File.ReadAllText(f) : null)
                      ?? throw new InvalidOperationException($"Exchange: signing key {k.Kid} has neither PrivateKeyPem nor PrivateKeyFile.");
            var key = ECDsa.Create();
            key.ImportFromPem(pem);
            if (key.KeySize != 256) throw new InvalidOperationException($"Exchange: signing key {k.Kid} is not a P-256 key.");
            var state = k.State.Trim().ToUpperInvariant();
            if (!topology.States.Contains(state)) throw new InvalidOperationException($"Exchange: signing key {k.Kid} is for {state}, which this node does not serve.");
            _own[k.Kid] = (state, key, k.Active);
        }

        foreach (var state in topology.States.Where(s => !_own.Values.Any(o => o.State == s && o.Active)))
            throw new InvalidOperationException($"Exchange: no active signing key for {state}, which this node serves.");
    }

    public IEnumerable<(string Kid, string State, string PublicKeyPem, bool Active)> Own =>
        _own.Select(o => (o.Key, o.Value.State, o.Value.Key.ExportSubjectPublicKeyInfoPem(), o.Value.Active));

    /// <summary>Signs a body with the state's active key unless this node has revoked it; null when there is none.</summary>
    public async Task<(string Kid, string Signature)?> SignAsync(IQuerySession session, string state, string body, CancellationToken ct)
    {
        foreach (var (kid, own) in _own.Where(o => o.Value.State == state && o.Value.Active))
        {
            var record = await session.LoadAsync<AuthorityKey>(kid, ct);
            if (record?.Status == AuthorityKeyStatus.Revoked) continue;
            var signature = own.Key.SignData(Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            return (kid, Base64Url(signature));
        }

        return null;
    }

    /// <summary>ES256 verification of a body with a public key in PEM (SubjectPublicKeyInfo).</summary>
    public static bool Verify(string publicKeyPem, string body, string signature)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(publicKeyPem);
            return key.VerifyData(Encoding.UTF8.GetBytes(body), FromBase64Url(signature), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Whether a text is a P-256 public key in PEM.</summary>
    public static bool IsP256PublicKey(string pem)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(pem);
            return key.KeySize == 256;
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}

/// <summary>
/// At start-up, records this node's own public keys and the peers' configured keys in the trust store, once each. A key
/// revoked here stays revoked whatever the configuration says; a configured key that is no longer active becomes retired.
/// </summary>
public sealed class AuthorityKeySeeder(IDocumentStore store, ExchangeKeys keys, IOptions<ExchangeOptions> options, ExchangeTopology topology, TimeProvider clock)
    : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (!topology.Enabled) return;
        await using var session = store.LightweightSession();
        var now = clock.GetUtcNow();
        foreach (var (kid, state, pem, active) in keys.Own)
        {
            var existing = await session.LoadAsync<AuthorityKey>(kid, ct);
            var status = existing?.Status == AuthorityKeyStatus.Revoked ? AuthorityKeyStatus.Revoked : active ? AuthorityKeyStatus.Active : AuthorityKeyStatus.Retired;
            if (existing is not null && existing.PublicKeyPem != pem)
                throw new InvalidOperationException($"Exchange: own key {kid} differs from the key recorded under that id; give a new key a new kid.");
            if (existing is null || existing.Status != status)
                session.Store((existing ?? new AuthorityKey { Id = kid, State = state, PublicKeyPem = pem, Own = true, AddedAt = now }) with { Status = status });
        }

        foreach (var peer in options.Value.Peers)
        {
            foreach (var k in peer.Keys)
            {
                if (await session.LoadAsync<AuthorityKey>(k.Kid, ct) is not null) continue;
                var pem = k.PublicKeyPem ?? (k.PublicKeyFile is { Length: > 0 } f ? await File.ReadAllTextAsync(f, ct) : null)
                          ?? throw new InvalidOperationException($"Exchange: peer key {k.Kid} has neither PublicKeyPem nor PublicKeyFile.");
                if (!ExchangeKeys.IsP256PublicKey(pem)) throw new InvalidOperationException($"Exchange: peer key {k.Kid} is not a P-256 public key.");
                session.Store(new AuthorityKey { Id = k.Kid, State = k.State.Trim().ToUpperInvariant(), PublicKeyPem = pem, Status = AuthorityKeyStatus.Active, AddedAt = now });
            }
        }

        await session.SaveChangesAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
