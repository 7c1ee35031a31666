using Microsoft.AspNetCore.Mvc;
using WasteMovements.Domain.GreenList;

namespace WasteMovements.Api.Ui.Pages;

/// <summary>One Annex VII document: its boxes, signatures, receipts, recovery, inspections, and the caller's actions (same bodies, same routes as the API).</summary>
public sealed class AnnexVIIDocumentModel(UiIdentity identity, ApiClient api) : UiPage(identity, api)
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public AnnexVIIDocumentState? Document { get; private set; }

    private string Resource => $"/api/annex-vii-documents/{Uri.EscapeDataString(Id)}";
    public bool IsFacility => Document is not null && Me.IsFacilityOf(Document.FacilityId);
    public bool IsConsignee => Document is not null && Me.IsUndertakingOf(Document.ConsigneeId);
    public bool IsConcernedAuthority => Document is not null && Me.IsAuthority && Document.Concerns(Me.State);
    public static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd");

    public async Task<IActionResult> OnGetAsync() => await Load();

    private async Task<IActionResult> Load()
    {
        var result = await Get(Resource);
        if (result.Ok) Document = result.As<AnnexVIIDocumentState>();
        else Failure = result;
        return Page();
    }

    public Task<IActionResult> OnPostReceiveAsync(string receivedOn, decimal quantityReceivedTonnes) =>
        Act(Resource + "/receipts", new { receivedOn, quantityReceivedTonnes }, "Receipt confirmed.", Load);

    public Task<IActionResult> OnPostRecoverAsync(string completedOn) =>
        Act(Resource + "/recovery", new { completedOn }, "Recovery certified.", Load);

    public Task<IActionResult> OnPostInspectAsync(string inspectedOn, string place, string finding) =>
        Act(Resource + "/inspections", new { inspectedOn, place, finding }, "Inspection recorded.", Load);
}
