using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WasteMovements.TestIdentityProvider;
using Provider = WasteMovements.TestIdentityProvider.TestIdentityProvider;

namespace WasteMovements.Ui.Tests;

/// <summary>The web interface with a real OpenID Connect provider configured ("moe", the test provider on its own port).</summary>
public sealed class OidcUiHost : UiHost
{
    public Provider Moe { get; private set; } = null!;

    protected override async Task ConfigureAsync(IDictionary<string, string?> environment)
    {
        Moe = await Provider.StartAsync("moe",
        [
            new TestPerson("jan.jansen", "Jan Jansen", new Dictionary<string, string> { ["wm_role"] = "authority", ["wm_country"] = "NL" }),
        ]);
        Moe.AllowRedirect($"{BaseUrl}/ui/signin-moe");
        environment["Auth__Providers__0__Name"] = "moe";
        environment["Auth__Providers__0__Authority"] = Moe.Issuer;
        environment["Auth__Providers__0__Audience"] = Provider.Audience;
        environment["Auth__Providers__0__ClientId"] = Provider.BrowserClientId;
        environment["Auth__Providers__0__Scopes__0"] = "openid";
        environment["Auth__Providers__0__Scopes__1"] = "profile";
        environment["Auth__Providers__0__People"] = "ClaimMapping";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Moe is not null) await Moe.DisposeAsync();
    }
}

/// <summary>
/// Sign-in through the provider's own login page (authorization code flow with PKCE), the inbox as the authority the
/// provider's claims name, and sign-out at the provider: signing in again asks for the login once more.
/// </summary>
public sealed class OidcSignInTests(OidcUiHost host) : IClassFixture<OidcUiHost>
{
    [Fact]
    public async Task An_authority_signs_in_at_its_provider_sees_its_inbox_and_signs_out_there()
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/ui");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/ui/sign-in"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with moe" }).ClickAsync();

        // The provider's login page, on the provider's own origin.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(host.Moe.Issuer) + "login"));
        await page.GetByLabel("Username").FillAsync("jan.jansen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(host.BaseUrl) + "/ui$"));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Inbox");
        await Assertions.Expect(page.Locator(".who")).ToContainTextAsync("Competent authority NL (jan.jansen)");

        // Sign-out ends the session here and at the provider (end_session_endpoint) and comes back to sign-in.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(host.BaseUrl) + "/ui/sign-in"));
        await page.GotoAsync("/ui");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/ui/sign-in"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with moe" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(host.Moe.Issuer) + "login"));
        await context.CloseAsync();
    }
}
