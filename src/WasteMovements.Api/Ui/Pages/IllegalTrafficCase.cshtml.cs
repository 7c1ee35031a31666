using Microsoft.AspNetCore.Mvc;
using WasteMovements.Domain.IllegalTraffic;

namespace WasteMovements.Api.Ui.Pages;

/// <summary>One illegal-traffic case: what was found, the responsibility and the duty's deadline, and the caller's actions (Basel Art. 9(2)-(4)).</summary>
public sealed class IllegalTrafficCaseModel(UiIdentity identity, ApiClient api) : UiPage(identity, api)
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public IllegalTrafficCase? Case { get; private set; }

    private string Resource => $"/api/illegal-traffic-cases/{Uri.EscapeDataString(Id)}";
    public bool IsExport => Me.IsAuthority && Case?.StateOfExport == Me.Country;
    public bool IsImport => Me.IsAuthority && Case?.StateOfImport == Me.Country;
    public bool IsResponsible => Me.IsAuthority && Case?.Responsibility is { } r
        && (r.Party == ResponsibleParty.Undetermined ? IsExport || IsImport : r.ResponsibleState == Me.Country);

    public async Task<IActionResult> OnGetAsync() => await Load();

    private async Task<IActionResult> Load()
    {
        var result = await Get(Resource);
        if (result.Ok) Case = result.As<IllegalTrafficCase>();
        else Failure = result;
        return Page();
    }

    private static string Midnight(DateOnly day) => day.ToString("yyyy-MM-dd") + "T00:00:00Z";

    public Task<IActionResult> OnPostAttributeAsync(string party, DateOnly informedOn, string details) =>
        Act(Resource + "/responsibility", new { party, informedAt = Midnight(informedOn), details }, "Responsibility recorded.", Load);

    public Task<IActionResult> OnPostAgreePeriodAsync(int days, string agreedBy, string details) =>
        Act(Resource + "/agreed-period", new { days, agreedBy = agreedBy.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries), details }, "Agreed period recorded.", Load);

    public Task<IActionResult> OnPostTakeBackAsync() =>
        Act(Resource + "/take-back", new { returnedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ") }, "Take-back recorded.", Load);

    public Task<IActionResult> OnPostDisposalAsync(string facility, string operation, string details) =>
        Act(Resource + "/disposal", new { facility, operation, details }, "Disposal recorded.", Load);

    public Task<IActionResult> OnPostCloseAsync(string reason) => Act(Resource + "/closure", new { reason }, "Case closed.", Load);
}
