using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.IdentityProviders;

/// <summary>
/// The API takes access tokens from the OpenID Connect providers named in configuration, through their discovery
/// document and JWKS, and refuses any other: another issuer, a key the provider rotated out, another audience,
/// an expired token, alg none, HS256 signed with the provider's public key (docs/operations.md, "Connecting your
/// identity provider").
/// </summary>
public sealed class ProviderTokenTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private async Task<long> EventCount()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from mt_events where stream_id <> 'mt_tombstone'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task Refused(string token)
    {
        var before = await EventCount();
        var response = await fixture.WithToken(token).PostJson("/api/notifications", Samples.Notification("DE", "NL"));
        var problem = await response.ShouldBeProblem(HttpStatusCode.Unauthorized);
        Assert.EndsWith(":unauthenticated", problem["type"]!.GetValue<string>());
        Assert.Equal(before, await EventCount());
    }

    [Fact]
    public async Task A_token_of_a_configured_provider_files_a_notification_as_the_mapped_authority()
    {
        var token = await ProviderFixture.AuthorityToken(fixture.Moe, "DE", "erika");
        var client = fixture.WithToken(token);
        var filed = await (await client.PostJson("/api/notifications", Samples.Notification("DE", "NL"))).ShouldBe(HttpStatusCode.Created);
        var number = filed["notificationNumber"]!.GetValue<string>();
        Assert.StartsWith("DE-", number);
        await (await client.GetAsync($"/api/notifications/{number}")).ShouldBe(HttpStatusCode.OK);

        // The mapped claims are ours: an NL authority of the same provider is another state's authority.
        var nl = fixture.WithToken(await ProviderFixture.AuthorityToken(fixture.Moe, "NL", "jan"));
        await (await nl.PostJson("/api/notifications", Samples.Notification("DE", "NL"))).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_ES256_token_of_a_configured_provider_is_accepted()
    {
        var token = await ProviderFixture.AuthorityToken(fixture.Rotating, "NL");
        Assert.Equal("ES256", new JsonWebToken(token).Alg);
        await (await fixture.WithToken(token).GetAsync("/api/inbox")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_of_a_provider_not_in_configuration_is_refused() =>
        await Refused(await ProviderFixture.AuthorityToken(fixture.Stranger, "DE"));

    [Fact]
    public async Task A_token_for_another_audience_is_refused() =>
        await Refused(await ProviderFixture.AuthorityToken(fixture.Moe, "DE", audience: "another-api"));

    [Fact]
    public async Task An_expired_token_is_refused() =>
        // Minted by the provider with its lifetime already over (no waiting).
        await Refused(await ProviderFixture.AuthorityToken(fixture.Moe, "DE", lifetime: TimeSpan.FromMinutes(-10)));

    [Fact]
    public async Task An_unsigned_token_naming_the_provider_is_refused()
    {
        var genuine = new JsonWebToken(await ProviderFixture.AuthorityToken(fixture.Moe, "DE"));
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = genuine.EncodedPayload;
        await Refused($"{header}.{payload}.");
        // The same payload with its genuine header but no signature.
        await Refused($"{genuine.EncodedHeader}.{payload}.");
    }

    [Fact]
    public async Task An_HS256_token_signed_with_the_providers_public_key_is_refused()
    {
        // The key confusion attack: the published RSA key used as an HMAC secret.
        using var http = new HttpClient();
        var jwks = await http.GetStringAsync(new Uri(new Uri(fixture.Moe.Issuer), ".well-known/jwks"));
        var key = new JsonWebKeySet(jwks).Keys.Single();
        var genuine = new JsonWebToken(await ProviderFixture.AuthorityToken(fixture.Moe, "DE"));
        foreach (var secret in new[] { Encoding.UTF8.GetBytes(jwks), Base64UrlEncoder.DecodeBytes(key.N) })
        {
            var header = Base64UrlEncoder.Encode($$"""{"alg":"HS256","typ":"JWT","kid":"{{key.Kid}}"}""");
            var signed = $"{header}.{genuine.EncodedPayload}";
            var signature = Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signed)));
            await Refused($"{signed}.{signature}");
        }
    }

    [Fact]
    public async Task After_a_key_rotation_new_tokens_are_accepted_without_restart_and_tokens_of_the_dropped_key_refused()
    {
        var before = await ProviderFixture.AuthorityToken(fixture.Rotating, "NL", "anna");
        await (await fixture.WithToken(before).GetAsync("/api/inbox")).ShouldBe(HttpStatusCode.OK);
        var oldKey = new JsonWebToken(before).Kid;

        var newKey = fixture.Rotating.RotateSigningKey(SecurityAlgorithms.EcdsaSha256);
        var after = await ProviderFixture.AuthorityToken(fixture.Rotating, "NL", "anna");
        Assert.Equal(newKey, new JsonWebToken(after).Kid);
        Assert.NotEqual(oldKey, newKey);

        // The unknown key makes the API read the JWKS again: the new token is accepted on its first request.
        await (await fixture.WithToken(after).GetAsync("/api/inbox")).ShouldBe(HttpStatusCode.OK);
        // The JWKS it read no longer holds the old key: a token signed with it is refused now.
        await Refused(before);
    }

    [Fact]
    public async Task A_provider_whose_people_come_from_assignments_has_its_role_claims_removed()
    {
        // The ministry's token says authority of DE, under our own claim names and the mapped ones: not trusted.
        var token = await fixture.Ministry.IssueAsync("someone@ministry", new Dictionary<string, string>
        {
            ["role"] = "authority", ["country"] = "DE", ["wm_role"] = "authority", ["wm_country"] = "DE",
        });
        var before = await EventCount();
        var response = await fixture.WithToken(token).PostJson("/api/notifications", Samples.Notification("DE", "NL"));
        // Authenticated (not 401) but without rights until assigned.
        await response.ShouldBeProblem(HttpStatusCode.Forbidden);
        Assert.Equal(before, await EventCount());

        var principal = await Ui.UiIdentity.ApiUserAsync(new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = fixture.Factory.Services }, token);
        Assert.NotNull(principal);
        Assert.Equal("someone@ministry", principal!.FindFirst("sub")!.Value);
        Assert.Equal(fixture.Ministry.Issuer, principal.FindFirst("iss")!.Value);
        Assert.Null(principal.FindFirst("country"));
        Assert.DoesNotContain(principal.Claims, c => c.Type == "role" && c.Value == "authority");
    }
}
