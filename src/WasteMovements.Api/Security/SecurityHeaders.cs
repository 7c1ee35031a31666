using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.CookiePolicy;
using NetEscapades.AspNetCore.SecurityHeaders.Infrastructure;
using WasteMovements.Api.OpenApi;

namespace WasteMovements.Api.Security;

/// <summary>
/// The response headers that tell a browser what the pages may do (docs/operations.md, "Security headers";
/// decision 0019), set by NetEscapades.AspNetCore.SecurityHeaders on every response, errors included (it writes
/// them when the response starts). Three policies, chosen by path: the web interface (<c>/ui</c>), the API
/// reference (<c>/api-reference</c>, Swagger UI), and everything else (the API, the OpenAPI document, health,
/// static files), which renders no page and so may load nothing.
/// </summary>
public static class SecurityHeaders
{
    public const string UiPolicy = "ui";
    public const string ReferencePolicy = "api-reference";
    public const string ApiPolicy = "api";

    /// <summary>Configuration key: further origins a UI form may post to (the OIDC provider's, when sign-in moves there).</summary>
    public const string FormActionsKey = "SecurityHeaders:FormActions";

    /// <summary>The SHA-256 of the one &lt;style&gt; element Swagger UI (Swashbuckle.AspNetCore.SwaggerUI 11.0.1) inserts.</summary>
    public const string SwaggerUiStyleHash = "RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w=";

    /// <summary>One year, the max-age HSTS preload lists ask for.</summary>
    private const int HstsMaxAgeSeconds = 365 * 24 * 60 * 60;

    public static void AddWasteMovementsSecurityHeaders(this WebApplicationBuilder builder)
    {
        // A UI form may also lead to a configured identity provider: the sign-in and sign-out forms answer with a
        // redirect to its authorize and end-session endpoints, and form-action covers redirects after a submission.
        var providers = JwtSettings.From(builder.Configuration).Providers
            .Select(p => Uri.TryCreate(p.Authority, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null)
            .OfType<string>();
        var formActions = (builder.Configuration.GetSection(FormActionsKey).Get<string[]>() ?? []).Concat(providers).Distinct().ToArray();
        // HSTS outside Development only: a developer's plain-HTTP localhost must stay reachable. The library sends it
        // on HTTPS responses only (RFC 6797 §7.2 forbids it over HTTP).
        var hsts = !builder.Environment.IsDevelopment();

        builder.Services.AddSecurityHeaderPolicies(policies => policies
            // JSON, CSV, PDF and CSS are not documents that run anything: nothing to load, never framed.
            .SetDefaultPolicy(p => Api(p, hsts))
            .AddPolicy(ApiPolicy, p => Api(p, hsts))
            .AddPolicy(UiPolicy, p => Common(p, hsts).AddContentSecurityPolicy(csp =>
            {
                // No 'unsafe-inline' anywhere: the pages carry no inline script, style attribute or event handler
                // (tests/WasteMovements.Api.Tests/Foundation/SecurityHeadersTests.cs scans every .cshtml).
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
                csp.AddImgSrc().Self().Data();
                csp.AddConnectSrc().Self();
                var forms = csp.AddFormAction().Self();
                foreach (var origin in formActions) forms.From(origin);
                csp.AddFrameAncestors().None();
                csp.AddBaseUri().None();
                csp.AddObjectSrc().None();
            }))
            .AddPolicy(ReferencePolicy, p => Common(p, hsts).AddContentSecurityPolicy(csp =>
            {
                // Swagger UI (Swashbuckle's embedded assets) loads its bundle, presets, index.js and CSS from this host,
                // fetches /openapi/v1.json, and draws its icons as data: SVG in its stylesheet. Its index.html has no
                // inline script; its bundle inserts one fixed <style> element, allowed by its hash alone (no
                // 'unsafe-inline'). A Swashbuckle update that changes it fails the browser test, which names the new hash.
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self().WithHash256(SwaggerUiStyleHash);
                csp.AddImgSrc().Self().Data();
                csp.AddConnectSrc().Self();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
                csp.AddBaseUri().None();
                csp.AddObjectSrc().None();
            }))
            .SetPolicySelector(context => context.ConfiguredPolicies[PolicyFor(context.HttpContext.Request.Path)]));

        // The library's X-Frame-Options DENY (with frame-ancestors 'none') replaces the SAMEORIGIN that antiforgery
        // would otherwise add to every page with a form.
        builder.Services.Configure<AntiforgeryOptions>(options => options.SuppressXFrameOptionsHeader = true);

        // Every cookie the host writes (the UI's session, antiforgery, TempData): HttpOnly, at least SameSite=Lax, and
        // Secure outside Development whatever the request's scheme (behind a TLS-terminating proxy the request is HTTP).
        // Lax, not Strict, as the floor: the session and the OIDC correlation and nonce cookies must come back on the
        // provider's redirect to the callback (a cross-site navigation); antiforgery sets Strict itself.
        builder.Services.Configure<CookiePolicyOptions>(options =>
        {
            options.HttpOnly = HttpOnlyPolicy.Always;
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
            options.Secure = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
    }

    /// <summary>
    /// The policy of a request path: the web interface (its pages under /ui and the public open-data page, which
    /// loads the same stylesheet), the API reference, or the API's.
    /// </summary>
    public static string PolicyFor(PathString path) =>
        path.StartsWithSegments("/ui") || path.StartsWithSegments("/open-data") ? UiPolicy
        : path.StartsWithSegments(OpenApiSetup.ReferencePath) ? ReferencePolicy
        : ApiPolicy;

    private static HeaderPolicyCollection Api(HeaderPolicyCollection policy, bool hsts) =>
        Common(policy, hsts).AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().None();
            csp.AddFrameAncestors().None();
        });

    private static HeaderPolicyCollection Common(HeaderPolicyCollection policy, bool hsts)
    {
        policy.AddContentTypeOptionsNoSniff();
        policy.AddFrameOptionsDeny();
        // no-referrer rather than strict-origin-when-cross-origin: page addresses carry notification numbers and
        // audit instants, and nothing here reads the Referer header (antiforgery checks its token, not the origin).
        policy.AddReferrerPolicyNoReferrer();
        policy.AddCrossOriginOpenerPolicy(coop => coop.SameOrigin());
        policy.AddPermissionsPolicy(features =>
        {
            features.AddAccelerometer().None();
            features.AddAutoplay().None();
            features.AddCamera().None();
            features.AddDisplayCapture().None();
            features.AddEncryptedMedia().None();
            features.AddFullscreen().None();
            features.AddGeolocation().None();
            features.AddGyroscope().None();
            features.AddMagnetometer().None();
            features.AddMicrophone().None();
            features.AddMidi().None();
            features.AddPayment().None();
            features.AddPictureInPicture().None();
            features.AddPublickeyCredentialsGet().None();
            features.AddScreenWakeLock().None();
            features.AddSerialPermissions().None();
            features.AddSyncXHR().None();
            features.AddUsb().None();
            features.AddXrSpatialTracking().None();
        });
        if (hsts) policy.AddStrictTransportSecurityMaxAgeIncludeSubDomains(HstsMaxAgeSeconds);
        return policy;
    }

    /// <summary>Before anything that writes a response or a cookie: the headers apply to every answer, errors included.</summary>
    public static WebApplication UseWasteMovementsSecurityHeaders(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseCookiePolicy();
        return app;
    }
}
