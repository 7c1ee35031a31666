using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using WasteMovements.Api.PreconsentedFacilities;
using WasteMovements.Domain.PreconsentedFacilities;

namespace WasteMovements.Api.Ui.Pages;

/// <summary>
/// The register of pre-consented recovery facilities (EU 2024/1157 Art. 14): every entry for anyone signed in; for an
/// authority, the actions on its own state's register (register, amend, revoke), posted to the same routes as the API's.
/// </summary>
public sealed class PreconsentedFacilitiesModel(UiIdentity identity, ApiClient api) : UiPage(identity, api)
{
    private const string Resource = "/api/preconsented-facilities";

    public IReadOnlyList<PreconsentedFacilityEntry> Entries { get; private set; } = [];
    public DateOnly Today { get; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Whether the caller keeps this entry (the authority of its state, Art. 14(1)).</summary>
    public bool Keeps(PreconsentedFacilityEntry e) => Me.IsAuthorityOf(e.State);

    public async Task<IActionResult> OnGetAsync() => await Load();

    private async Task<IActionResult> Load()
    {
        var result = await Get(Resource);
        if (result.Ok) Entries = result.As<PreconsentRegisterView>()?.Entries ?? [];
        else Failure ??= result;
        return Page();
    }

    private static string[] List(string? text) =>
        (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant()).ToArray();

    private static decimal Number(string? text) => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : 0;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public Task<IActionResult> OnPostRegisterAsync(string entryId, string facilityId, string facilityName, string registrationNumber, string address,
        string technology, string operations, string wasteCodes, string totalQuantity, string unit, string validFrom, string? validUntil, string decisionReference) =>
        Act(Resource, new
        {
            entryId = entryId.Trim().ToUpperInvariant(), state = Me.Country, facilityId, facilityName, registrationNumber, address, technology,
            operations = List(operations), wasteCodes = List(wasteCodes), totalQuantity = Number(totalQuantity), unit, validFrom = Blank(validFrom),
            validUntil = Blank(validUntil), decisionReference,
        }, "Pre-consent registered.", Load);

    public async Task<IActionResult> OnPostAmendAsync(string entryId, string operations, string wasteCodes, string totalQuantity, string? validUntil, string reason)
    {
        var current = await Get($"{Resource}/{Uri.EscapeDataString(entryId)}");
        if (!current.Ok || current.As<PreconsentedFacilityEntry>() is not { } e)
        {
            Failure = current;
            return await Load();
        }

        var t = e.Terms;
        return await Act($"{Resource}/{Uri.EscapeDataString(entryId)}/amendments", new
        {
            facilityName = t.FacilityName, registrationNumber = t.RegistrationNumber, address = t.Address, technology = t.Technology,
            operations = List(operations), wasteCodes = List(wasteCodes), totalQuantity = Number(totalQuantity), unit = t.Unit,
            validFrom = t.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), validUntil = Blank(validUntil), reason,
        }, "Pre-consent amended.", Load);
    }

    public Task<IActionResult> OnPostRevokeAsync(string entryId, string reason) =>
        Act($"{Resource}/{Uri.EscapeDataString(entryId)}/revocation", new { reason }, "Pre-consent revoked.", Load);
}
