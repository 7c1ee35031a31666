using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using WasteMovements.Api.Notifications;
using WasteMovements.Domain.CodeLists;

namespace WasteMovements.Api.Ui.Pages;

/// <summary>The filing form: the Annex V A items, posted as they are to POST /api/notifications.</summary>
public sealed class FileModel(UiIdentity identity, ApiClient api, CodeListCatalog codes) : UiPage(identity, api)
{
    public CodeListCatalog Codes => codes;
    [BindProperty] public FilingForm Form { get; set; } = new();

    public IActionResult OnGet()
    {
        if (!Me.IsAuthority) return Forbid();
        Form.StateOfExport = Me.Country!;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Me.IsAuthority) return Forbid();
        Form.StateOfExport = Me.Country!;
        var result = await Post("/api/notifications", Form.ToBody());
        if (result.Ok)
        {
            var number = result.As<NotificationCreated>()?.NotificationNumber;
            Flash = $"Notification {number} filed and transmitted to the states concerned.";
            return Redirect($"/ui/notifications/{number}");
        }

        Failure = result;
        return Page();
    }

    /// <summary>The messages for a field: the API's errors whose JSON path is the field's or below it.</summary>
    public IEnumerable<string> Err(string path) =>
        Failure is null ? [] : Failure.Errors.Where(e => e.Key == path || e.Key.StartsWith(path + "[", StringComparison.Ordinal) || e.Key.StartsWith(path + ".", StringComparison.Ordinal))
            .SelectMany(e => e.Value);
}

public sealed class FilingForm
{
    public string StateOfExport { get; set; } = "";
    public string StateOfImport { get; set; } = "";
    public string? TransitStates { get; set; }
    public string? CustomsOfficeOfExit { get; set; }
    public string? CustomsOfficeOfEntry { get; set; }
    public string? Itinerary { get; set; }
    public string Kind { get; set; } = "single";
    public string ReasonForExport { get; set; } = "";
    public string ExporterName { get; set; } = "";
    public string ExporterAddress { get; set; } = "";
    public string? ExporterRegistration { get; set; }
    public string ExporterContact { get; set; } = "";
    public string? ExporterPhone { get; set; }
    public string? ExporterEmail { get; set; }
    public string GeneratorName { get; set; } = "";
    public string GeneratorAddress { get; set; } = "";
    public string GeneratorSite { get; set; } = "";
    public string GeneratorProcess { get; set; } = "";
    public string GeneratorContact { get; set; } = "";
    public string ConsigneeName { get; set; } = "";
    public string ConsigneeAddress { get; set; } = "";
    public string ConsigneeContact { get; set; } = "";
    public string FacilityId { get; set; } = "";
    public string FacilityName { get; set; } = "";
    public string FacilitySite { get; set; } = "";
    public string FacilityContact { get; set; } = "";
    public string? FacilityLatitude { get; set; }
    public string? FacilityLongitude { get; set; }
    public string? FacilityTechnology { get; set; }
    public string CarrierName { get; set; } = "";
    public string CarrierAddress { get; set; } = "";
    public List<string> MeansOfTransport { get; set; } = [];
    public int IntendedShipments { get; set; } = 1;
    public string TotalQuantity { get; set; } = "";
    public string Unit { get; set; } = "t";
    public string? QuantityPerShipment { get; set; }
    public string FirstDeparture { get; set; } = "";
    public string LastDeparture { get; set; } = "";
    public string Designation { get; set; } = "";
    public string Composition { get; set; } = "";
    public string? BaselCode { get; set; }
    public string? OecdCode { get; set; }
    public string YCodes { get; set; } = "";
    public string? HCodes { get; set; }
    public string? UnClass { get; set; }
    public string? UnNumber { get; set; }
    public string? UnShippingName { get; set; }
    public string PhysicalState { get; set; } = "solid";
    public string Packaging { get; set; } = "drum";
    public string? SpecialHandling { get; set; }
    public bool ContainsPops { get; set; }
    public bool ContainsMercury { get; set; }
    /// <summary>Up to three POPs with their concentrations (Stockholm Art. 6(1)(d); EU 2019/1021 Annex IV); the API takes 20.</summary>
    public string?[] PopSubstance { get => _popSubstance; set => _popSubstance = Rows(value); }
    public string?[] PopConcentration { get => _popConcentration; set => _popConcentration = Rows(value); }
    private string?[] _popSubstance = new string?[PopRows];
    private string?[] _popConcentration = new string?[PopRows];
    private const int PopRows = 3;

    /// <summary>Always the form's rows, however many the browser posted.</summary>
    private static string?[] Rows(string?[]? posted) => Enumerable.Range(0, PopRows).Select(i => posted is not null && i < posted.Length ? posted[i] : null).ToArray();
    /// <summary>Minamata Art. 11(2)-(3): the mercury category, total mercury in mg/kg, the allowed use for recovery.</summary>
    public string? MercuryCategory { get; set; }
    public string? MercuryConcentration { get; set; }
    public string? MercuryAllowedUse { get; set; }
    public string Operation { get; set; } = "";
    public string? SubsequentOperation { get; set; }
    /// <summary>The register entry of a pre-consented facility (EU 2024/1157 Art. 14).</summary>
    public string? PreconsentEntry { get; set; }
    /// <summary>One subsequent facility after an interim operation (Art. 15(1)); the API takes several.</summary>
    public string? SubsequentFacilityId { get; set; }
    public string? SubsequentFacilityName { get; set; }
    public string? SubsequentFacilityAddress { get; set; }
    public string? SubsequentFacilityState { get; set; }
    public string? EarlierNotification { get; set; }
    public string? InsuranceProvider { get; set; }
    public string? InsurancePolicy { get; set; }
    public string ContractReference { get; set; } = "";
    public string ContractDate { get; set; } = "";
    public string DeclarationSignedBy { get; set; } = "";
    public bool InformationCorrect { get; set; }

    private static string[] List(string? text) =>
        (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant()).ToArray();

    private static decimal? Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static double? Coordinate(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The POP rows filled in; an unparseable concentration is sent as 0 so the API names the field.</summary>
    private object[] Pops() => Enumerable.Range(0, Math.Min(PopSubstance.Length, PopConcentration.Length))
        .Where(i => !string.IsNullOrWhiteSpace(PopSubstance[i]))
        .Select(i => (object)new { substance = PopSubstance[i]!.Trim(), concentrationMgPerKg = Number(PopConcentration[i]) ?? 0m })
        .ToArray();

    private object? Mercury() => Blank(MercuryCategory) is { } category
        ? new { category, concentrationMgPerKg = Number(MercuryConcentration), allowedUse = Blank(MercuryAllowedUse) }
        : null;

    /// <summary>The JSON body of POST /api/notifications. Unparseable numbers and dates are sent empty so the API names them.</summary>
    public object ToBody() => new
    {
        stateOfExport = StateOfExport,
        stateOfImport = StateOfImport.Trim().ToUpperInvariant(),
        transitStates = List(TransitStates).Select(s => new { state = s }).ToArray(),
        customsOfficeOfExit = Blank(CustomsOfficeOfExit),
        customsOfficeOfEntry = Blank(CustomsOfficeOfEntry),
        itinerary = Blank(Itinerary),
        kind = Kind,
        reasonForExport = ReasonForExport,
        exporter = new { name = ExporterName, address = ExporterAddress, registrationNumber = Blank(ExporterRegistration), contact = new { name = ExporterContact, phone = Blank(ExporterPhone), email = Blank(ExporterEmail) } },
        generators = new[] { new { name = GeneratorName, address = GeneratorAddress, contact = new { name = GeneratorContact }, siteOfGeneration = GeneratorSite, process = GeneratorProcess } },
        consignee = new { name = ConsigneeName, address = ConsigneeAddress, contact = new { name = ConsigneeContact } },
        facility = new { id = FacilityId.Trim(), name = FacilityName, address = FacilitySite, siteAddress = FacilitySite, contact = new { name = FacilityContact },
            latitude = Coordinate(FacilityLatitude), longitude = Coordinate(FacilityLongitude), technicalDescription = Blank(FacilityTechnology) },
        carriers = string.IsNullOrWhiteSpace(CarrierName) ? [] : new[] { new { name = CarrierName, address = CarrierAddress, contact = new { name = CarrierName }, meansOfTransport = MeansOfTransport } },
        meansOfTransport = MeansOfTransport,
        intendedShipments = IntendedShipments,
        totalQuantity = Number(TotalQuantity) ?? 0,
        unit = Unit,
        quantityPerShipment = Number(QuantityPerShipment),
        firstDeparture = Blank(FirstDeparture),
        lastDeparture = Blank(LastDeparture),
        waste = new
        {
            designation = Designation, composition = Composition, baselCode = Blank(BaselCode)?.ToUpperInvariant(), oecdCode = Blank(OecdCode)?.ToUpperInvariant(),
            yCodes = List(YCodes), hCodes = List(HCodes).Select(h => h).ToArray(), unClass = Blank(UnClass), unNumber = Blank(UnNumber)?.ToUpperInvariant(),
            unShippingName = Blank(UnShippingName), physicalState = PhysicalState, packaging = new[] { Packaging }, specialHandling = Blank(SpecialHandling),
            // A waste that names POPs, or declares its mercury, contains them (the flags agree with the lists).
            containsPops = ContainsPops || Pops().Length > 0, containsMercury = ContainsMercury || Mercury() is not null,
            pops = Pops().Length > 0 ? Pops() : null,
            mercury = Mercury(),
        },
        operation = Operation,
        subsequentOperation = Blank(SubsequentOperation),
        preconsentedFacility = false,
        preconsentEntry = Blank(PreconsentEntry)?.ToUpperInvariant(),
        subsequentFacilities = Blank(SubsequentFacilityId) is { } subsequent
            ? new[]
            {
                new
                {
                    state = (SubsequentFacilityState ?? "").Trim().ToUpperInvariant(),
                    facility = new { id = subsequent, name = SubsequentFacilityName ?? "", address = SubsequentFacilityAddress ?? "", siteAddress = SubsequentFacilityAddress ?? "", contact = new { name = SubsequentFacilityName ?? "" } },
                    operation = Blank(SubsequentOperation),
                },
            }
            : null,
        earlierNotification = Blank(EarlierNotification)?.ToUpperInvariant(),
        insurance = string.IsNullOrWhiteSpace(InsuranceProvider) ? null : new { provider = InsuranceProvider, policyNumber = InsurancePolicy ?? "" },
        contract = new { reference = ContractReference, date = Blank(ContractDate) },
        declaration = new { signedBy = DeclarationSignedBy, signedAt = DateTimeOffset.UtcNow, informationCorrect = InformationCorrect },
    };
}
