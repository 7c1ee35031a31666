using System.Net;
using WasteMovements.Api.Tests.Infrastructure;

namespace WasteMovements.Api.Tests.Foundation;

[Collection(ApiCollection.Name)]
public sealed class HostTests(ApiFixture api)
{
    [Fact]
    public async Task Health_reports_the_database_ready()
    {
        var body = await (await api.Anonymous().GetAsync("/health")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("healthy", body["status"]!.GetValue<string>());
        Assert.Equal("healthy", body["checks"]!["database"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_routes()
    {
        var body = await (await api.Anonymous().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var paths = body["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/notifications"), paths.ToJsonString());
        Assert.True(paths.ContainsKey("/api/notifications/{number}"));
    }

    [Fact]
    public async Task Code_lists_are_served_with_their_sources()
    {
        var client = api.Anonymous();
        var y = await (await client.GetAsync("/api/code-lists/y-codes")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(49, y["entries"]!.AsArray().Count);
        Assert.NotEmpty(y["sources"]!.AsArray());
        Assert.NotNull(y["compiled"]);

        foreach (var list in new[] { "h-codes", "operations", "basel-a", "basel-b", "countries" })
        {
            await (await client.GetAsync($"/api/code-lists/{list}")).ShouldBe(HttpStatusCode.OK);
        }

        await (await client.GetAsync("/api/code-lists/z-codes")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Responses_carry_the_correlation_id()
    {
        var client = api.Anonymous();
        client.DefaultRequestHeaders.Add("X-Correlation-Id", "abc-123");
        var response = await client.GetAsync("/health");
        Assert.Equal("abc-123", response.Headers.GetValues("X-Correlation-Id").Single());
    }
}
