using Microsoft.AspNetCore.Mvc;
using WasteMovements.Api.GreenList;
using WasteMovements.Api.Uploads;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.GreenList;

namespace WasteMovements.Api.Ui.Pages;

/// <summary>The caller's Annex VII documents (EU 2024/1157 Art. 18) with their next steps, and the CSV upload form.</summary>
public sealed class AnnexVIIDocumentsModel(UiIdentity identity, ApiClient api) : UiPage(identity, api)
{
    public AnnexVIIDocumentPage? Documents { get; private set; }
    public UploadResult? Uploaded { get; private set; }
    [BindProperty] public AnnexVIIForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() => await Load();

    private async Task<IActionResult> Load()
    {
        var result = await Get("/api/annex-vii-documents?pageSize=100");
        if (result.Ok) Documents = result.As<AnnexVIIDocumentPage>();
        else Failure = result;
        return Page();
    }

    /// <summary>
    /// Fills one Annex VII document: the same body to the same route as the API (POST /api/annex-vii-documents), so the
    /// same validator and <see cref="GreenListProcedure.Fill"/> decide it (EU 2024/1157 Art. 18(4)-(5)); a refusal is shown with its rule and article.
    /// </summary>
    public async Task<IActionResult> OnPostFillAsync()
    {
        if (!Me.IsUndertaking) return Forbid();
        var result = await Post("/api/annex-vii-documents", Form.ToBody());
        if (result.Ok)
        {
            var id = result.As<AnnexVIIDocumentCreated>()?.DocumentId;
            Flash = $"Annex VII document {id} filled and signed.";
            return Redirect($"/ui/annex-vii/{id}");
        }

        Failure = result;
        return await Load();
    }

    /// <summary>The messages for a field: the API's errors whose JSON path is the field's or below it.</summary>
    public IEnumerable<string> Err(string path) =>
        Failure is null ? [] : Failure.Errors.Where(e => e.Key == path || e.Key.StartsWith(path + "[", StringComparison.Ordinal) || e.Key.StartsWith(path + ".", StringComparison.Ordinal))
            .SelectMany(e => e.Value);

    /// <summary>Posts the file to POST /api/uploads/{kind} with the Upload-Id typed (the same on a retry) and shows each row's outcome.</summary>
    public async Task<IActionResult> OnPostUploadAsync(string kind, string uploadId, IFormFile? file)
    {
        if (file is null) { Flash = "Choose a CSV file."; return RedirectToPage(); }
        using var reader = new StreamReader(file.OpenReadStream());
        var csv = await reader.ReadToEndAsync(HttpContext.RequestAborted);
        var result = await Api.PostCsvAsync(Token, $"/api/uploads/{Uri.EscapeDataString(kind)}", csv, uploadId, HttpContext.RequestAborted);
        if (result.Ok) Uploaded = result.As<UploadResult>();
        else Failure = result;
        return await Load();
    }
}

/// <summary>The boxes of one Annex VII document (EU 2024/1157 Art. 18(4)-(5)), posted as the body of POST /api/annex-vii-documents.</summary>
public sealed class AnnexVIIForm
{
    public string ArrangerName { get; set; } = "";
    public string ArrangerAddress { get; set; } = "";
    public string ArrangerContact { get; set; } = "";
    public ArrangerKind ArrangerKind { get; set; } = ArrangerKind.OriginalProducer;
    public string? ArrangerPermit { get; set; }
    public string ConsigneeName { get; set; } = "";
    public string ConsigneeAddress { get; set; } = "";
    public string ConsigneeContact { get; set; } = "";
    public string? ConsigneeId { get; set; }
    public string FacilityId { get; set; } = "";
    public string FacilityName { get; set; } = "";
    public string FacilityAddress { get; set; } = "";
    public string FacilitySite { get; set; } = "";
    public string FacilityContact { get; set; } = "";
    public string FacilityPermit { get; set; } = "";
    public string CarrierName { get; set; } = "";
    public string CarrierAddress { get; set; } = "";
    public string CarrierContact { get; set; } = "";
    public string StateOfDispatch { get; set; } = "";
    public string? StatesOfTransit { get; set; }
    public string StateOfDestination { get; set; } = "";
    public string Operation { get; set; } = "";
    public string? SubsequentFacility { get; set; }
    public string? SubsequentOperation { get; set; }
    public string Description { get; set; } = "";
    public string WasteCode { get; set; } = "";
    public string? EuWasteCode { get; set; }
    public decimal QuantityTonnes { get; set; }
    public DateOnly ShipmentDate { get; set; }
    public string ContractReference { get; set; } = "";
    public bool Sample { get; set; }
    public string? SamplePurpose { get; set; }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public AnnexVIIParticulars ToBody() => new(
        new Party(ArrangerName, ArrangerAddress, null, new ContactPerson(ArrangerContact, null, null)),
        ArrangerKind, Blank(ArrangerPermit),
        new Party(ConsigneeName, ConsigneeAddress, null, new ContactPerson(ConsigneeContact, null, null)), Blank(ConsigneeId),
        new Facility(FacilityId.Trim(), FacilityName, FacilityAddress, FacilitySite, new ContactPerson(FacilityContact, null, null), null, null, null),
        FacilityPermit, null, null,
        [new Carrier(CarrierName, CarrierAddress, null, new ContactPerson(CarrierContact, null, null), ["road"])],
        StateOfDispatch.Trim(),
        (StatesOfTransit ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        StateOfDestination.Trim(), Operation.Trim(), Blank(SubsequentFacility), Blank(SubsequentOperation),
        Description, WasteCode.Trim(), Blank(EuWasteCode), QuantityTonnes, ShipmentDate, ContractReference, Sample, Blank(SamplePurpose));
}
