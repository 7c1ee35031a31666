using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using WasteMovements.Api.Security;

namespace WasteMovements.Api.Ui;

/// <summary>
/// The web interface's session: an HttpOnly cookie (SameSite=Lax, so that the provider's redirect back to the
/// callback carries it; Secure outside Development and Testing) holding the access token the pages call the API
/// with. Each provider with a ClientId gets an OpenID Connect handler: authorization code flow with PKCE, the
/// answer in the query (a top-level GET, which Lax cookies accompany), tokens saved in the session, sign-out at
/// the provider's end_session_endpoint. When the saved access token expires the pages send the person through the
/// provider's sign-in again (its own session usually answers without a prompt): no refresh tokens are kept.
/// </summary>
public static class UiSession
{
    public const string Scheme = "wastemovements-ui";
    /// <summary>The provider a session came from (an item of the session's properties), or none for a development token.</summary>
    public const string ProviderItem = "wm_provider";

    public static void AddUiSession(this AuthenticationBuilder authentication, JwtSettings settings, IHostEnvironment environment)
    {
        var secure = IdentityProviders.DevelopmentTokens(environment) ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        authentication.AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "wm_session";
            options.Cookie.Path = "/ui";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = secure;
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            options.SlidingExpiration = false;
            options.LoginPath = "/ui/sign-in";
        });

        foreach (var provider in settings.Providers.Where(p => !string.IsNullOrWhiteSpace(p.ClientId)))
        {
            authentication.AddOpenIdConnect(provider.SignInScheme, provider.Name, options =>
            {
                options.Authority = provider.Authority;
                options.RequireHttpsMetadata = provider.RequireHttps;
                options.ClientId = provider.ClientId;
                options.ClientSecret = provider.ClientSecret;
                options.ResponseType = "code";
                options.ResponseMode = "query";
                options.UsePkce = true;
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                options.SignInScheme = Scheme;
                options.SignOutScheme = Scheme;
                options.CallbackPath = $"/ui/signin-{provider.Name}";
                options.SignedOutCallbackPath = $"/ui/signed-out-{provider.Name}";
                options.SignedOutRedirectUri = "/ui/sign-in";
                options.Scope.Clear();
                foreach (var scope in provider.Scopes.DefaultIfEmpty("openid").Append("openid").Distinct()) options.Scope.Add(scope);
                options.TokenValidationParameters.NameClaimType = "name";
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = secure;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = secure;
                options.Events = new OpenIdConnectEvents
                {
                    // Remembered in the session: an expired token sends the person back to this provider, and
                    // sign-out ends the session there too.
                    OnTicketReceived = context =>
                    {
                        context.Properties!.Items[ProviderItem] = provider.Name;
                        return Task.CompletedTask;
                    },
                };
            });
        }
    }

    /// <summary>A session holding a development token (Development and Testing: demo buttons, pasted token).</summary>
    public static Task SignInWithTokenAsync(HttpContext http, string token)
    {
        var properties = new AuthenticationProperties { IsPersistent = false };
        properties.StoreTokens([new AuthenticationToken { Name = "access_token", Value = token }]);
        var identity = new ClaimsIdentity([new Claim(ClaimNames.Subject, "session")], Scheme);
        return http.SignInAsync(Scheme, new ClaimsPrincipal(identity), properties);
    }
}
