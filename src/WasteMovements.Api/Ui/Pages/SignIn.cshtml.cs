using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WasteMovements.Api.Security;

namespace WasteMovements.Api.Ui.Pages;

public sealed class SignInModel(UiIdentity identity, TokenIssuer issuer, JwtSettings settings, IHostEnvironment environment) : PageModel
{
    /// <summary>Demo identities: authorities of real states, the demo facilities, an auditor and an administrator.</summary>
    public static readonly IReadOnlyList<(string Id, string Label)> Identities =
    [
        ("authority:DE", "Authority DE (Germany)"), ("authority:NL", "Authority NL (Netherlands)"), ("authority:BE", "Authority BE (Belgium)"),
        ("authority:FR", "Authority FR (France)"), ("authority:JP", "Authority JP (Japan)"), ("authority:KR", "Authority KR (Korea)"),
        ("authority:MY", "Authority MY (Malaysia)"), ("facility:NL-FAC-ROTTERDAM-1", "Facility NL-FAC-ROTTERDAM-1"),
        ("facility:DE-FAC-BREMEN-INC", "Facility DE-FAC-BREMEN-INC"), ("facility:JP-FAC-AKITA-1", "Facility JP-FAC-AKITA-1"),
        ("undertaking:DE-HH-DEALER-17", "Undertaking DE-HH-DEALER-17 (arranges green-list shipments)"), ("undertaking:NL-CON-0042", "Undertaking NL-CON-0042 (consignee)"),
        ("auditor:", "Auditor"), ("admin:", "Administrator"),
    ];

    /// <summary>Demo buttons and pasted tokens: the development tokens, so Development and Testing only.</summary>
    public bool DevelopmentIdentities => IdentityProviders.DevelopmentTokens(environment);

    /// <summary>The providers the web interface signs in with (those with a ClientId).</summary>
    public IReadOnlyList<string> Providers => settings.Providers.Where(p => !string.IsNullOrWhiteSpace(p.ClientId)).Select(p => p.Name).ToList();

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    /// <summary>Sign-in at a provider: the authorization code flow with PKCE (UiSession), back to the page asked for.</summary>
    public IActionResult OnGetProvider(string provider)
    {
        if (!Providers.Contains(provider)) return NotFound();
        var properties = new AuthenticationProperties { RedirectUri = SafeReturn() };
        return Challenge(properties, IdentityProviders.SignInSchemePrefix + provider);
    }

    public async Task<IActionResult> OnPostDemo(string identity)
    {
        if (!DevelopmentIdentities || Identities.All(i => i.Id != identity)) return NotFound();
        var (role, value) = (identity.Split(':')[0], identity.Split(':')[1]);
        var token = role switch
        {
            Roles.Authority => issuer.Issue(role, $"demo.{value.ToLowerInvariant()}", country: value),
            Roles.Facility => issuer.Issue(role, "demo.operator", facility: value),
            Roles.Undertaking => issuer.Issue(role, "demo.trader", undertaking: value),
            _ => issuer.Issue(role, $"demo.{role}"),
        };
        await UiSession.SignInWithTokenAsync(HttpContext, token);
        return LocalRedirect(SafeReturn());
    }

    public async Task<IActionResult> OnPostToken(string token)
    {
        if (!DevelopmentIdentities) return NotFound();
        if (await UiIdentity.ApiUserAsync(HttpContext, token.Trim()) is null)
        {
            Error = "That token is not valid here (signature, issuer, audience or lifetime).";
            return Page();
        }

        await UiSession.SignInWithTokenAsync(HttpContext, token.Trim());
        return LocalRedirect(SafeReturn());
    }

    /// <summary>Ends the session here and, for a provider's session, at the provider (its end_session_endpoint).</summary>
    public async Task<IActionResult> OnPostSignOut()
    {
        var session = await identity.FromSessionAsync(HttpContext);
        if (session.Provider is { } provider && Providers.Contains(provider))
            return SignOut(new AuthenticationProperties { RedirectUri = "/ui/sign-in" }, IdentityProviders.SignInSchemePrefix + provider, UiSession.Scheme);
        await HttpContext.SignOutAsync(UiSession.Scheme);
        return RedirectToPage();
    }

    private string SafeReturn() => ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith("/ui", StringComparison.Ordinal) ? url : "/ui";
}
