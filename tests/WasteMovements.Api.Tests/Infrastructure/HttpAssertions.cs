using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WasteMovements.Api.Tests.Infrastructure;

public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

public static class HttpAssertions
{
    public static Task<HttpResponseMessage> PostJson<T>(this HttpClient client, string url, T body) =>
        client.PostAsJsonAsync(url, body, Json.Options);

    public static async Task<JsonNode> ReadJson(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty body");

    /// <summary>Asserts an RFC 9457 problem with the status; returns the problem body.</summary>
    public static async Task<JsonNode> ShouldBeProblem(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["type"]?.GetValue<string>()), "problem has a type");
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()), "problem has a title");
        return problem;
    }

    /// <summary>
    /// The one assertion of a refusal: an RFC 9457 problem with the status naming the rule and, where given, the
    /// article (as the <c>article</c> member and in the detail a person reads). Returns the problem body.
    /// </summary>
    public static async Task<JsonNode> ShouldBeRefused(this HttpResponseMessage response, HttpStatusCode status, string rule, string? article = null)
    {
        var problem = await response.ShouldBeProblem(status);
        Assert.Equal(rule, problem["rule"]?.GetValue<string>());
        if (article is not null)
        {
            Assert.Equal(article, problem["article"]?.GetValue<string>());
            Assert.Contains(article, problem["detail"]!.GetValue<string>());
        }

        return problem;
    }

    public static async Task<JsonNode> ShouldBe(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }
}
