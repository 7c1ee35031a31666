using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using WasteMovements.Api.Security;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.TestIdentityProvider;
using Provider = WasteMovements.TestIdentityProvider.TestIdentityProvider;

namespace WasteMovements.Api.Tests.IdentityProviders;

/// <summary>
/// The API on its own database with three OpenID Connect providers configured, each a real provider running in
/// this process on a 127.0.0.1 port (tests/WasteMovements.TestIdentityProvider): "moe" (RS256, people by claim
/// mapping), "rotating" (ES256, claim mapping; its key is rotated by one test alone, so no other test moves its
/// key cache) and "ministry" (people by assignments). A fourth, "stranger", is running but not configured.
/// </summary>
public sealed class ProviderFixture : IAsyncLifetime
{
    public Provider Moe { get; private set; } = null!;
    public Provider Rotating { get; private set; } = null!;
    public Provider Ministry { get; private set; } = null!;
    public Provider Stranger { get; private set; } = null!;
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    private TestDatabase? _database;
    public string ConnectionString => _database!.ConnectionString;

    public async Task InitializeAsync()
    {
        JasperFx.CommandLine.JasperFxEnvironment.AutoStartHost = true;
        Moe = await Provider.StartAsync("moe", []);
        Rotating = await Provider.StartAsync("rotating", [], Microsoft.IdentityModel.Tokens.SecurityAlgorithms.EcdsaSha256);
        Ministry = await Provider.StartAsync("ministry", []);
        Stranger = await Provider.StartAsync("stranger", []);
        _database = await TestDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Marten"] = _database.ConnectionString,
            ["Auth:SigningKey"] = JwtSettings.DevelopmentSigningKey,
            ["RateLimiting:Enabled"] = "false",
            ["Demo:Seed"] = "false",
        };
        var index = 0;
        foreach (var (provider, people) in new[] { (Moe, "ClaimMapping"), (Rotating, "ClaimMapping"), (Ministry, "Assignments") })
        {
            var prefix = $"Auth:Providers:{index++}:";
            settings[prefix + "Name"] = provider.Name;
            settings[prefix + "Authority"] = provider.Issuer;
            settings[prefix + "Audience"] = Provider.Audience;
            settings[prefix + "People"] = people;
            // A token with a key the API does not hold looks the keys up again at once (the least interval).
            settings[prefix + "UnknownKeyRefreshSeconds"] = "1";
        }

        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.ConfigureTestServices(services => services.RunWolverineInSoloMode());
        });
        _ = Factory.Server;
    }

    public HttpClient WithToken(string token)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>An authority of <paramref name="country"/> as <paramref name="provider"/> asserts it (wm_role, wm_country).</summary>
    public static Task<string> AuthorityToken(Provider provider, string country, string subject = "officer", string? audience = null, TimeSpan? lifetime = null) =>
        provider.IssueAsync($"{subject}.{country.ToLowerInvariant()}", new Dictionary<string, string> { ["wm_role"] = Roles.Authority, ["wm_country"] = country }, audience, lifetime);

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        foreach (var provider in new[] { Moe, Rotating, Ministry, Stranger }) if (provider is not null) await provider.DisposeAsync();
    }
}
