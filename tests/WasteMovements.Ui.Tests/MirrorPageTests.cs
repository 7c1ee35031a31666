using Microsoft.Playwright;

namespace WasteMovements.Ui.Tests;

/// <summary>The mirror statistics page in a real browser: an authority loads a partner's Part II rows, sees the cell the partner reported, and a malformed file names its row and field.</summary>
public sealed class MirrorPageTests : IClassFixture<UiHost>
{
    private readonly UiHost _host;

    public MirrorPageTests(UiHost host) => _host = host;

    private const string Header = "year,reporting_state,direction,partner_state,transit_states,y_codes,annex_viii_code,other_code,h_codes,un_class,operation,quantity_tonnes,notifications,shipments";

    [Fact]
    public async Task An_authority_loads_a_partners_figures_and_sees_where_they_disagree()
    {
        var year = DateTime.UtcNow.Year;
        var de = await _host.SignInAsync("Authority DE (Germany)");
        await de.GotoAsync("/ui/reports");
        await de.GetByRole(AriaRole.Link, new() { Name = "Mirror statistics" }).ClickAsync();
        await de.Locator("#load-partner").FillAsync("NL");

        var bad = Header + "\n" + $"{year},NL,import,DE,,Y31,A1180,,H11,,R4,\"5,5\",1,1\n";
        await de.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "nl.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(bad) });
        await de.GetByRole(AriaRole.Button, new() { Name = "Load" }).ClickAsync();
        await Assertions.Expect(de.Locator("table")).ToContainTextAsync("quantity_tonnes");

        var good = Header + "\n" + $"{year},NL,import,DE,,Y31,A1180,,H11,,R4,5.500,1,1\n";
        await de.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "nl.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(good) });
        await de.GetByRole(AriaRole.Button, new() { Name = "Load" }).ClickAsync();
        await Assertions.Expect(de.Locator("main")).ToContainTextAsync("Loaded part-ii-csv from NL");
        var row = de.Locator("tr", new() { HasText = "A1180" });
        await Assertions.Expect(row).ToContainTextAsync("5.5");
        await Assertions.Expect(row).ToContainTextAsync("no");
    }
}
