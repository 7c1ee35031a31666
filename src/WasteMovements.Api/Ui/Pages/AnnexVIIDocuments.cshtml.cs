using Microsoft.AspNetCore.Mvc;
using WasteMovements.Api.GreenList;
using WasteMovements.Api.Uploads;

namespace WasteMovements.Api.Ui.Pages;

/// <summary>The caller's Annex VII documents (EU 2024/1157 Art. 18) with their next steps, and the CSV upload form.</summary>
public sealed class AnnexVIIDocumentsModel(UiIdentity identity, ApiClient api) : UiPage(identity, api)
{
    public AnnexVIIDocumentPage? Documents { get; private set; }
    public UploadResult? Uploaded { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await Load();

    private async Task<IActionResult> Load()
    {
        var result = await Get("/api/annex-vii-documents?pageSize=100");
        if (result.Ok) Documents = result.As<AnnexVIIDocumentPage>();
        else Failure = result;
        return Page();
    }

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
