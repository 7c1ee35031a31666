using System.Net;
using System.Security.Cryptography;
using Marten;
using WasteMovements.Api.Exchange;
using WasteMovements.Api.Tests.Infrastructure;

namespace WasteMovements.Api.Tests.Exchange;

/// <summary>
/// The key routes on the node serving NL (<see cref="ExchangeHost"/>, peers DE and BE): a peer's next key is registered and
/// revoked once, by the documented names; a kid held already (<c>key-exists</c>), a state served here or by no peer
/// (<c>key-state-not-a-peer</c>) and a second revocation (<c>key-already-revoked</c>) are RFC 9457 problems naming the rule
/// and its basis, and change no key and append no event. Only keys registered here are revoked: the configured keys sign
/// and verify the other exchange tests' batches.
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed class ExchangeKeyRouteTests(ExchangeHost node)
{
    private const string Trust = "docs/exchange.md, Trust";

    private async Task<AuthorityKey?> KeyAsync(string kid)
    {
        await using var session = node.Store.QuerySession();
        return await session.LoadAsync<AuthorityKey>(kid);
    }

    private async Task<(long Events, int Keys)> CountsAsync()
    {
        await using var session = node.Store.QuerySession();
        return (await node.EventCountAsync(), await session.Query<AuthorityKey>().CountAsync());
    }

    [Fact]
    public async Task A_peers_next_key_is_registered_listed_and_revoked_once()
    {
        using var next = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = $"DE-next-{Guid.NewGuid():N}"[..24];
        var pem = next.ExportSubjectPublicKeyInfoPem();
        var response = await node.Admin().PostJson("/api/exchange/keys", new { state = "de", kid, publicKeyPem = pem });
        var held = await response.ShouldBe(HttpStatusCode.Created);
        Assert.Equal($"/api/exchange/keys/{kid}", response.Headers.Location?.ToString());
        Assert.Equal((kid, "DE", "active"), (held["kid"]!.GetValue<string>(), held["state"]!.GetValue<string>(), held["status"]!.GetValue<string>()));
        Assert.Equal(pem.Trim(), (await KeyAsync(kid))!.PublicKeyPem.Trim());

        var status = await (await node.Auditor().GetAsync("/api/exchange/status")).ShouldBe(HttpStatusCode.OK);
        var de = status["peers"]!.AsArray().Single(p => p!["node"]!.GetValue<string>() == ExchangeHost.NodeDe)!;
        Assert.Contains(de["keys"]!.AsArray(), k => k!["kid"]!.GetValue<string>() == kid && k["status"]!.GetValue<string>() == "active");

        var revoked = await (await node.Admin().PostJson($"/api/exchange/keys/{kid}/revocations", new { reason = "Reported compromised by DE" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("revoked", revoked["status"]!.GetValue<string>());
        Assert.NotNull(revoked["revokedAt"]);
        Assert.Equal("Reported compromised by DE", (await KeyAsync(kid))!.RevocationReason);

        var before = await CountsAsync();
        var again = await (await node.Admin().PostJson($"/api/exchange/keys/{kid}/revocations", new RevokeKey("Twice"))).ShouldBeRefused(HttpStatusCode.Conflict, "key-already-revoked", Trust);
        Assert.Contains(kid, again["detail"]!.GetValue<string>());
        Assert.Equal(before, await CountsAsync());
        Assert.Equal("Reported compromised by DE", (await KeyAsync(kid))!.RevocationReason);
    }

    [Fact]
    public async Task A_kid_held_already_is_refused_key_exists_and_the_held_key_stays()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var configured = await KeyAsync(node.KidOf("DE"));
        var before = await CountsAsync();
        var problem = await (await node.Admin().PostJson("/api/exchange/keys", new RegisterPeerKey("DE", node.KidOf("DE"), other.ExportSubjectPublicKeyInfoPem())))
            .ShouldBeRefused(HttpStatusCode.Conflict, "key-exists", Trust);
        Assert.Contains(node.KidOf("DE"), problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(configured, await KeyAsync(node.KidOf("DE")));
    }

    [Theory]
    [InlineData("NL", "is served here")]
    [InlineData("PL", "No peer node serves PL")]
    public async Task A_key_for_a_state_served_here_or_by_no_peer_is_refused_key_state_not_a_peer(string state, string detail)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var before = await CountsAsync();
        var problem = await (await node.Admin().PostJson("/api/exchange/keys", new RegisterPeerKey(state, $"{state}-x-{Guid.NewGuid():N}"[..20], key.ExportSubjectPublicKeyInfoPem())))
            .ShouldBeRefused(HttpStatusCode.Conflict, "key-state-not-a-peer", Trust);
        Assert.Contains(detail, problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await CountsAsync());
    }
}
