using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace WasteMovements.TestIdentityProvider;

/// <summary>A person who can sign in at the test provider's login page, with the claims the provider asserts.</summary>
public sealed record TestPerson(string Username, string Name, IReadOnlyDictionary<string, string> Claims);

/// <summary>
/// An OpenID Connect provider for the tests: OpenIddict's server on Kestrel at a free 127.0.0.1 port, issuing
/// tokens only through its real endpoints (discovery, JWKS, authorization code + PKCE with a login page,
/// client credentials, end session). Degraded mode: the one browser client and the one test client are checked
/// in code instead of a database (a test fixture has nothing to persist; decision 0017). Its signing key can be
/// rotated while it runs (<see cref="RotateSigningKey"/>): the JWKS then publishes only the new key.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    /// <summary>The web interface's client: public, authorization code with PKCE.</summary>
    public const string BrowserClientId = "wastemovements-ui";
    /// <summary>The API tests' client: confidential, client credentials; the request names the claims to assert.</summary>
    public const string TestClientId = "wastemovements-tests";
    public const string TestClientSecret = "wastemovements-tests-secret";
    public const string Audience = "wastemovements-api";
    private const string LoginScheme = "test-idp-login";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TestPerson> _people;
    private readonly ConcurrentBag<string> _redirectUris = [];
    private OpenIddictServerOptions _options = null!;

    public string Issuer { get; }
    public string Name { get; }

    /// <summary>The key id of the key the provider signs with now.</summary>
    public string SigningKeyId => _options.SigningCredentials[0].Key.KeyId;

    private TestIdentityProvider(WebApplication app, string issuer, string name, IEnumerable<TestPerson> people)
    {
        _app = app;
        Issuer = issuer;
        Name = name;
        _people = new ConcurrentDictionary<string, TestPerson>(people.ToDictionary(p => p.Username));
    }

    /// <summary>Starts a provider; <paramref name="algorithm"/> is RS256 or ES256 (the algorithms the API accepts).</summary>
    public static async Task<TestIdentityProvider> StartAsync(string name, IEnumerable<TestPerson> people, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var port = FreePort();
        var issuer = $"http://127.0.0.1:{port}/";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        TestIdentityProvider? provider = null;
        builder.Services.AddAuthentication(LoginScheme).AddCookie(LoginScheme, options =>
        {
            options.LoginPath = "/login";
            options.Cookie.Name = $"test_idp_{port}";
        });
        builder.Services.AddAuthorization();
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetIssuer(new Uri(issuer));
            options.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetEndSessionEndpointUris("connect/logout");
            options.AllowAuthorizationCodeFlow().AllowClientCredentialsFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.OpenId, Scopes.Profile);
            // Tokens are JWS the API can read; codes are encrypted with an ephemeral key (no store in degraded mode).
            options.DisableAccessTokenEncryption();
            options.AddEphemeralEncryptionKey();
            options.AddSigningCredentials(NewSigningCredentials(algorithm));
            options.EnableDegradedMode();
            options.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough()
                .DisableTransportSecurityRequirement();

            options.AddEventHandler<ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != BrowserClientId) context.Reject(Errors.InvalidClient, "Unknown client.");
                else if (context.RedirectUri is null || !provider!._redirectUris.Contains(context.RedirectUri)) context.Reject(Errors.InvalidRequest, "Unregistered redirect_uri.");
                return default;
            }));
            options.AddEventHandler<ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.Request.IsAuthorizationCodeGrantType() && context.ClientId != BrowserClientId) context.Reject(Errors.InvalidClient, "Unknown client.");
                else if (context.Request.IsClientCredentialsGrantType() && (context.ClientId != TestClientId || context.Request.ClientSecret != TestClientSecret))
                    context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                return default;
            }));
            options.AddEventHandler<ValidateEndSessionRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is { } uri && !provider!._redirectUris.Any(r => SameOrigin(r, uri))) context.Reject(Errors.InvalidRequest, "Unregistered post_logout_redirect_uri.");
                return default;
            }));
        });

        var app = builder.Build();
        provider = new TestIdentityProvider(app, issuer, name, people);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/login", (string? returnUrl) => Results.Content(LoginPage(name, returnUrl ?? "/", null), "text/html"));
        app.MapPost("/login", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            var returnUrl = form["returnUrl"].ToString();
            if (!provider._people.TryGetValue(form["username"].ToString(), out var person))
                return Results.Content(LoginPage(name, returnUrl, "Unknown user."), "text/html", statusCode: 401);
            var identity = new ClaimsIdentity([new Claim(Claims.Subject, person.Username)], LoginScheme);
            await http.SignInAsync(LoginScheme, new ClaimsPrincipal(identity));
            return Results.Redirect(returnUrl.StartsWith("/connect/", StringComparison.Ordinal) ? returnUrl : "/");
        }).DisableAntiforgery();
        app.MapMethods("/connect/authorize", ["GET", "POST"], async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            var login = await http.AuthenticateAsync(LoginScheme);
            if (!login.Succeeded || !provider._people.TryGetValue(login.Principal.FindFirst(Claims.Subject)!.Value, out var person))
                return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + http.Request.QueryString }, [LoginScheme]);
            var principal = provider.PrincipalOf(person.Username, person.Name, person.Claims);
            principal.SetScopes(request.GetScopes());
            return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapPost("/connect/token", async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            if (request.IsAuthorizationCodeGrantType())
            {
                var code = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
                var sub = code.Principal!.FindFirst(Claims.Subject)!.Value;
                var person = provider._people[sub];
                var principal = provider.PrincipalOf(person.Username, person.Name, person.Claims);
                principal.SetScopes(code.Principal.GetScopes());
                return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            }

            // Client credentials for the API tests: the request says whom the token describes (sub, wm_* claims),
            // for which audience and how long it lives (a negative lifetime gives an expired token, no sleeping).
            var claims = request.GetParameters()
                .Where(p => p.Key.StartsWith("wm_", StringComparison.Ordinal) || p.Key == "role" || p.Key == "country" || p.Key == "facility" || p.Key == "undertaking")
                .ToDictionary(p => p.Key, p => (string)p.Value!);
            var machine = provider.PrincipalOf((string?)request["sub"] ?? "test-client", (string?)request["name"] ?? "Test client", claims,
                (string?)request["test_audience"] ?? Audience);
            if ((string?)request["lifetime_seconds"] is { } seconds) machine.SetAccessTokenLifetime(TimeSpan.FromSeconds(int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)));
            return Results.SignIn(machine, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapMethods("/connect/logout", ["GET", "POST"], async (HttpContext http) =>
        {
            await http.SignOutAsync(LoginScheme);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
        app.MapGet("/", () => Results.Content($"<!doctype html><title>{name}</title><p>Signed out of {HtmlEncoder.Default.Encode(name)}.</p>", "text/html"));

        await app.StartAsync();
        provider._options = app.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;
        return provider;
    }

    /// <summary>Lets the web interface at <paramref name="redirectUri"/> (its OIDC callback) sign in here.</summary>
    public void AllowRedirect(string redirectUri) => _redirectUris.Add(redirectUri);

    public void AddPerson(TestPerson person) => _people[person.Username] = person;

    /// <summary>
    /// Rotation as a provider does it: signs with a new key from now on and drops the old one from the JWKS, so
    /// tokens signed with the old key can no longer be checked by anyone who refreshes the keys.
    /// </summary>
    public string RotateSigningKey(string algorithm = SecurityAlgorithms.EcdsaSha256)
    {
        var fresh = NewSigningCredentials(algorithm);
        lock (_options.SigningCredentials)
        {
            _options.SigningCredentials.Clear();
            _options.SigningCredentials.Add(fresh);
        }

        return fresh.Key.KeyId;
    }

    /// <summary>A token from the token endpoint (client credentials) asserting these claims.</summary>
    public async Task<string> IssueAsync(string subject, IReadOnlyDictionary<string, string> claims, string? audience = null, TimeSpan? lifetime = null)
    {
        using var http = new HttpClient();
        var form = new Dictionary<string, string>(claims)
        {
            ["grant_type"] = "client_credentials", ["client_id"] = TestClientId, ["client_secret"] = TestClientSecret, ["sub"] = subject,
        };
        if (audience is not null) form["test_audience"] = audience;
        if (lifetime is { } l) form["lifetime_seconds"] = ((int)l.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var response = await http.PostAsync(new Uri(new Uri(Issuer), "connect/token"), new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"The test provider refused the token request: {body}");
        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private ClaimsPrincipal PrincipalOf(string subject, string name, IReadOnlyDictionary<string, string> claims, string audience = Audience)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, subject));
        identity.AddClaim(new Claim(Claims.Name, name));
        foreach (var (type, value) in claims) identity.AddClaim(new Claim(type, value));
        identity.SetResources(audience);
        identity.SetAudiences(audience);
        identity.SetDestinations(claim => claim.Type == Claims.Name ? [Destinations.AccessToken, Destinations.IdentityToken] : [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    private static SigningCredentials NewSigningCredentials(string algorithm)
    {
        var kid = $"{algorithm.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20];
        return algorithm switch
        {
            SecurityAlgorithms.RsaSha256 => new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
            SecurityAlgorithms.EcdsaSha256 => new SigningCredentials(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256),
            _ => throw new ArgumentException($"The test provider signs with RS256 or ES256, not {algorithm}."),
        };
    }

    private static bool SameOrigin(string a, string b) =>
        Uri.TryCreate(a, UriKind.Absolute, out var x) && Uri.TryCreate(b, UriKind.Absolute, out var y) && x.GetLeftPart(UriPartial.Authority) == y.GetLeftPart(UriPartial.Authority);

    private static string LoginPage(string provider, string returnUrl, string? error)
    {
        var e = HtmlEncoder.Default;
        return $"""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in · {e.Encode(provider)}</title></head>
                <body><h1>{e.Encode(provider)}: sign in</h1>{(error is null ? "" : $"<p role=\"alert\">{e.Encode(error)}</p>")}
                <form method="post" action="/login"><input type="hidden" name="returnUrl" value="{e.Encode(returnUrl)}">
                <label for="username">Username</label> <input id="username" name="username" autocomplete="username">
                <button type="submit">Sign in</button></form></body></html>
                """;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
