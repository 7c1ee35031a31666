using Microsoft.AspNetCore.Mvc;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Ui.Pages;

/// <summary>One shipment: the movement document, custody, crossings, receipt, certificates, and the caller's actions.</summary>
public sealed class ShipmentModel(UiIdentity identity, ApiClient api) : UiPage(identity, api)
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    public ShipmentState? State { get; private set; }

    private string Resource => $"/api/shipments/{Uri.EscapeDataString(Id)}";
    public bool IsExport => Me.IsAuthority && State?.StateOfExport == Me.Country;
    public bool IsFacility => Me.IsFacility && State?.FacilityId == Me.Facility;

    public async Task<IActionResult> OnGetAsync() => await Load();

    private async Task<IActionResult> Load()
    {
        var result = await Get(Resource);
        if (result.Ok) State = result.As<ShipmentState>();
        else Failure = result;
        return Page();
    }

    /// <summary>The movement document PDF, fetched from the API with the signed-in user's token.</summary>
    public async Task<IActionResult> OnGetDocumentAsync()
    {
        var result = await Get(Resource + "/document.pdf");
        return result.Ok && result.Bytes is { } pdf ? File(pdf, "application/pdf", $"movement-document-{Id}.pdf") : await Load();
    }

    private static string Now => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ");

    public Task<IActionResult> OnPostDepartAsync(string carrier) =>
        Act(Resource + "/departure", new { departedAt = Now, carrier }, "Departure recorded.", Load);

    public Task<IActionResult> OnPostCrossAsync(string customsOffice, string direction) =>
        Act(Resource + "/border-crossings", new { state = Me.Country, customsOffice, direction, at = Now }, "Crossing recorded.", Load);

    public Task<IActionResult> OnPostReceiveAsync(decimal quantity, string unit) =>
        Act(Resource + "/receipt", new { receivedAt = Now, quantity, unit }, "Receipt confirmed.", Load);

    public Task<IActionResult> OnPostRejectAsync(string reason, decimal? quantity) =>
        Act(Resource + "/rejection", new { reason, quantity }, "Rejection recorded; the take-back clock runs.", Load);

    /// <summary>The certificate; after an interim one, the final certificate of the subsequent facility (EU 2024/1157 Art. 15(5)).</summary>
    public Task<IActionResult> OnPostCompleteAsync(string operation, string certificateReference, string? subsequentFacilityId, DateOnly? deliveredAt,
        string? onwardNotification) =>
        Act(Resource + "/completion", new
        {
            operation, completedAt = Now, certificateReference,
            subsequentFacilityId = string.IsNullOrWhiteSpace(subsequentFacilityId) ? null : subsequentFacilityId,
            deliveredAt = deliveredAt?.ToString("yyyy-MM-dd'T'00:00:00'Z'", System.Globalization.CultureInfo.InvariantCulture),
            onwardNotification = string.IsNullOrWhiteSpace(onwardNotification) ? null : onwardNotification,
        }, "Certificate recorded.", Load);

    public Task<IActionResult> OnPostReturnAsync() => Act(Resource + "/return", null, "Take-back recorded.", Load);

    public bool IsImport => Me.IsAuthority && State?.Document.StateOfImport == Me.Country;

    /// <summary>Basel Art. 8: the state of import records the day it informed the state of export (and the Secretariat).</summary>
    public Task<IActionResult> OnPostInformAsync(DateOnly informedOn, bool secretariatInformed) =>
        Act(Resource + "/take-back/information", new { informedAt = informedOn.ToString("yyyy-MM-dd") + "T00:00:00Z", secretariatInformed },
            "Information recorded; the take-back period runs from it.", Load);

    /// <summary>Basel Art. 8; EU 2024/1157 Art. 22(2): another period the states concerned agreed.</summary>
    public Task<IActionResult> OnPostAgreePeriodAsync(int days, string agreedBy, string details) =>
        Act(Resource + "/take-back/agreed-period", new { days, agreedBy = agreedBy.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries), details },
            "Agreed period recorded.", Load);

    /// <summary>A state concerned (export, import, transit: Basel Art. 2(13)).</summary>
    public bool IsConcerned => Me.IsAuthority && State is { } s
        && (s.StateOfExport == Me.Country || s.Document.StateOfImport == Me.Country || s.Document.TransitStates.Any(t => t.State == Me.Country));

    /// <summary>Basel Art. 13(1), 13(3)(f): a state concerned reports an accident during the movement or disposal.</summary>
    public Task<IActionResult> OnPostAccidentAsync(DateTime happenedAt, string? state, string place, string whatHappened, string measuresTaken) =>
        Act(Resource + "/accidents", new
        {
            happenedAt = DateTime.SpecifyKind(happenedAt, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            state = string.IsNullOrWhiteSpace(state) ? null : state.Trim().ToUpperInvariant(), place, whatHappened, measuresTaken,
        }, "Accident reported.", Load);
}
