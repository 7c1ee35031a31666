using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using WasteMovements.Api.Security;
using WasteMovements.Api.Tests.Contract;
using WasteMovements.Api.Tests.Infrastructure;

namespace WasteMovements.Api.Tests.Foundation;

/// <summary>
/// The headers every response carries and the cookie attributes (Security/SecurityHeaders.cs; docs/operations.md,
/// "Security headers"). The test host runs as "Testing", that is outside Development: HSTS on HTTPS and Secure cookies.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class SecurityHeadersTests(ApiFixture api)
{
    // Not localhost: the library, like ASP.NET Core's own HSTS middleware, sends no HSTS to a loopback host name.
    private HttpClient Client(string scheme = "https") => api.Factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri($"{scheme}://wastemovements.example"), AllowAutoRedirect = false, HandleCookies = false,
    });

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content)
        : throw new Xunit.Sdk.XunitException($"{response.RequestMessage!.RequestUri} has no {name} header");

    private static Dictionary<string, string> Directives(string csp) =>
        csp.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Contains(' ') ? d[(d.IndexOf(' ') + 1)..] : "");

    private static void HasCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        var permissions = Header(response, "Permissions-Policy");
        foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()" })
            Assert.Contains(feature, permissions);
        Assert.StartsWith("max-age=31536000", Header(response, "Strict-Transport-Security"));
        Assert.Equal("frame-ancestors 'none'", $"frame-ancestors {Directives(Header(response, "Content-Security-Policy"))["frame-ancestors"]}");
    }

    [Fact]
    public async Task A_UI_page_gets_the_strict_page_policy_without_unsafe_inline()
    {
        using var response = await Client().GetAsync("/ui/sign-in");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HasCommonHeaders(response);
        var csp = Header(response, "Content-Security-Policy");
        var d = Directives(csp);
        Assert.Equal("'self'", d["default-src"]);
        Assert.Equal("'self'", d["script-src"]);
        Assert.Equal("'self'", d["style-src"]);
        Assert.Equal("'self' data:", d["img-src"]);
        Assert.Equal("'self'", d["form-action"]);
        Assert.Equal("'none'", d["base-uri"]);
        Assert.Equal("'none'", d["object-src"]);
        Assert.DoesNotContain("unsafe", csp);
    }

    [Fact]
    public async Task An_API_route_a_problem_and_a_static_file_get_the_policy_that_loads_nothing()
    {
        var anonymous = Client();
        using var route = await anonymous.GetAsync("/api/code-lists/y-codes");
        using var problem = await anonymous.GetAsync("/api/code-lists/z-codes");
        using var unauthorized = await anonymous.GetAsync("/api/notifications");
        using var css = await anonymous.GetAsync("/ui.css");
        using var document = await anonymous.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, route.StatusCode);
        await problem.ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        foreach (var response in new[] { route, problem, unauthorized, css, document })
        {
            HasCommonHeaders(response);
            Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(response, "Content-Security-Policy").TrimEnd(';', ' '));
        }
    }

    [Fact]
    public async Task The_API_reference_may_load_its_own_assets_and_the_document_only()
    {
        using var response = await Client().GetAsync("/api-reference/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HasCommonHeaders(response);
        var d = Directives(Header(response, "Content-Security-Policy"));
        Assert.Equal("'self'", d["script-src"]);
        Assert.Equal($"'self' 'sha256-{SecurityHeaders.SwaggerUiStyleHash}'", d["style-src"]);
        Assert.Equal("'self'", d["connect-src"]);
        Assert.Equal("'none'", d["frame-ancestors"]);
        // Swagger UI's page links only same-origin scripts: nothing inline that the policy would refuse.
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("<style", html);
    }

    [Fact]
    public async Task HSTS_is_sent_over_HTTPS_only()
    {
        using var http = await Client("http").GetAsync("/ui/sign-in");
        Assert.False(http.Headers.Contains("Strict-Transport-Security"), "HSTS over plain HTTP (RFC 6797 §7.2)");
        Assert.Equal("nosniff", Header(http, "X-Content-Type-Options"));
    }

    [Theory]
    [InlineData("https")]
    [InlineData("http")] // behind a TLS-terminating proxy the host sees HTTP: the cookie is Secure all the same
    public async Task Cookies_are_Secure_HttpOnly_and_SameSite_outside_Development(string scheme)
    {
        var client = Client(scheme);
        using var page = await client.GetAsync("/ui/sign-in");
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var token = FormToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(token);

        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/ui/sign-in?handler=Demo")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["identity"] = "auditor:", ["__RequestVerificationToken"] = token }),
        };
        signIn.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        using var signedIn = await client.SendAsync(signIn);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("wm_session=", StringComparison.Ordinal));

        // The session is Lax, not Strict: it must come back on the identity provider's redirect to the callback.
        foreach (var (cookie, sameSite) in new[] { (antiforgery, "samesite=strict"), (session, "samesite=lax") })
        {
            var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToArray();
            Assert.Contains("secure", attributes);
            Assert.Contains("httponly", attributes);
            Assert.Contains(sameSite, attributes);
        }
    }

    /// <summary>
    /// The pages may not carry what the page policy refuses (style-src and script-src 'self', no 'unsafe-inline'):
    /// a style attribute or element, a script without src, an on* event handler or a javascript: URL, in any
    /// .cshtml under Ui and in the HTML that page models write themselves.
    /// </summary>
    [Fact]
    public void No_page_carries_inline_style_script_or_event_handlers()
    {
        var ui = Repository.PathOf("src/WasteMovements.Api/Ui");
        var files = Directory.EnumerateFiles(ui, "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(ui, "*.cs", SearchOption.AllDirectories)).ToArray();
        Assert.True(files.Count(f => f.EndsWith(".cshtml")) >= 10, $"only {files.Length} files under {ui}");

        var found = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var (name, pattern) in new (string, Regex)[]
                     {
                         ("style attribute", StyleAttribute()), ("style element", StyleElement()), ("inline script", InlineScript()),
                         ("event handler attribute", EventHandler()), ("javascript: URL", JavascriptUrl()),
                     })
            {
                foreach (Match m in pattern.Matches(text))
                    found.Add($"{Path.GetRelativePath(Repository.Root, file)}:{text[..m.Index].Count(c => c == '\n') + 1}: {name} {m.Value.Trim()}");
            }
        }

        Assert.True(found.Count == 0, "Inline content the Content-Security-Policy refuses (use a class in wwwroot/ui.css or a script file):\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_scan_finds_each_kind_of_inline_content()
    {
        Assert.Matches(StyleAttribute(), "<input type=\"checkbox\" style=\"width:auto\">");
        Assert.Matches(StyleAttribute(), "<label style='x'>");
        Assert.Matches(StyleElement(), "<style>p{}</style>");
        Assert.Matches(InlineScript(), "<script>alert(1)</script>");
        Assert.Matches(InlineScript(), "<script type=\"module\">x</script>");
        Assert.DoesNotMatch(InlineScript(), "<script src=\"/ui.js\"></script>");
        Assert.Matches(EventHandler(), "<button onclick=\"go()\">");
        Assert.Matches(EventHandler(), "<form onsubmit='x'>");
        Assert.DoesNotMatch(EventHandler(), "<button name=\"identity\" value=\"x\">");
        Assert.Matches(JavascriptUrl(), "<a href=\"javascript:void(0)\">");
    }

    [GeneratedRegex("""<[a-zA-Z][^>]*\sstyle\s*=""")]
    private static partial Regex StyleAttribute();

    [GeneratedRegex("""<style[\s>]""", RegexOptions.IgnoreCase)]
    private static partial Regex StyleElement();

    [GeneratedRegex("""<script(?![^>]*\ssrc\s*=)[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("""<[a-zA-Z][^>]*\son[a-z]+\s*=""")]
    private static partial Regex EventHandler();

    [GeneratedRegex("""javascript:""", RegexOptions.IgnoreCase)]
    private static partial Regex JavascriptUrl();

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex FormToken();
}
