using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WasteMovements.Api.OpenApi;
using WasteMovements.Api.Tests.Infrastructure;

namespace WasteMovements.Api.Tests.Contract;

/// <summary>
/// The OpenAPI document is the public contract: committed as docs/openapi/v1.json (a change of the API shows up in review,
/// and the typed client of tests/WasteMovements.Api.Client is generated from it), and it must describe every route:
/// summary, description, tag, roles, success schema, every problem status with the Problem schema, and the headers.
/// After a deliberate change of the API: <c>WM_UPDATE_CONTRACT=1 dotnet test --filter FullyQualifiedName~Contract</c>
/// rewrites the committed files; review the diff.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class OpenApiContractTests(ApiFixture api)
{
    private async Task<string> ServedAsync()
    {
        var response = await api.Anonymous().GetAsync(OpenApiSetup.DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await response.Content.ReadAsStringAsync()).ReplaceLineEndings("\n").TrimEnd() + "\n";
        Repository.Write(Repository.ServedCopyPath, text);
        return text;
    }

    private async Task<JsonObject> DocumentAsync() => JsonNode.Parse(await ServedAsync())!.AsObject();

    [Fact]
    public async Task The_served_document_is_the_committed_contract()
    {
        var served = await ServedAsync();
        if (Repository.Updating) Repository.Write(Repository.ContractPath, served);
        var committed = File.Exists(Repository.PathOf(Repository.ContractPath)) ? Repository.Read(Repository.ContractPath) : "";
        Assert.True(committed == served,
            $"The API no longer matches {Repository.ContractPath} ({Repository.FirstDifference(committed, served)}). If the change is meant, " +
            "rewrite the contract with WM_UPDATE_CONTRACT=1 dotnet test --filter FullyQualifiedName~Contract, review the diff (clients depend on it) and commit it.");
    }

    [Fact]
    public void The_problem_types_document_is_the_catalogue()
    {
        var expected = "<!-- Written from src/WasteMovements.Api/OpenApi/ProblemTypes.cs by OpenApiContractTests (WM_UPDATE_CONTRACT=1); do not edit by hand. -->\n\n" +
                       ProblemTypes.Markdown("#").ReplaceLineEndings("\n");
        if (Repository.Updating) Repository.Write(Repository.ProblemTypesPath, expected);
        var committed = File.Exists(Repository.PathOf(Repository.ProblemTypesPath)) ? Repository.Read(Repository.ProblemTypesPath) : "";
        Assert.True(committed == expected, $"{Repository.ProblemTypesPath} is stale ({Repository.FirstDifference(committed, expected)}); rewrite it with WM_UPDATE_CONTRACT=1.");
    }

    [Fact]
    public async Task Every_route_has_a_catalogue_entry_and_every_entry_a_route()
    {
        var document = await DocumentAsync();
        var ids = Operations(document).Select(o => o.Operation["operationId"]?.GetValue<string>()).ToHashSet();
        var names = ApiOperations.All.Select(o => o.Name).ToHashSet();
        Assert.Empty(ids.Except(names));
        Assert.Empty(names.Except(ids!));
    }

    [Fact]
    public async Task Every_operation_says_what_it_does_who_may_call_it_and_everything_it_answers()
    {
        var document = await DocumentAsync();
        var tags = document["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToHashSet();
        var problems = new List<string>();
        foreach (var (method, path, op) in Operations(document))
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            if (string.IsNullOrWhiteSpace(op["summary"]?.GetValue<string>()) || op["summary"]!.GetValue<string>().Contains('_')) problems.Add($"{where}: no summary");
            if (string.IsNullOrWhiteSpace(op["description"]?.GetValue<string>())) problems.Add($"{where}: no description");
            var opTags = op["tags"]?.AsArray().Select(t => t!.GetValue<string>()).ToList() ?? [];
            if (opTags.Count != 1 || !tags.Contains(opTags[0])) problems.Add($"{where}: tag {string.Join(",", opTags)} is not one of the document's tags");
            if (op["security"] is not JsonArray { Count: > 0 }) problems.Add($"{where}: no security requirement");

            var responses = op["responses"]!.AsObject();
            var successes = responses.Where(r => r.Key.StartsWith('2')).ToList();
            if (successes.Count != 1) problems.Add($"{where}: {successes.Count} success responses");
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                var resolved = Resolve(document, response!);
                if (resolved["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>() != "#/components/schemas/Problem")
                {
                    problems.Add($"{where}: {status} is not a Problem");
                }

                if (resolved["content"]?["application/problem+json"]?["examples"] is not JsonObject { Count: > 0 }) problems.Add($"{where}: {status} has no example");
            }

            var statuses = responses.Select(r => r.Key).ToHashSet();
            var secured = op["x-roles"]!.AsArray().Count > 0;
            if (secured && !(statuses.Contains("401") && statuses.Contains("403"))) problems.Add($"{where}: secured but no 401/403");
            if (!statuses.Contains("503") && path != "/api/code-lists/{list}") problems.Add($"{where}: no 503");
            var headers = (op["parameters"]?.AsArray() ?? []).Select(p => p!["$ref"]?.GetValue<string>() ?? p!["name"]!.GetValue<string>()).ToList();
            if (method != "get")
            {
                foreach (var expected in new[] { "400", "409", "413", "422", "429" })
                {
                    if (!statuses.Contains(expected)) problems.Add($"{where}: a write without {expected}");
                }

                if (!headers.Contains("#/components/parameters/Idempotency-Key")) problems.Add($"{where}: a write without Idempotency-Key");
            }

            if (headers.Contains("#/components/parameters/If-Match") != statuses.Contains("412")) problems.Add($"{where}: If-Match and 412 do not go together");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_document_has_no_empty_schemas_and_no_trace_of_the_write_pipeline()
    {
        var text = await ServedAsync();
        Assert.DoesNotContain("IResult", text);
        Assert.DoesNotContain("StepWriter", text);
        Assert.DoesNotContain("_api_", text);
        var document = JsonNode.Parse(text)!;
        var empty = new List<string>();
        Walk(document, "", (node, path) =>
        {
            if (node is JsonObject o && IsSchemaPosition(path))
            {
                var type = o["type"];
                if (o.Count == 0 && !path.EndsWith("/JsonElement", StringComparison.Ordinal)) empty.Add(path);
                var isArray = type is JsonValue v ? v.GetValue<string>() == "array" : type is JsonArray a && a.Any(t => t!.GetValue<string>() == "array");
                if (isArray && o["items"] is null) empty.Add(path + " (array without items)");
            }
        });
        Assert.True(empty.Count == 0, string.Join("\n", empty));
    }

    [Fact]
    public async Task The_reference_is_served_by_this_host_with_no_external_asset()
    {
        var client = api.Anonymous();
        var page = await client.GetAsync(OpenApiSetup.ReferencePath + "/index.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var assets = AssetReference().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            Assert.DoesNotMatch("^(https?:)?//", asset);
            var url = asset.StartsWith('/') ? asset : $"{OpenApiSetup.ReferencePath}/{asset.TrimStart('.', '/')}";
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        }

        var config = await (await client.GetAsync(OpenApiSetup.ReferencePath + "/index.js")).Content.ReadAsStringAsync();
        Assert.Contains(OpenApiSetup.DocumentPath, config);
        Assert.Contains("\"validatorUrl\":\"none\"", config.Replace(" ", ""));

        var old = await new HttpClient(api.Factory.Server.CreateHandler()) { BaseAddress = api.Factory.Server.BaseAddress }.GetAsync("/api.html");
        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        Assert.Equal(OpenApiSetup.ReferencePath, old.Headers.Location?.ToString());
    }

    [GeneratedRegex("""(?:src|href)="([^"]+)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex AssetReference();

    private static IEnumerable<(string Method, string Path, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => (m.Key, p.Key, m.Value!.AsObject())));

    private static JsonNode Resolve(JsonObject document, JsonNode node)
    {
        if (node["$ref"]?.GetValue<string>() is not { } reference) return node;
        JsonNode current = document;
        foreach (var part in reference.TrimStart('#', '/').Split('/')) current = current[part]!;
        return current;
    }

    private static bool IsSchemaPosition(string path) =>
        path.EndsWith("/schema", StringComparison.Ordinal) || path.EndsWith("/items", StringComparison.Ordinal)
        || Regex.IsMatch(path, "/properties/[^/]+$") || Regex.IsMatch(path, "^/components/schemas/[^/]+$");

    private static void Walk(JsonNode? node, string path, Action<JsonNode, string> visit)
    {
        if (node is null) return;
        visit(node, path);
        if (node is JsonObject o) foreach (var (key, value) in o) Walk(value, $"{path}/{key}", visit);
        else if (node is JsonArray a) for (var i = 0; i < a.Count; i++) Walk(a[i], $"{path}[{i}]", visit);
    }
}
