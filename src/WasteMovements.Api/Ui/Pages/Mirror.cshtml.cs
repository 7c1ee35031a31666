using Microsoft.AspNetCore.Mvc;
using WasteMovements.Api.Reports.Mirror;
using WasteMovements.Domain.Reports.Mirror;

namespace WasteMovements.Api.Ui.Pages;

/// <summary>
/// Mirror statistics: the authority loads a partner's figures (POST /api/reports/mirror/partner-figures, the file as its
/// body) and reads the comparison (GET /api/reports/mirror), each cell linking the movements that explain it.
/// </summary>
public sealed class MirrorModel(UiIdentity identity, ApiClient api) : UiPage(identity, api)
{
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Partner { get; set; }
    [BindProperty(SupportsGet = true)] public int Year { get; set; } = DateTime.UtcNow.Year;
    [BindProperty(SupportsGet = true)] public string By { get; set; } = "waste";
    [BindProperty(SupportsGet = true)] public decimal Tolerance { get; set; } = MirrorStatistics.DefaultTolerancePercent;
    public MirrorComparison? Comparison { get; private set; }
    public PartnerFiguresLoaded? Loaded { get; private set; }

    private string Query(string format) =>
        $"/api/reports/mirror?state={Uri.EscapeDataString(State ?? "")}&partner={Uri.EscapeDataString(Partner ?? "")}&year={Year}&by={Uri.EscapeDataString(By)}" +
        $"&tolerance={Tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture)}&format={format}";

    public string CsvLink => $"/ui/reports/mirror?handler=Csv&state={Uri.EscapeDataString(State ?? "")}&partner={Uri.EscapeDataString(Partner ?? "")}&year={Year}&by={Uri.EscapeDataString(By)}" +
                             $"&tolerance={Tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public async Task OnGetAsync()
    {
        State ??= Me.Country;
        if (string.IsNullOrEmpty(State) || string.IsNullOrEmpty(Partner)) return;
        await CompareAsync();
    }

    private async Task CompareAsync()
    {
        var result = await Get(Query("json"));
        if (result.Ok) Comparison = result.As<MirrorComparison>();
        else Failure = result;
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        State ??= Me.Country;
        var result = await Get(Query("csv"));
        if (result.Ok && result.Bytes is { } csv) return File(csv, "text/csv", $"mirror-{State}-{Partner}-{Year}.csv");
        Failure = result;
        return Page();
    }

    /// <summary>Sends the file as it is: JSON by its name or first character, CSV otherwise; then shows the comparison with the partner it names.</summary>
    public async Task<IActionResult> OnPostLoadAsync(IFormFile? file)
    {
        State = Me.Country;
        if (file is null) { Flash = "Choose a file."; return RedirectToPage(); }
        using var reader = new StreamReader(file.OpenReadStream());
        var text = await reader.ReadToEndAsync(HttpContext.RequestAborted);
        var json = file.FileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t').StartsWith('{');
        var path = "/api/reports/mirror/partner-figures" + (string.IsNullOrWhiteSpace(Partner) ? "" : $"?partner={Uri.EscapeDataString(Partner.Trim().ToUpperInvariant())}");
        var result = await Api.PostFileAsync(Token, path, text, json ? "application/json" : "text/csv", HttpContext.RequestAborted);
        if (!result.Ok)
        {
            Failure = result;
            return Page();
        }

        Loaded = result.As<PartnerFiguresLoaded>();
        if (Loaded is { } l)
        {
            (Partner, Year) = (l.Partner, l.Year);
            await CompareAsync();
        }

        return Page();
    }
}
