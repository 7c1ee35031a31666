using WasteMovements.Domain.Common;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using WasteMovements.Api.Security;

namespace WasteMovements.Api.Ui;

/// <summary>
/// The web interface's identity: the same JWT as the API, kept in an HttpOnly cookie and validated with
/// the API's own token parameters. The API routes themselves accept the token only in the Authorization
/// header, so the cookie cannot be used for cross-site requests against them.
/// </summary>
public sealed class UiIdentity(IOptionsMonitor<JwtBearerOptions> jwt)
{
    public const string Cookie = "wm_token";

    public async Task<(ClaimsPrincipal? User, string? Token)> FromCookieAsync(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(Cookie, out var token) || string.IsNullOrWhiteSpace(token)) return (null, null);
        var parameters = jwt.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
        return result.IsValid ? (new ClaimsPrincipal(result.ClaimsIdentity), token) : (null, null);
    }

    public static void SignIn(HttpResponse response, string token) =>
        response.Cookies.Append(Cookie, token, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = response.HttpContext.Request.IsHttps, Path = "/ui",
        });

    public static void SignOut(HttpResponse response) => response.Cookies.Delete(Cookie, new CookieOptions { Path = "/ui" });
}

/// <summary>An answer of the API as the pages show it: the JSON body, or the problem with its field errors.</summary>
public sealed record ApiResult(int Status, JsonNode? Body, string? ContentType, byte[]? Bytes)
{
    public bool Ok => Status is >= 200 and < 300;
    public string? Title => Body?["title"]?.GetValue<string>();
    public string? Detail => Body?["detail"]?.GetValue<string>();
    public string? Rule => Body?["rule"]?.GetValue<string>();

    public IReadOnlyDictionary<string, string[]> Errors =>
        Body?["errors"] is JsonObject errors
            ? errors.ToDictionary(e => e.Key, e => e.Value is JsonArray a ? a.Select(x => x!.GetValue<string>()).ToArray() : [e.Value?.ToString() ?? ""])
            : new Dictionary<string, string[]>();

    /// <summary>The refusal as a person reads it: the rule's detail (with its article), or the field errors.</summary>
    public string Message => Detail ?? Title ?? $"HTTP {Status}";
}

/// <summary>
/// Calls this host's own HTTP API on loopback with the signed-in user's token, so the pages go through the
/// very same endpoints, validation and rules as any other client (no second copy of a rule).
/// </summary>
public sealed class ApiClient(IHttpClientFactory factory, IServer server, IConfiguration configuration)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private HttpClient Client(string? token)
    {
        var client = factory.CreateClient("ui-api");
        var address = configuration["Ui:ApiBaseUrl"] ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        client.BaseAddress = new Uri(address.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1").Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1"));
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<ApiResult> GetAsync(string? token, string path, CancellationToken ct = default)
    {
        using var response = await Client(token).GetAsync(path, ct);
        return await Read(response, ct);
    }

    public async Task<ApiResult> PostAsync(string? token, string path, object? body, CancellationToken ct = default)
    {
        using var response = await Client(token).PostAsJsonAsync(path, body ?? new { }, Json, ct);
        return await Read(response, ct);
    }

    private static async Task<ApiResult> Read(HttpResponseMessage response, CancellationToken ct)
    {
        var type = response.Content.Headers.ContentType?.MediaType;
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        JsonNode? body = null;
        if (type is not null && type.Contains("json") && bytes.Length > 0) body = JsonNode.Parse(bytes);
        return new ApiResult((int)response.StatusCode, body, type, bytes);
    }
}

/// <summary>Base of the signed-in pages: the user from the cookie, the API client, and the outcome of the last action.</summary>
public abstract class UiPage(UiIdentity identity, ApiClient api) : PageModel
{
    protected ApiClient Api => api;
    public string? Token { get; private set; }
    public Actor Me { get; private set; } = new("anonymous", ActorRole.Anonymous);

    [TempData] public string? Flash { get; set; }
    public ApiResult? Failure { get; protected set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var (user, token) = await identity.FromCookieAsync(HttpContext);
        if (user is null)
        {
            context.Result = RedirectToPage("/SignIn", new { returnUrl = Request.Path + Request.QueryString });
            return;
        }

        Token = token;
        Me = ActorClaims.From(user);
        await next();
    }

    protected Task<ApiResult> Get(string path) => api.GetAsync(Token, path, HttpContext.RequestAborted);
    protected Task<ApiResult> Post(string path, object? body = null) => api.PostAsync(Token, path, body, HttpContext.RequestAborted);

    /// <summary>Runs an action through the API; on success redirects with a message, on refusal shows the rule.</summary>
    protected async Task<IActionResult> Act(string path, object? body, string done, Func<Task<IActionResult>> reload)
    {
        var result = await Post(path, body);
        if (result.Ok)
        {
            Flash = done;
            return RedirectToPage();
        }

        Failure = result;
        return await reload();
    }

    public string Who => Me.Role switch
    {
        ActorRole.Authority => $"Competent authority {Me.Country} ({Me.Person})",
        ActorRole.Facility => $"Facility {Me.Facility} ({Me.Person})",
        _ => $"{Me.Role.ToString().ToLowerInvariant()} ({Me.Person})",
    };
}

public static class Json
{
    public static string S(this JsonNode? node, string path)
    {
        JsonNode? current = node;
        foreach (var part in path.Split('.')) current = current?[part];
        return current switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => current.ToJsonString(),
        };
    }

    public static JsonArray A(this JsonNode? node, string path)
    {
        JsonNode? current = node;
        foreach (var part in path.Split('.')) current = current?[part];
        return current as JsonArray ?? [];
    }

    public static string Date(this JsonNode? node, string path) =>
        DateTimeOffset.TryParse(node.S(path), out var t) ? t.ToString("yyyy-MM-dd HH:mm") + " UTC" : node.S(path);

    public static string Human(this string camel) =>
        string.Concat(camel.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
