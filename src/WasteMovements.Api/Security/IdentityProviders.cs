using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WasteMovements.Api.Security;

/// <summary>Where a provider's people get their role and the state, facility or undertaking they act for.</summary>
public enum PeopleSource
{
    /// <summary>From this system's assignments (looked up by iss + sub); role claims in the provider's token are removed.</summary>
    Assignments,
    /// <summary>From claims the provider asserts, under the names in <see cref="IdentityProviderSettings.ClaimMapping"/>.</summary>
    ClaimMapping,
}

/// <summary>The names under which a provider asserts our claims (e.g. Keycloak mappers named wm_role, wm_country).</summary>
public sealed class ClaimMappingSettings
{
    public string Role { get; set; } = "wm_role";
    public string Country { get; set; } = "wm_country";
    public string Facility { get; set; } = "wm_facility";
    public string Undertaking { get; set; } = "wm_undertaking";
}

/// <summary>One OpenID Connect provider of configuration section <c>Auth:Providers</c> (docs/operations.md, "Connecting your identity provider").</summary>
public sealed class IdentityProviderSettings
{
    public string Name { get; set; } = "";
    /// <summary>The provider's issuer URL; its discovery document is <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string Authority { get; set; } = "";
    public string Audience { get; set; } = "wastemovements-api";
    /// <summary>The web interface's client (authorization code + PKCE); without it the provider serves API callers only.</summary>
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public List<string> Scopes { get; set; } = [];
    public PeopleSource People { get; set; } = PeopleSource.Assignments;
    public ClaimMappingSettings ClaimMapping { get; set; } = new();
    /// <summary>How often the discovery document and JWKS are read again even when every key is known (a dropped key is refused after at most this long).</summary>
    public int KeyRefreshMinutes { get; set; } = 60;
    /// <summary>The least time between two reads caused by a token signed with an unknown key (a new key is looked up at once, floods are not).</summary>
    public int UnknownKeyRefreshSeconds { get; set; } = 300;

    public string BearerScheme => IdentityProviders.BearerSchemePrefix + Name;
    public string SignInScheme => IdentityProviders.SignInSchemePrefix + Name;

    /// <summary>Plain HTTP only for a provider on this machine (a test or a sidecar); any other provider needs HTTPS.</summary>
    public bool RequireHttps => !(Uri.TryCreate(Authority, UriKind.Absolute, out var uri) && uri.IsLoopback);

    /// <summary>The issuer of this provider's tokens, compared without a trailing slash (discovery decides the exact value).</summary>
    public bool Issued(string issuer) => string.Equals(issuer.TrimEnd('/'), Authority.TrimEnd('/'), StringComparison.Ordinal);
}

/// <summary>
/// One JWT bearer scheme per configured provider (discovery document, JWKS, RS256/ES256, issuer, audience and lifetime
/// checked), the development HS256 scheme in Development and Testing only, and the API's scheme that picks one of
/// them by the token's <c>iss</c> (read without trusting it: the chosen scheme then validates everything).
/// </summary>
public static class IdentityProviders
{
    /// <summary>The API's authentication scheme (a policy scheme forwarding to a provider's or the development scheme).</summary>
    public const string ApiScheme = "wastemovements";
    public const string DevelopmentScheme = JwtBearerDefaults.AuthenticationScheme;
    public const string BearerSchemePrefix = "bearer-";
    public const string SignInSchemePrefix = "oidc-";
    private static readonly string[] AsymmetricOnly = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    public static bool DevelopmentTokens(IHostEnvironment environment) => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    public static void AddProviderSchemes(this AuthenticationBuilder authentication, JwtSettings settings, IHostEnvironment environment)
    {
        var developmentTokens = DevelopmentTokens(environment);
        authentication.AddPolicyScheme(ApiScheme, "WasteMovements API", options => options.ForwardDefaultSelector = context =>
        {
            var issuer = IssuerOf(context.Request.Headers.Authorization.ToString());
            var provider = issuer is null ? null : settings.Providers.FirstOrDefault(p => p.Issued(issuer));
            if (provider is not null) return provider.BearerScheme;
            // Unknown issuer: the development scheme where it exists, else the first provider's (which refuses it).
            return developmentTokens || settings.Providers.Count == 0 ? DevelopmentScheme : settings.Providers[0].BearerScheme;
        });

        foreach (var provider in settings.Providers)
        {
            authentication.AddJwtBearer(provider.BearerScheme, options =>
            {
                options.Authority = provider.Authority;
                options.Audience = provider.Audience;
                options.RequireHttpsMetadata = provider.RequireHttps;
                options.MapInboundClaims = false;
                // The JWKS is read again on this period, and at once (at most every UnknownKeyRefreshSeconds) for a
                // token signed with a key it does not hold: a rotated key is followed without a restart.
                // (ProviderKeys, set below with its logger).
                options.RefreshOnIssuerKeyNotFound = true;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    // The issuer comes from the discovery document, the keys from its JWKS.
                    ValidAudience = provider.Audience,
                    ValidAlgorithms = AsymmetricOnly,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = ClaimNames.Subject,
                    RoleClaimType = ClaimNames.Role,
                };
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst(ClaimNames.Subject)?.Value))
                        {
                            context.Fail("The token lacks sub.");
                            return Task.CompletedTask;
                        }

                        context.Principal = PeopleClaims.Apply(context.Principal!, provider);
                        return Task.CompletedTask;
                    },
                };
            });
            authentication.Services.AddOptions<JwtBearerOptions>(provider.BearerScheme).Configure<ILoggerFactory>((options, loggers) =>
                options.ConfigurationManager = new ProviderKeys(
                    provider.Authority.TrimEnd('/') + "/.well-known/openid-configuration",
                    new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, provider.RequireHttps, loggers.CreateLogger<ProviderKeys>())
                {
                    // The library's minimum for the periodic read is 5 minutes.
                    AutomaticRefreshInterval = TimeSpan.FromMinutes(Math.Max(5, provider.KeyRefreshMinutes)),
                    RefreshInterval = TimeSpan.FromSeconds(Math.Max(1, provider.UnknownKeyRefreshSeconds)),
                });
        }
    }

    /// <summary>The <c>iss</c> of a bearer JWT, unvalidated (only to choose the scheme that validates it); null when unreadable.</summary>
    public static string? IssuerOf(string authorization)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var token = authorization["Bearer ".Length..].Trim();
        try
        {
            return new JsonWebToken(token).Issuer;
        }
        catch (ArgumentException)
        {
            return null; // not a JWT: the default scheme refuses it
        }
    }

    /// <summary>The configuration's own checks, at start-up: names, addresses and people sources that cannot work are refused.</summary>
    public static void EnsureUsable(JwtSettings settings, IHostEnvironment environment)
    {
        if (settings.Providers.Count == 0 && !DevelopmentTokens(environment))
            throw new InvalidOperationException(
                $"No identity provider is configured (Auth:Providers) and development tokens are refused in the {environment.EnvironmentName} environment: see docs/operations.md, \"Connecting your identity provider\".");
        foreach (var provider in settings.Providers)
        {
            if (string.IsNullOrWhiteSpace(provider.Name) || !provider.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                throw new InvalidOperationException($"Auth:Providers: the name \"{provider.Name}\" must be letters, digits, - or _ (it names the sign-in callback /ui/signin-NAME).");
            if (!Uri.TryCreate(provider.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && provider.RequireHttps))
                throw new InvalidOperationException($"Auth:Providers:{provider.Name}: Authority must be an https URL (http only on loopback).");
            if (string.IsNullOrWhiteSpace(provider.Audience))
                throw new InvalidOperationException($"Auth:Providers:{provider.Name}: Audience must be set (the API's audience in that provider's tokens).");
            if (provider.People == PeopleSource.ClaimMapping && string.IsNullOrWhiteSpace(provider.ClaimMapping.Role))
                throw new InvalidOperationException($"Auth:Providers:{provider.Name}: People is ClaimMapping but ClaimMapping:Role names no claim.");
        }

        var duplicate = settings.Providers.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Auth:Providers: the name {duplicate.Key} is used twice.");
    }
}

/// <summary>
/// What a provider's token may say about a person's rights (issue 18 contract): with <c>ClaimMapping</c> our claims are
/// taken from the declared claim names; with <c>Assignments</c> any role, country, facility or undertaking claim is
/// removed (a claim the provider lets people or other applications set is not trusted) and the person reaches the
/// application with iss, sub and name only, to be given the rights of their assignment.
/// </summary>
public static class PeopleClaims
{
    private static readonly HashSet<string> Ours = [ClaimNames.Role, ClaimNames.Country, ClaimNames.Facility, ClaimNames.Undertaking];

    public static ClaimsPrincipal Apply(ClaimsPrincipal principal, IdentityProviderSettings provider)
    {
        var source = principal.Identities.First();
        var mapping = provider.ClaimMapping;
        var mapped = new List<Claim>();
        if (provider.People == PeopleSource.ClaimMapping)
        {
            // One known role, or none: a person with two roles in one token is ambiguous and gets no rights.
            var roles = source.FindAll(mapping.Role).Select(c => c.Value).Where(Roles.All.Contains).Distinct().ToList();
            if (roles.Count == 1) mapped.Add(new Claim(ClaimNames.Role, roles[0]));
            Map(mapping.Country, ClaimNames.Country, v => v.ToUpperInvariant());
            Map(mapping.Facility, ClaimNames.Facility, v => v);
            Map(mapping.Undertaking, ClaimNames.Undertaking, v => v);
        }

        var kept = source.Claims.Where(c => !Ours.Contains(c.Type)).Select(c => new Claim(c.Type, c.Value, c.ValueType, c.Issuer));
        var identity = new ClaimsIdentity(kept.Concat(mapped), source.AuthenticationType, ClaimNames.Subject, ClaimNames.Role);
        return new ClaimsPrincipal(identity);

        void Map(string from, string to, Func<string, string> shape)
        {
            var values = string.IsNullOrWhiteSpace(from) ? [] : source.FindAll(from).Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Distinct().ToList();
            if (values.Count == 1) mapped.Add(new Claim(to, shape(values[0])));
        }
    }
}
