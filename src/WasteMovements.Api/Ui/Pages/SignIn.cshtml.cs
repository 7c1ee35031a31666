using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WasteMovements.Api.Security;

namespace WasteMovements.Api.Ui.Pages;

public sealed class SignInModel(UiIdentity identity, TokenIssuer issuer, IHostEnvironment environment) : PageModel
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

    public bool DevelopmentIdentities => environment.IsDevelopment() || environment.IsEnvironment("Testing");
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public IActionResult OnPostDemo(string identity)
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
        UiIdentity.SignIn(Response, token);
        return LocalRedirect(SafeReturn());
    }

    public async Task<IActionResult> OnPostToken(string token)
    {
        Response.Cookies.Append(UiIdentity.Cookie, token.Trim()); // validated on the next request; rejected tokens are dropped below
        var http = new DefaultHttpContext();
        http.Request.Headers.Cookie = $"{UiIdentity.Cookie}={token.Trim()}";
        var (user, _) = await identity.FromCookieAsync(http);
        if (user is null)
        {
            UiIdentity.SignOut(Response);
            Error = "That token is not valid here (signature, issuer, audience or lifetime).";
            return Page();
        }

        UiIdentity.SignIn(Response, token.Trim());
        return LocalRedirect(SafeReturn());
    }

    public IActionResult OnPostSignOut()
    {
        UiIdentity.SignOut(Response);
        return RedirectToPage();
    }

    private string SafeReturn() => ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith("/ui", StringComparison.Ordinal) ? url : "/ui";
}
