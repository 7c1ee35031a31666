using System.Net;
using WasteMovements.Api.Security;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Foundation;

/// <summary>
/// The API in the Production environment with no code-generation setting runs the committed pre-generated
/// Wolverine code (Internal/Generated, <c>TypeLoadMode.Static</c>; docs/operations.md): it starts, files and
/// reads a notification, and never loads the Roslyn compiler. The rest of the suite compiles the chains at
/// runtime from the current source; <c>eng/codegen.sh check</c> proves the committed code is that same code.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class PregeneratedCodeTests
{
    private const string ProductionKey = "a-production-signing-key-of-at-least-thirty-two-bytes-for-this-test";

    [Fact]
    public async Task In_Production_the_committed_generated_code_serves_without_runtime_compilation()
    {
        await using var database = await TestDatabase.CreateAsync();
        // Production accepts only the configured providers' tokens (no development tokens): a real one, on loopback.
        await using var provider = await TestIdentityProvider.TestIdentityProvider.StartAsync("moe", []);
        var api = ApiProcess.Start(database.ConnectionString, ApiProcess.FreePort(), new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Auth__SigningKey"] = ProductionKey,
            ["Auth__Providers__0__Name"] = provider.Name,
            ["Auth__Providers__0__Authority"] = provider.Issuer,
            ["Auth__Providers__0__People"] = "ClaimMapping",
            // Wolverine logs its code-generation mode at Information.
            ["Serilog__MinimumLevel__Override__Wolverine"] = "Information",
        });
        await using var _ = api;
        await api.WaitHealthyAsync(TimeSpan.FromSeconds(60));

        // A development token, even signed with the production key, is refused in Production.
        var development = new TokenIssuer(new JwtSettings { SigningKey = ProductionKey }).Issue(Roles.Authority, "officer.de", "DE");
        using (var refused = api.Client(development))
            await (await refused.GetAsync("/api/inbox")).ShouldBeProblem(HttpStatusCode.Unauthorized);

        var token = await provider.IssueAsync("officer.de", new Dictionary<string, string> { ["wm_role"] = Roles.Authority, ["wm_country"] = "DE" });
        using var client = api.Client(token);
        var filed = await (await client.PostJson("/api/notifications", Samples.Notification("DE", "NL"))).ShouldBe(HttpStatusCode.Created);
        var number = filed["notificationNumber"]!.GetValue<string>();
        var read = await (await client.GetAsync($"/api/notifications/{number}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(number, read["id"]!.GetValue<string>());
        Assert.Equal("filed", read["status"]!.GetValue<string>());

        Assert.Contains(api.Log, line => line.Contains("code generation mode is Static"));
        // Roslyn is loaded only to compile handler chains at runtime: its assemblies are never mapped here.
        var maps = $"/proc/{api.ProcessId}/maps";
        if (File.Exists(maps))
        {
            Assert.DoesNotContain("Microsoft.CodeAnalysis", await File.ReadAllTextAsync(maps));
        }
    }
}
