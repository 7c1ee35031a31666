using Microsoft.AspNetCore.Mvc;
using WasteMovements.Domain.IllegalTraffic;

namespace WasteMovements.Api.Ui.Pages;

public sealed record CasePage(IReadOnlyList<IllegalTrafficCase> Cases);

/// <summary>Illegal-traffic cases of the caller's state (Basel Art. 9), and the form to open one, with or without a notification.</summary>
public sealed class IllegalTrafficCasesModel(UiIdentity identity, ApiClient api) : UiPage(identity, api)
{
    public IReadOnlyList<IllegalTrafficCase> Cases { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await Load();

    private async Task<IActionResult> Load()
    {
        var result = await Get("/api/illegal-traffic-cases");
        if (result.Ok) Cases = result.As<CasePage>()?.Cases ?? [];
        else Failure = result;
        return Page();
    }

    public Task<IActionResult> OnPostOpenAsync(string cause, string details, string stateOfExport, string stateOfImport, string? transitStates,
        string wasteDescription, decimal? quantity, string? unit, string? notificationNumber) =>
        Act("/api/illegal-traffic-cases", new
        {
            cause, details, stateOfExport, stateOfImport,
            transitStates = (transitStates ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries),
            wasteDescription, quantity, unit = quantity is null ? null : unit, notificationNumber,
            foundAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        }, "Case opened.", Load);
}
