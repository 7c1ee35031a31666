using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WasteMovements.Api.Security;
using WasteMovements.Api.Tests.Infrastructure;
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
        yield return ["wrong-signature"];
        yield return ["wrong-issuer"];
        yield return ["alg-none"];
        yield return ["garbage"];
    }

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
            _ => "not-a-jwt",
        };

        var before = await api.EventCountAsync();
        var response = await api.WithToken(token).PostJson("/api/notifications", Samples.Notification());
        await response.ShouldBeProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task An_authority_token_without_a_country_is_refused()
    {
        var settings = api.Services.GetRequiredService<JwtSettings>();
        var token = Sign(settings, settings.Key(), claims: [new Claim("sub", "bob"), new Claim("role", "authority")]);
        await (await api.WithToken(token).PostJson("/api/notifications", Samples.Notification())).ShouldBeProblem(HttpStatusCode.Forbidden);
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

    [Fact]
    public void The_development_signing_key_is_refused_outside_Development()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:Marten", api.ConnectionString);
            b.UseSetting("Auth:SigningKey", JwtSettings.DevelopmentSigningKey);
        });
        var error = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains("development signing key may not be used in the Production environment", error.ToString());
    }
}
