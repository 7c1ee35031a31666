using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WasteMovements.Api.OpenApi;
using WasteMovements.Api.Security;

namespace WasteMovements.Ui.Tests;

/// <summary>
/// The API process as the node serving DE (issue 17), on the test broker (<c>WM_TEST_BROKER</c>, started by eng/test.sh),
/// with one peer, the node serving NL, that the test never runs: what DE sends waits on NL's queue. Node names carry a
/// suffix of this run, so that the queues are this host's alone on a shared broker.
/// </summary>
public sealed class ExchangeUiHost : UiHost
{
    public static readonly string Run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
    // As the node's configuration reads them: node names in capitals.
    public string Node { get; } = $"DE{Run}".ToUpperInvariant();
    public string PeerNode { get; } = $"NL{Run}".ToUpperInvariant();
    public string OwnKid { get; } = $"DE-ui-{Run}";
    public string PeerKid { get; } = $"NL-ui-{Run}";
    public ECDsa OwnKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public ECDsa PeerKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    protected override Task ConfigureAsync(IDictionary<string, string?> environment)
    {
        var broker = Environment.GetEnvironmentVariable("WM_TEST_BROKER");
        if (string.IsNullOrWhiteSpace(broker))
            throw new InvalidOperationException("WM_TEST_BROKER is not set: eng/test.sh starts the broker (eng/rabbitmq.sh); for a filtered run: " +
                                                "export WM_RMQ_PORT=55672 WM_TEST_BROKER=\"$(bash eng/rabbitmq.sh | tail -n 1)\"");
        environment["Exchange__Node"] = Node;
        environment["Exchange__States__0"] = "DE";
        environment["Exchange__Broker"] = broker;
        environment["Exchange__SigningKeys__0__State"] = "DE";
        environment["Exchange__SigningKeys__0__Kid"] = OwnKid;
        environment["Exchange__SigningKeys__0__PrivateKeyPem"] = OwnKey.ExportPkcs8PrivateKeyPem();
        environment["Exchange__Peers__0__Node"] = PeerNode;
        environment["Exchange__Peers__0__States__0"] = "NL";
        environment["Exchange__Peers__0__Keys__0__State"] = "NL";
        environment["Exchange__Peers__0__Keys__0__Kid"] = PeerKid;
        environment["Exchange__Peers__0__Keys__0__PublicKeyPem"] = PeerKey.ExportSubjectPublicKeyInfoPem();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The exchange page and the proof page on an exchange-enabled node, in a real browser: the node, its key with the
/// fingerprint an operator compares, the peer with its key; an administrator is refused a kid held already (the rule's
/// basis shown), registers the peer's next key and revokes it; an auditor reads the page without its forms, follows
/// "Exchange proof" from a notification filed here and sees that what was sent matches.
/// </summary>
public sealed class ExchangePageTests(ExchangeUiHost host) : IClassFixture<ExchangeUiHost>
{
    private static string Fingerprint(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    private static string Screenshots()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WasteMovements.sln"))) return Path.Combine(dir.FullName, "docs", "screenshots");
        }

        throw new InvalidOperationException("repository root not found");
    }

    private void NoViolations(IPage page)
    {
        var violations = host.ViolationsOf(page);
        Assert.True(violations.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", violations));
    }

    [Fact]
    public async Task An_administrator_sees_the_node_and_its_peer_registers_and_revokes_a_peer_key()
    {
        var admin = await host.SignInAsync("Administrator");
        await admin.GotoAsync("/ui/admin/exchange");
        await Assertions.Expect(admin.Locator("#node")).ToHaveTextAsync($"This node: {host.Node}");
        await Assertions.Expect(admin.Locator($"#key-{host.OwnKid}")).ToContainTextAsync(Fingerprint(host.OwnKey));
        await Assertions.Expect(admin.Locator($"#key-{host.OwnKid}")).ToContainTextAsync("active");
        var peer = admin.Locator($"#peer-{host.PeerNode}");
        await Assertions.Expect(peer).ToContainTextAsync("serves NL");
        await Assertions.Expect(peer.Locator($"#key-{host.PeerKid}")).ToContainTextAsync(Fingerprint(host.PeerKey));

        // A kid held already: refused with the rule's basis, nothing registered.
        using var next = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await admin.Locator("#register-key summary").ClickAsync();
        await admin.GetByLabel("State", new() { Exact = true }).FillAsync("NL");
        await admin.GetByLabel("Key id (kid)").FillAsync(host.PeerKid);
        await admin.GetByLabel("Public key (PEM, SubjectPublicKeyInfo)").FillAsync(next.ExportSubjectPublicKeyInfoPem());
        await admin.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".refusal")).ToContainTextAsync("is held already");
        await Assertions.Expect(admin.Locator(".refusal")).ToContainTextAsync("docs/exchange.md, Trust");

        var nextKid = host.PeerKid + "-2";
        await admin.Locator("#register-key summary").ClickAsync();
        await admin.GetByLabel("State", new() { Exact = true }).FillAsync("NL");
        await admin.GetByLabel("Key id (kid)").FillAsync(nextKid);
        await admin.GetByLabel("Public key (PEM, SubjectPublicKeyInfo)").FillAsync(next.ExportSubjectPublicKeyInfoPem());
        await admin.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".flash")).ToContainTextAsync("Peer key registered.");
        var row = admin.Locator($"#peer-{host.PeerNode} #key-{nextKid}");
        await Assertions.Expect(row).ToContainTextAsync(Fingerprint(next));
        await Assertions.Expect(row).ToContainTextAsync("active");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots(), "exchange.png"), FullPage = true });

        await row.Locator("summary", new() { HasText = "Revoke" }).ClickAsync();
        await row.GetByLabel("Reason").FillAsync("Registered by mistake in the UI test");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke {nextKid}" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".flash")).ToContainTextAsync($"Key {nextKid} revoked on this node.");
        await Assertions.Expect(admin.Locator($"#peer-{host.PeerNode} #key-{nextKid}")).ToContainTextAsync("revoked");
        await Assertions.Expect(admin.Locator($"#peer-{host.PeerNode} #key-{nextKid} summary")).ToHaveCountAsync(0);
        NoViolations(admin);
    }

    [Fact]
    public async Task An_auditor_reads_the_page_without_its_forms_and_follows_the_exchange_proof_of_a_notification()
    {
        // DE files here (the state of export is served by this node): one batch, sent towards NL's node.
        var number = await FileAsync();

        var auditor = await host.SignInAsync("Auditor");
        await auditor.GotoAsync("/ui/admin/exchange");
        await Assertions.Expect(auditor.Locator("#batches-sent")).Not.ToHaveTextAsync("0");
        await Assertions.Expect(auditor.Locator("#register-key")).ToHaveCountAsync(0);
        await Assertions.Expect(auditor.Locator("summary", new() { HasText = "Revoke" })).ToHaveCountAsync(0);

        await auditor.GotoAsync($"/ui/notifications/{number}");
        await auditor.GetByRole(AriaRole.Link, new() { Name = "Exchange proof" }).ClickAsync();
        await Assertions.Expect(auditor).ToHaveURLAsync(new Regex($"/ui/admin/exchange/proof/{number}$"));
        await Assertions.Expect(auditor.Locator("#proof-verdict")).ToContainTextAsync("Every origin's chain holds");
        var origin = auditor.Locator("#origin-DE-sent");
        await Assertions.Expect(origin).ToContainTextAsync("yes");
        await Assertions.Expect(auditor.Locator("section:has(#heads)")).ToContainTextAsync(host.OwnKid);
        NoViolations(auditor);
    }

    private async Task<string> FileAsync()
    {
        var tokens = new TokenIssuer(new JwtSettings { SigningKey = JwtSettings.DevelopmentSigningKey });
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Issue(Roles.Authority, "ui.exchange", "DE"));
        // The days from today: the API process runs on the real clock.
        var first = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        var particulars = Examples.Notification with { FirstDeparture = first, LastDeparture = first.AddYears(1).AddDays(-1) };
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        json.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        using var response = await http.PostAsJsonAsync("/api/notifications", particulars, json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"filing: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("notificationNumber").GetString()!;
    }
}
