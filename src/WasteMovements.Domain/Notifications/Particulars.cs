using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Notifications;

public enum NotificationKind
{
    /// <summary>One movement (or a series) under a single consent.</summary>
    Single,
    /// <summary>Basel Art. 6(6)-(8): regular shipments of the same waste to the same disposer, at most 12 months.</summary>
    General,
}

/// <summary>
/// One fraction of a mixture (EU 2024/1157 Art. 5(10)(b)): its code (an Annex III/IIIB/IV entry, an OECD or Basel
/// code, or a list-of-waste code) and its share of the mixture by weight, in per cent. The fractions are listed in
/// order of importance, as the notifier gives them.
/// </summary>
public sealed record WasteFraction(string Code, decimal SharePercent);

/// <summary>
/// Annex V A items 8 (UN class), 13, 14 and 17: what the waste is and how it is packed. <see cref="Mixture"/> and
/// <see cref="Fractions"/>: a mixture not covered by a single entry names a code per fraction (EU 2024/1157 Art. 5(10)(b)).
/// <see cref="DensityTonnesPerCubicMetre"/>: the declared density, needed to report a quantity notified in m3 in
/// tonnes (Basel Art. 13(3)(b); the reporting format's tables are in metric tonnes).
/// <see cref="Pops"/>: each persistent organic pollutant with its concentration (Stockholm Art. 6(1)(d); EU 2019/1021
/// Annex IV); <see cref="Mercury"/>: the mercury category and total mercury concentration (Minamata Art. 11(2)). Both
/// come last and default to null so that files filed before them read as they were (docs/decisions/0005-event-versioning.md);
/// <see cref="ContainsPops"/> and <see cref="ContainsMercury"/> stay, and the validator keeps them consistent with the lists.
/// </summary>
public sealed record WasteDescription(
    string Designation,
    string Composition,
    string? BaselCode,
    string? OecdCode,
    IReadOnlyList<string> YCodes,
    IReadOnlyList<string> HCodes,
    string? UnClass,
    string? UnNumber,
    string? UnShippingName,
    string PhysicalState,
    IReadOnlyList<string> Packaging,
    string? SpecialHandling,
    bool ContainsPops,
    bool ContainsMercury,
    bool Mixture = false,
    IReadOnlyList<WasteFraction>? Fractions = null,
    decimal? DensityTonnesPerCubicMetre = null,
    IReadOnlyList<global::WasteMovements.Domain.Notifications.Pops.PopContent>? Pops = null,
    global::WasteMovements.Domain.Notifications.Mercury.MercuryContent? Mercury = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<WasteFraction> FractionCodes => Fractions ?? [];

    /// <summary>The POPs the waste names (none on files filed before the list).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<global::WasteMovements.Domain.Notifications.Pops.PopContent> PopList => Pops ?? [];

    /// <summary>Whether the waste contains POPs: the flag, or a named POP (a file that names POPs contains them).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasPops => ContainsPops || PopList.Count > 0;

    /// <summary>Whether the waste contains mercury: the flag, or a declared mercury category.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasMercury => ContainsMercury || Mercury is not null;
}

/// <summary>
/// EU 2024/1157 Art. 15(1): a facility where a subsequent interim or non-interim operation is envisaged after the
/// interim operation (D13-D15, R12, R13), in the state where it lies, with the operation it carries out there.
/// </summary>
public sealed record SubsequentFacility(string State, Facility Facility, string Operation);

/// <summary>
/// The content of a notification: the 21 items of Basel Annex V A (and the boxes of the harmonised
/// OECD/EU notification form). This is the body of POST /api/notifications and is kept verbatim on the
/// <see cref="NotificationFiled"/> event so that the file can be replayed as it was submitted.
/// </summary>
public sealed record NotificationParticulars(
    string StateOfExport,
    string StateOfImport,
    IReadOnlyList<TransitRoute>? TransitStates,
    string? CustomsOfficeOfExit,
    string? CustomsOfficeOfEntry,
    string? Itinerary,
    NotificationKind Kind,
    string ReasonForExport,
    Party Exporter,
    IReadOnlyList<Generator> Generators,
    Party Consignee,
    Facility Facility,
    IReadOnlyList<Carrier> Carriers,
    IReadOnlyList<string> MeansOfTransport,
    int IntendedShipments,
    decimal TotalQuantity,
    string Unit,
    decimal? QuantityPerShipment,
    DateOnly FirstDeparture,
    DateOnly LastDeparture,
    WasteDescription Waste,
    string Operation,
    string? SubsequentOperation,
    /// <summary>Pre-consent claimed without a register entry: read on filings made before the register; now refused unless <see cref="PreconsentEntry"/> names the entry.</summary>
    bool PreconsentedFacility,
    Insurance? Insurance,
    Contract Contract,
    Declaration Declaration,
    string? PreconsentEntry = null,
    IReadOnlyList<SubsequentFacility>? SubsequentFacilities = null,
    string? EarlierNotification = null)
{
    public IReadOnlyList<TransitRoute> Transits => TransitStates ?? [];

    /// <summary>The facilities after an interim operation, in order (EU 2024/1157 Art. 15(1)).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<SubsequentFacility> Subsequent => SubsequentFacilities ?? [];

    /// <summary>
    /// Whether the filing claims pre-consent: by naming the register entry (<see cref="PreconsentEntry"/>), or by the
    /// flag of filings made before the register (<see cref="PreconsentedFacility"/>), which is now refused without an entry.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool ClaimsPreconsent => PreconsentedFacility || PreconsentEntry is not null;

    /// <summary>Every waste code named on the notification (Y, Basel A/B and OECD codes).</summary>
    public IEnumerable<string> AllWasteCodes()
    {
        foreach (var y in Waste.YCodes) yield return y;
        if (Waste.BaselCode is { } b) yield return b;
        if (Waste.OecdCode is { } o) yield return o;
        foreach (var f in Waste.FractionCodes) yield return f.Code;
    }
}
