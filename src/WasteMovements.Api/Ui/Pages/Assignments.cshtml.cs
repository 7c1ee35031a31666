using Microsoft.AspNetCore.Mvc;
using WasteMovements.Api.Assignments;
using WasteMovements.Domain.Assignments;

namespace WasteMovements.Api.Ui.Pages;

/// <summary>
/// The register of assignments (issue 18): every person with their current assignment and its history, for
/// administrators and auditors; for administrators the assign and revoke forms, posted to the same routes as the API's.
/// </summary>
public sealed class AssignmentsModel(UiIdentity identity, ApiClient api) : UiPage(identity, api)
{
    private const string Resource = "/api/admin/assignments";

    public IReadOnlyList<AssignedPerson> People { get; private set; } = [];
    public IReadOnlyList<AssignmentHistoryEntry>? History { get; private set; }
    [BindProperty(SupportsGet = true, Name = "history")] public string? HistoryOf { get; set; }

    public async Task<IActionResult> OnGetAsync() => await Load();

    private async Task<IActionResult> Load()
    {
        var result = await Get(Resource);
        if (result.Ok) People = result.As<AssignmentsView>()?.People ?? [];
        else Failure ??= result;
        if (Persons.IsId(HistoryOf))
        {
            var history = await Get($"{Resource}/{HistoryOf}/history");
            if (history.Ok) History = history.As<AssignmentHistoryEntry[]>();
            else Failure ??= history;
        }

        return Page();
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public Task<IActionResult> OnPostAssignAsync(string issuer, string subject, string? displayName, string role, string? state, string? facility,
        string? undertaking, string reference) =>
        Act(Resource, new
        {
            issuer, subject, displayName = Blank(displayName), role, state = Blank(state)?.ToUpperInvariant(), facility = Blank(facility),
            undertaking = Blank(undertaking), reference,
        }, "Person assigned.", Load);

    public Task<IActionResult> OnPostRevokeAsync(string person, string reason) =>
        Act($"{Resource}/{Uri.EscapeDataString(person)}/revocations", new { reason }, "Assignment revoked.", Load);
}
