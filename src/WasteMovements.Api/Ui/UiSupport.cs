using System.Globalization;
using WasteMovements.Domain.Common;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
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
/// The web interface's identity: the session (UiSession) holds an access token, and the person is whoever the API
/// itself takes that token for: the same schemes, provider claim handling and claims transformation, run on the
/// token as if it came in an Authorization header. The API routes accept tokens only in that header, so the
/// session cookie cannot be used for cross-site requests against them.
/// </summary>
public sealed class UiIdentity
{
    public sealed record Session(ClaimsPrincipal? User, string? Token, string? Provider)
    {
        /// <summary>A session whose token the API no longer accepts (expired, or its key rotated out).</summary>
        public bool Stale => Token is not null && User is null;
    }

    public async Task<Session> FromSessionAsync(HttpContext http)
    {
        var session = await http.AuthenticateAsync(UiSession.Scheme);
        if (!session.Succeeded) return new Session(null, null, null);
        var token = session.Properties.GetTokenValue("access_token");
        var provider = session.Properties.Items.TryGetValue(UiSession.ProviderItem, out var name) ? name : null;
        return new Session(await ApiUserAsync(http, token), token, provider);
    }

    /// <summary>The caller the API sees for this bearer token, or null when the API would refuse it.</summary>
    public static async Task<ClaimsPrincipal?> ApiUserAsync(HttpContext http, string? token)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        // Its own scope: authentication handlers are cached per scope and bound to one HttpContext.
        await using var scope = http.RequestServices.CreateAsyncScope();
        var probe = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        probe.Request.Headers.Authorization = "Bearer " + token;
        var result = await probe.AuthenticateAsync(IdentityProviders.ApiScheme);
        return result.Succeeded ? result.Principal : null;
    }
}

/// <summary>
/// An answer of the API as the pages read it: on success the body as the record the API answered with
/// (<see cref="As{T}"/>, read with the API's own JSON options), on refusal the RFC 9457 problem with its field errors.
/// </summary>
public sealed record ApiResult(int Status, string? ContentType, byte[]? Bytes, JsonSerializerOptions Json)
{
    public bool Ok => Status is >= 200 and < 300;

    private bool IsJson => ContentType is not null && ContentType.Contains("json") && Bytes is { Length: > 0 };

    /// <summary>The body as the API's answer record, e.g. <c>NotificationState</c>; null when the call failed or answered no JSON.</summary>
    public T? As<T>() where T : class => Ok && IsJson ? JsonSerializer.Deserialize<T>(Bytes, Json) : null;

    /// <summary>The problem of a refusal: RFC 9457, with the field errors of a validation problem.</summary>
    public ProblemDetails? Problem => ReadProblem();

    private ProblemDetails? ReadProblem()
    {
        if (Ok || !IsJson) return null;
        try
        {
            return JsonSerializer.Deserialize<HttpValidationProblemDetails>(Bytes, Json);
        }
        catch (JsonException)
        {
            // errors not in the validation shape: the problem without them
        }

        try
        {
            return JsonSerializer.Deserialize<ProblemDetails>(Bytes, Json);
        }
        catch (JsonException)
        {
            return null; // JSON that is not a problem: the status alone is shown
        }
    }

    public string? Title => Problem?.Title;
    public string? Detail => Problem?.Detail;
    public string? Rule => Problem?.Extensions.TryGetValue("rule", out var rule) == true ? rule?.ToString() : null;

    public IReadOnlyDictionary<string, string[]> Errors =>
        (Problem as HttpValidationProblemDetails)?.Errors.AsReadOnly() ?? new Dictionary<string, string[]>().AsReadOnly();

    /// <summary>The refusal as a person reads it: the rule's detail (with its article), or the field errors.</summary>
    public string Message => Detail ?? Title ?? $"HTTP {Status}";
}

/// <summary>
/// Calls this host's own HTTP API on loopback with the signed-in user's token, so the pages go through the
/// very same endpoints, validation and rules as any other client (no second copy of a rule). Bodies are written
/// and answers read with the JSON options the API itself uses (Program.cs, ConfigureHttpJsonOptions).
/// </summary>
public sealed class ApiClient(IHttpClientFactory factory, IServer server, IConfiguration configuration, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private JsonSerializerOptions Json => json.Value.SerializerOptions;

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

    /// <summary>A CSV upload (POST /api/uploads/{kind}) with its Upload-Id, as any client sends it.</summary>
    public async Task<ApiResult> PostCsvAsync(string? token, string path, string csv, string uploadId, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv") };
        request.Headers.Add("Upload-Id", uploadId);
        using var response = await Client(token).SendAsync(request, ct);
        return await Read(response, ct);
    }

    /// <summary>A file sent as the body with its own content type (POST /api/reports/mirror/partner-figures: text/csv or application/json).</summary>
    public async Task<ApiResult> PostFileAsync(string? token, string path, string text, string contentType, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(text, System.Text.Encoding.UTF8, contentType) };
        using var response = await Client(token).SendAsync(request, ct);
        return await Read(response, ct);
    }

    private async Task<ApiResult> Read(HttpResponseMessage response, CancellationToken ct) =>
        new((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync(ct), Json);
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
        var session = await identity.FromSessionAsync(HttpContext);
        if (session.User is null)
        {
            var returnUrl = Request.Path + Request.QueryString;
            // An expired provider token: through that provider's sign-in again (no refresh tokens are kept).
            context.Result = session.Stale && session.Provider is { } provider
                ? RedirectToPage("/SignIn", "Provider", new { provider, returnUrl })
                : RedirectToPage("/SignIn", new { returnUrl });
            return;
        }

        Token = session.Token;
        Me = ActorClaims.From(session.User);
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
        ActorRole.Undertaking => $"Undertaking {Me.Undertaking} ({Me.Person})",
        _ => $"{Me.Role.ToString().ToLowerInvariant()} ({Me.Person})",
    };
}

/// <summary>How the pages write the values of the API's records: as the API spells them in its JSON.</summary>
public static class Show
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>An enum value as the API writes it (camelCase): <c>PartiallyConsented</c> is "partiallyConsented".</summary>
    public static string Name<T>(this T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string Name<T>(this T? value) where T : struct, Enum => value is { } v ? v.Name() : "";

    /// <summary>An instant as the pages show it: "yyyy-MM-dd HH:mm UTC"; nothing when there is none.</summary>
    public static string Date(this DateTimeOffset instant) => instant.ToString("yyyy-MM-dd HH:mm", Invariant) + " UTC";

    public static string Date(this DateTimeOffset? instant) => instant is { } t ? t.Date() : "";

    /// <summary>A day as the API writes it (yyyy-MM-dd).</summary>
    public static string Day(this DateOnly day) => day.ToString("yyyy-MM-dd", Invariant);

    public static string Day(this DateOnly? day) => day is { } d ? d.Day() : "";

    /// <summary>A quantity or amount as the API writes it (invariant, with its scale).</summary>
    public static string Number(this decimal value) => value.ToString(Invariant);

    public static string Number(this decimal? value) => value is { } v ? v.Number() : "";

    public static string Human(this string camel) =>
        string.Concat(camel.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
