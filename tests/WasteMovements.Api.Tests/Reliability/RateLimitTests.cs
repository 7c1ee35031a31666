using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;
using WasteMovements.Api.Security;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Reliability;

/// <summary>
/// Writes are limited per person (per address without a token): a host of its own, on a database of its own,
/// with a limit of 5 writes per minute so the test reaches it in a few requests.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        JasperFx.CommandLine.JasperFxEnvironment.AutoStartHost = true;
        _database = await TestDatabase.CreateAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("ConnectionStrings:Marten", _database.ConnectionString);
            b.UseSetting("Auth:SigningKey", JwtSettings.DevelopmentSigningKey);
            b.UseSetting("RateLimiting:PermitLimit", "5");
            b.UseSetting("RateLimiting:WindowSeconds", "60");
            b.ConfigureTestServices(services => services.RunWolverineInSoloMode());
        });
        _ = _factory.Server;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    private HttpClient As(string person)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer",
            _factory.Services.GetRequiredService<TokenIssuer>().Issue(Roles.Authority, person, "DE"));
        return client;
    }

    private async Task<long> EventsAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from mt_events where stream_id <> '{ApiFixture.TombstoneStream}'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_sixth_write_in_a_minute_is_a_429_with_Retry_After_and_appends_nothing_others_and_reads_go_on()
    {
        var alice = As("alice.de");
        for (var i = 0; i < 5; i++)
        {
            await alice.File(Samples.Notification()).Created();
        }

        var before = await EventsAsync();
        var limited = await alice.File(Samples.Notification()).SendAsync();
        var problem = await limited.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        Assert.Equal("urn:wastemovements:problem:rate-limited", problem["type"]!.GetValue<string>());
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(before, await EventsAsync());

        // Another person of the same authority has a budget of her own; reads are not limited.
        await As("bob.de").File(Samples.Notification()).Created();
        for (var i = 0; i < 20; i++) await (await alice.GetAsync("/api/notifications?page=1&pageSize=1")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unauthenticated_writes_are_limited_per_address()
    {
        var anonymous = _factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await (await anonymous.File(Samples.Notification()).SendAsync()).ShouldBeProblem(HttpStatusCode.Unauthorized);
        }

        await (await anonymous.File(Samples.Notification()).SendAsync()).ShouldBeProblem(HttpStatusCode.TooManyRequests);
    }
}
