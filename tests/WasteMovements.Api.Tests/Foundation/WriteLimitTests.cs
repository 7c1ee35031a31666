using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WasteMovements.Api.Security;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Tests.Support;
using Wolverine;

namespace WasteMovements.Api.Tests.Foundation;

/// <summary>Per-identity write rate limiting (429 with Retry-After) and the request body limit (413), on a host with small limits.</summary>
[Collection(ApiCollection.Name)]
public sealed class WriteLimitTests(ApiFixture api)
{
    private WebApplicationFactory<Program> LimitedHost() => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Testing");
        b.UseSetting("ConnectionStrings:Marten", api.ConnectionString);
        b.UseSetting("Auth:SigningKey", JwtSettings.DevelopmentSigningKey);
        b.UseSetting("RateLimiting:WritesPerPeriod", "1");
        b.UseSetting("RateLimiting:PeriodSeconds", "3600"); // no replenishment during the test
        b.UseSetting("RateLimiting:Burst", "3");
        b.UseSetting("RateLimiting:MaxRequestBodyBytes", "65536");
        b.ConfigureServices(services => services.RunWolverineInSoloMode());
    });

    private static HttpClient As(WebApplicationFactory<Program> host, string country, string person)
    {
        var client = host.CreateClient();
        var token = host.Services.GetRequiredService<TokenIssuer>().Issue(Roles.Authority, person, country);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Writes_beyond_the_identitys_budget_are_429_with_Retry_After_and_append_nothing()
    {
        await using var host = LimitedHost();
        var client = As(host, "MY", "busy.officer");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await client.PostJson("/api/notifications", Samples.Notification("MY", "JP"))).StatusCode);
        }

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Created)); // the burst
        var before = await api.EventCountAsync();
        var limited = await client.PostJson("/api/notifications", Samples.Notification("MY", "JP"));
        var problem = await limited.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        Assert.Equal("urn:wastemovements:problem:too-many-requests", problem["type"]!.GetValue<string>());
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal(before, await api.EventCountAsync());

        // Another identity has its own budget, and reads are not limited.
        await (await As(host, "MY", "other.officer").PostJson("/api/notifications", Samples.Notification("MY", "JP"))).ShouldBe(HttpStatusCode.Created);
        for (var i = 0; i < 5; i++) await (await client.GetAsync("/api/notifications?pageSize=1")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_appends_nothing()
    {
        await using var host = LimitedHost();
        var before = await api.EventCountAsync();
        var sample = Samples.Notification("MY", "JP");
        var huge = sample with { ReasonForExport = new string('x', 100_000) };
        var response = await As(host, "MY", "large.officer").PostJson("/api/notifications", huge);
        var problem = await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("urn:wastemovements:problem:body-too-large", problem["type"]!.GetValue<string>());
        Assert.Equal(before, await api.EventCountAsync());
    }
}
