using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using WasteMovements.Api.Tests.Infrastructure;

namespace WasteMovements.Ui.Tests;

/// <summary>
/// The whole application as a user meets it: the API host (with the web interface) started as its own
/// process on a free loopback port against a fresh PostgreSQL database, and Debian's Chromium driven by
/// Playwright (no browser download: ExecutablePath is the system Chromium).
/// </summary>
public class UiHost : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    private Process? _api;
    private TestDatabase? _database;
    private readonly StringWriter _log = new();

    public string BaseUrl { get; private set; } = "";
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WasteMovements.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl);
        start.Environment["ConnectionStrings__Marten"] = _database.ConnectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Demo__Seed"] = "false";
        // As production runs: the committed pre-generated handler code (docs/operations.md, "Pre-generated code").
        start.Environment["Wolverine__TypeLoadMode"] = "Static";
        await ConfigureAsync(start.Environment);
        _api = Process.Start(start)!;
        _api.OutputDataReceived += (_, e) => { lock (_log) _log.WriteLine(e.Data); };
        _api.ErrorDataReceived += (_, e) => { lock (_log) _log.WriteLine(e.Data); };
        _api.BeginOutputReadLine();
        _api.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                if ((await http.GetAsync(BaseUrl + "/health")).StatusCode == HttpStatusCode.OK) break;
            }
            catch (HttpRequestException)
            {
            }

            if (_api.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException("The API did not start:\n" + Log);
            await Task.Delay(200);
        }

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>More settings of the API process (environment variables), before it starts; <see cref="BaseUrl"/> is known.</summary>
    protected virtual Task ConfigureAsync(IDictionary<string, string?> environment) => Task.CompletedTask;

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public async Task<IPage> SignInAsync(string identityLabel)
    {
        var page = await OpenAsync();
        await page.GotoAsync("/ui/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = identityLabel, Exact = true }).ClickAsync();
        return page;
    }

    /// <summary>A page in a fresh browser context, not signed in, whose Content-Security-Policy violations are recorded (<see cref="ViolationsOf"/>).</summary>
    public async Task<IPage> OpenAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var violations = new List<string>();
        // Chromium reports each refusal on the console ("Refused to apply inline style ...") and fires securitypolicyviolation;
        // the init script (injected by the driver, not subject to the page's policy) turns the event into a console line too.
        await context.AddInitScriptAsync(@"document.addEventListener('securitypolicyviolation', e =>
            console.error('securitypolicyviolation: ' + e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' at ' + e.documentURI));");
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Refused to", StringComparison.Ordinal) || message.Text.Contains("Content Security Policy", StringComparison.Ordinal)
                || message.Text.StartsWith("securitypolicyviolation", StringComparison.Ordinal))
                lock (violations) violations.Add($"{page.Url}: {message.Text}");
        };
        lock (_violations) _violations[page] = violations;
        return page;
    }

    private readonly Dictionary<IPage, List<string>> _violations = new();

    /// <summary>The Content-Security-Policy violations the browser reported on <paramref name="page"/> so far.</summary>
    public IReadOnlyList<string> ViolationsOf(IPage page)
    {
        List<string> list;
        lock (_violations) list = _violations[page];
        lock (list) return list.ToArray();
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (_api is { HasExited: false })
        {
            _api.Kill(entireProcessTree: true);
            await _api.WaitForExitAsync();
        }

        if (_database is not null) await _database.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
