using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using WasteMovements.Api.Exchange;
using WasteMovements.Api.Tests.Infrastructure;

namespace WasteMovements.Api.Tests.Exchange;

/// <summary>
/// The RFC 9457 problems of the exchange's write routes on a single deployment (no <c>Exchange:Node</c>), where they answer
/// without a broker: field rules (400 with <c>errors</c>), <c>key-state-not-a-peer</c> (no peer here), 404 for an unknown key;
/// each refused request stores no key and appends no event. The rules that need peers (<c>key-exists</c>,
/// <c>key-already-revoked</c>): ExchangeKeyRouteTests on the exchange-enabled host.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ExchangeRouteProblemTests(ApiFixture api)
{
    private const string Trust = "docs/exchange.md, Trust";

    private async Task<(long Events, int Keys)> CountsAsync()
    {
        await using var session = api.Store.QuerySession();
        return (await api.EventCountAsync(), await session.Query<AuthorityKey>().CountAsync());
    }

    private async Task NothingChangedAsync((long Events, int Keys) before) => Assert.Equal(before, await CountsAsync());

    public static TheoryData<string, string, string, string> InvalidKeys => new()
    {
        // state, kid, publicKeyPem, the field refused
        { "NLD", "NL-2", WasteMovements.Api.OpenApi.Examples.ExamplePublicKeyPem, "state" },
        { "", "NL-2", WasteMovements.Api.OpenApi.Examples.ExamplePublicKeyPem, "state" },
        { "NL", "NL 2", WasteMovements.Api.OpenApi.Examples.ExamplePublicKeyPem, "kid" },
        { "NL", new string('k', 65), WasteMovements.Api.OpenApi.Examples.ExamplePublicKeyPem, "kid" },
        { "NL", "", WasteMovements.Api.OpenApi.Examples.ExamplePublicKeyPem, "kid" },
        { "NL", "NL-2", "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----", "publicKeyPem" },
        { "NL", "NL-2", "", "publicKeyPem" },
        // An RSA key is a key, but not the exchange's (ES256 over P-256 only).
        { "NL", "NL-2", System.Security.Cryptography.RSA.Create(2048).ExportSubjectPublicKeyInfoPem(), "publicKeyPem" },
    };

    [Theory]
    [MemberData(nameof(InvalidKeys))]
    public async Task A_peer_key_with_a_bad_field_is_a_validation_problem_naming_the_field(string state, string kid, string pem, string field)
    {
        var before = await CountsAsync();
        var problem = await (await api.Admin().PostJson("/api/exchange/keys", new RegisterPeerKey(state, kid, pem))).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Equal("urn:wastemovements:problem:validation", problem["type"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]![field]);
        await NothingChangedAsync(before);
    }

    [Fact]
    public async Task A_key_for_a_state_no_peer_serves_is_refused_key_state_not_a_peer()
    {
        var before = await CountsAsync();
        var problem = await (await api.Admin().PostJson("/api/exchange/keys", new RegisterPeerKey("NL", "NL-problem-1", WasteMovements.Api.OpenApi.Examples.ExamplePublicKeyPem)))
            .ShouldBeRefused(HttpStatusCode.Conflict, "key-state-not-a-peer", Trust);
        Assert.Contains("No peer node serves NL", problem["detail"]!.GetValue<string>());
        await NothingChangedAsync(before);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_is_404_and_a_revocation_without_a_reason_is_a_validation_problem()
    {
        var before = await CountsAsync();
        var unknown = await (await api.Admin().PostJson("/api/exchange/keys/XX-unknown-1/revocations", new RevokeKey("Compromised"))).ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.Equal("urn:wastemovements:problem:not-found", unknown["type"]!.GetValue<string>());
        Assert.Contains("XX-unknown-1", unknown["detail"]!.GetValue<string>());

        foreach (var reason in new[] { "", new string('r', 2001) })
        {
            var invalid = await (await api.Admin().PostJson("/api/exchange/keys/XX-unknown-1/revocations", new RevokeKey(reason))).ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotNull(invalid["errors"]!["reason"]);
        }

        await NothingChangedAsync(before);
    }

    [Fact]
    public async Task A_replay_of_no_dead_letter_or_of_more_than_500_is_a_validation_problem()
    {
        var before = await CountsAsync();
        foreach (var ids in new[] { Array.Empty<Guid>(), Enumerable.Range(0, 501).Select(_ => Guid.NewGuid()).ToArray() })
        {
            var problem = await (await api.Admin().PostJson("/api/exchange/dead-letters/replay", new ReplayDeadLetters(ids))).ShouldBeProblem(HttpStatusCode.BadRequest);
            Assert.NotNull(problem["errors"]!["ids"]);
        }

        await (await api.Admin().PostJson("/api/exchange/dead-letters/replay", new { })).ShouldBeProblem(HttpStatusCode.BadRequest);
        await NothingChangedAsync(before);
    }

    [Fact]
    public async Task A_single_deployment_says_the_exchange_is_off_and_publishes_no_key()
    {
        var status = await (await api.Auditor().GetAsync("/api/exchange/status")).ShouldBe(HttpStatusCode.OK);
        Assert.False(status["enabled"]!.GetValue<bool>());
        Assert.Null(status["node"]);
        Assert.Empty(status["peers"]!.AsArray());
        var keys = await (await api.Anonymous().GetAsync("/api/exchange/keys")).ShouldBe(HttpStatusCode.OK);
        Assert.Empty(keys["keys"]!.AsArray());
    }
}
