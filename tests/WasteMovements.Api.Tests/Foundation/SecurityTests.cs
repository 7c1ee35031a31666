using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WasteMovements.Api.Security;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Foundation;

[Collection(ApiCollection.Name)]
public sealed class SecurityTests(ApiFixture api)
{
    private static string Sign(JwtSettings settings, SecurityKey key, string? issuer = null, DateTime? expires = null,
        IEnumerable<Claim>? claims = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims ?? [new Claim("sub", "mallory"), new Claim("role", "authority"), new Claim("country", "DE")]),
            NotBefore = (expires ?? now.AddHours(1)).AddHours(-2),
            IssuedAt = (expires ?? now.AddHours(1)).AddHours(-2),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    public static IEnumerable<object[]> BadTokens()
    {
        yield return ["expired"];
        yield return ["not-yet-valid"];
        yield return ["wrong-signature"];
        yield return ["wrong-issuer"];
        yield return ["wrong-audience"];
        yield return ["alg-none"];
        yield return ["alg-none-hand-made"];
        yield return ["alg-hs512"];
        yield return ["no-expiry"];
        yield return ["tampered-claims"];
        yield return ["empty"];
        yield return ["garbage"];
    }

    private static string B64(string json) => Base64UrlEncoder.Encode(System.Text.Encoding.UTF8.GetBytes(json));

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_401_and_appends_nothing(string kind)
    {
        var settings = api.Services.GetRequiredService<JwtSettings>();
        var token = kind switch
        {
            "expired" => Sign(settings, settings.Key(), expires: DateTime.UtcNow.AddMinutes(-10)),
            "wrong-signature" => Sign(settings, new SymmetricSecurityKey(new byte[64])),
            "wrong-issuer" => Sign(settings, settings.Key(), issuer: "someone-else"),
            "alg-none" => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = settings.Issuer, Audience = settings.Audience, Expires = DateTime.UtcNow.AddHours(1),
                Subject = new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("role", "authority"), new Claim("country", "DE")]),
            }),
            // {"alg":"none"} with a valid payload and an empty signature, built by hand as an attacker would.
            "alg-none-hand-made" => B64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + B64(
                $"{{\"sub\":\"mallory\",\"role\":\"authority\",\"country\":\"DE\",\"iss\":\"{settings.Issuer}\",\"aud\":\"{settings.Audience}\",\"exp\":{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}") + ".",
            "not-yet-valid" => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = settings.Issuer, Audience = settings.Audience, NotBefore = DateTime.UtcNow.AddHours(1), Expires = DateTime.UtcNow.AddHours(2),
                Subject = new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("role", "authority"), new Claim("country", "DE")]),
                SigningCredentials = new SigningCredentials(settings.Key(), SecurityAlgorithms.HmacSha256),
            }),
            "wrong-audience" => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = settings.Issuer, Audience = "another-api", Expires = DateTime.UtcNow.AddHours(1),
                Subject = new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("role", "authority"), new Claim("country", "DE")]),
                SigningCredentials = new SigningCredentials(settings.Key(), SecurityAlgorithms.HmacSha256),
            }),
            // Signed with the right key but an algorithm the API does not accept (only HS256 is valid).
            "alg-hs512" => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = settings.Issuer, Audience = settings.Audience, Expires = DateTime.UtcNow.AddHours(1),
                Subject = new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("role", "authority"), new Claim("country", "DE")]),
                SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(settings.SigningKey + settings.SigningKey)), SecurityAlgorithms.HmacSha512),
            }),
            "no-expiry" => new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = settings.Issuer, Audience = settings.Audience,
                Subject = new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("role", "authority"), new Claim("country", "DE")]),
                SigningCredentials = new SigningCredentials(settings.Key(), SecurityAlgorithms.HmacSha256),
            }),
            // A valid token of a facility whose payload was edited to claim the authority of DE.
            "tampered-claims" => Tamper(api.Services.GetRequiredService<TokenIssuer>().Issue(Roles.Facility, "mallory", facility: "NL-FAC-1")),
            "empty" => "",
            _ => "not-a-jwt",
        };

        var before = await api.EventCountAsync();
        var response = await api.WithToken(token).File(Flows.Eu()).SendAsync();
        await response.ShouldBeProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await api.EventCountAsync());
    }

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace("\"role\":\"facility\"", "\"role\":\"authority\",\"country\":\"DE\"");
        return $"{parts[0]}.{B64(payload)}.{parts[2]}";
    }

    /// <summary>A signed token that lacks a claim its role needs is not a credential: 401, nothing appended.</summary>
    [Theory]
    [InlineData("authority-without-country", "/api/notifications")]
    [InlineData("authority-without-sub", "/api/notifications")]
    [InlineData("facility-without-facility", "/api/shipments/DE-2026-000001-001/receipt")]
    [InlineData("facility-without-sub", "/api/shipments/DE-2026-000001-001/receipt")]
    [InlineData("unknown-role", "/api/notifications")]
    public async Task A_token_missing_a_claim_of_its_role_is_401_and_appends_nothing(string kind, string url)
    {
        var settings = api.Services.GetRequiredService<JwtSettings>();
        Claim[] claims = kind switch
        {
            "authority-without-country" => [new Claim("sub", "bob"), new Claim("role", "authority")],
            "authority-without-sub" => [new Claim("role", "authority"), new Claim("country", "DE")],
            "facility-without-facility" => [new Claim("sub", "bob"), new Claim("role", "facility")],
            "facility-without-sub" => [new Claim("role", "facility"), new Claim("facility", "NL-FAC-ROTTERDAM-1")],
            _ => [new Claim("sub", "bob"), new Claim("role", "superuser"), new Claim("country", "DE")],
        };
        var before = await api.EventCountAsync();
        var body = url.EndsWith("receipt") ? (object)new ConfirmReceipt(TestStart.At(0, 8, 0), 1m, Units.Tonnes) : Flows.Eu();
        await (await api.WithToken(Sign(settings, settings.Key(), claims: claims)).PostJson(url, body)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task An_authority_token_without_a_country_is_refused()
    {
        var settings = api.Services.GetRequiredService<JwtSettings>();
        var token = Sign(settings, settings.Key(), claims: [new Claim("sub", "bob"), new Claim("role", "authority")]);
        await (await api.WithToken(token).File(Flows.Eu()).SendAsync()).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_token_command_prints_a_token_the_api_accepts()
    {
        var output = new StringWriter();
        var previous = TokenCommand.Output;
        TokenCommand.Output = output;
        try
        {
            var ok = await new TokenCommand().Execute(new TokenInput { RoleFlag = "authority", CountryFlag = "DE", SubFlag = "alice" });
            Assert.True(ok);
        }
        finally
        {
            TokenCommand.Output = previous;
        }

        var token = output.ToString().Trim();
        Assert.DoesNotContain('\n', token);
        var jwt = new JsonWebToken(token);
        Assert.Equal("alice", jwt.Subject);
        Assert.Equal("authority", jwt.GetClaim("role").Value);
        Assert.Equal("DE", jwt.GetClaim("country").Value);

        // Accepted: the request gets past authentication to the (absent) notification.
        await (await api.WithToken(token).GetAsync("/api/notifications/DE-2026-999999")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    private string NoDatabase => new Npgsql.NpgsqlConnectionStringBuilder(api.ConnectionString) { Database = "wm_no_such_database" }.ConnectionString;

    [Fact]
    public void The_development_signing_key_is_refused_outside_Development()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            // A database that does not exist: a host that started anyway could not run a second projection
            // daemon on the shared test database (two daemons on one shard stop each other).
            b.UseSetting("ConnectionStrings:Marten", NoDatabase);
            b.UseSetting("Auth:SigningKey", JwtSettings.DevelopmentSigningKey);
        });
        var error = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains("development signing key may not be used in the Production environment", error.ToString());
    }

    [Fact]
    public void A_shifted_procedure_clock_is_refused_outside_Development()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            // A database that does not exist: a host that started anyway could not run a second projection
            // daemon on the shared test database (two daemons on one shard stop each other).
            b.UseSetting("ConnectionStrings:Marten", NoDatabase);
            b.UseSetting("Auth:SigningKey", "a-production-signing-key-of-at-least-thirty-two-bytes");
            b.UseSetting("Clock:Offset", "30.00:00:00");
        });
        var error = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains("Clock:Offset shifts the procedure's time and is refused in the Production environment", error.ToString());
    }
}
