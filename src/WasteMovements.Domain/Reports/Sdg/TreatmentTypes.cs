using System.Text.RegularExpressions;

namespace WasteMovements.Domain.Reports.Sdg;

/// <summary>
/// The types of treatment of SDG indicator 12.4.2(b) (UNSD/UNEP metadata: "recycling, incineration with/without energy
/// recovery, landfilling or other"), and <see cref="Interim"/>, which is not a treatment: the waste is only stored,
/// blended or repackaged before the final operation (Basel Annex IV D13-D15, R12-R13).
/// </summary>
public enum TreatmentType
{
    Recycling,
    IncinerationWithEnergyRecovery,
    IncinerationWithoutEnergyRecovery,
    Landfilling,
    OtherDisposal,
    Interim,
}

/// <summary>
/// The D/R code (Basel Annex IV) to treatment type mapping the SDG 12.4.2 series use (docs/law.md 1.6a). The
/// metadata names the types but gives no D/R table: the table is our choice [K], written down so that it can be
/// checked and changed in one place.
/// </summary>
public static class TreatmentTypes
{
    public const string Source = "UNSD/UNEP SDG indicator metadata 12.4.2 (types of treatment); mapping of Basel Annex IV operations: WasteMovements choice, docs/law.md 1.6a [K]";

    /// <summary>Every Basel Annex IV operation with its type; an operation outside Annex IV has none.</summary>
    public static readonly IReadOnlyDictionary<string, TreatmentType> ByOperation = new Dictionary<string, TreatmentType>(StringComparer.OrdinalIgnoreCase)
    {
        // Annex IV A: D1 deposit into or onto land, D5 specially engineered landfill, D12 permanent storage (e.g. in a mine).
        ["D1"] = TreatmentType.Landfilling, ["D5"] = TreatmentType.Landfilling, ["D12"] = TreatmentType.Landfilling,
        // D2 land treatment, D3 deep injection, D4 surface impoundment, D6-D7 release into water or seas, D8 biological and D9 physico-chemical treatment.
        ["D2"] = TreatmentType.OtherDisposal, ["D3"] = TreatmentType.OtherDisposal, ["D4"] = TreatmentType.OtherDisposal, ["D6"] = TreatmentType.OtherDisposal,
        ["D7"] = TreatmentType.OtherDisposal, ["D8"] = TreatmentType.OtherDisposal, ["D9"] = TreatmentType.OtherDisposal,
        // D10 incineration on land, D11 incineration at sea: incineration without energy recovery.
        ["D10"] = TreatmentType.IncinerationWithoutEnergyRecovery, ["D11"] = TreatmentType.IncinerationWithoutEnergyRecovery,
        // Annex IV B: R1 use principally as a fuel or other means to generate energy.
        ["R1"] = TreatmentType.IncinerationWithEnergyRecovery,
        // R2-R11: reclamation, regeneration, recycling, re-refining, land treatment for benefit, use of residues.
        ["R2"] = TreatmentType.Recycling, ["R3"] = TreatmentType.Recycling, ["R4"] = TreatmentType.Recycling, ["R5"] = TreatmentType.Recycling,
        ["R6"] = TreatmentType.Recycling, ["R7"] = TreatmentType.Recycling, ["R8"] = TreatmentType.Recycling, ["R9"] = TreatmentType.Recycling,
        ["R10"] = TreatmentType.Recycling, ["R11"] = TreatmentType.Recycling,
        // D13 blending, D14 repackaging, D15 storage before D1-D14; R12 exchange, R13 accumulation before R1-R11.
        ["D13"] = TreatmentType.Interim, ["D14"] = TreatmentType.Interim, ["D15"] = TreatmentType.Interim,
        ["R12"] = TreatmentType.Interim, ["R13"] = TreatmentType.Interim,
    };

    public static TreatmentType? Of(string operation) => ByOperation.TryGetValue(operation.Trim(), out var type) ? type : null;

    /// <summary>The wire name of a type: <c>recycling</c>, <c>incineration-with-energy-recovery</c>, ... <c>interim</c>.</summary>
    public static string Name(this TreatmentType type) => type switch
    {
        TreatmentType.Recycling => "recycling",
        TreatmentType.IncinerationWithEnergyRecovery => "incineration-with-energy-recovery",
        TreatmentType.IncinerationWithoutEnergyRecovery => "incineration-without-energy-recovery",
        TreatmentType.Landfilling => "landfilling",
        TreatmentType.OtherDisposal => "other-disposal",
        _ => "interim",
    };

    public static string Label(this TreatmentType type) => type switch
    {
        TreatmentType.Recycling => "Recycling (R2-R11)",
        TreatmentType.IncinerationWithEnergyRecovery => "Incineration with energy recovery (R1)",
        TreatmentType.IncinerationWithoutEnergyRecovery => "Incineration without energy recovery (D10, D11)",
        TreatmentType.Landfilling => "Landfilling (D1, D5, D12)",
        TreatmentType.OtherDisposal => "Other disposal (D2-D4, D6-D9)",
        _ => "Interim, final treatment not known here (D13-D15, R12, R13)",
    };
}

/// <summary>
/// Which wastes count as hazardous for SDG 12.4.2. The metadata takes hazardous waste as the law defines it; for a
/// transboundary movement that is Basel Art. 1(1): (a) wastes of an Annex I category (Y1-Y45) unless they have no
/// Annex III characteristic, with Annex VIII (list A) wastes characterised as hazardous and Annex IX (list B) wastes
/// not, unless they contain Annex I material to an extent that they show an Annex III characteristic; (b) wastes a
/// state defines as hazardous. Annex II "other wastes" (Y46-Y48, Art. 1(2)) are not hazardous wastes.
/// </summary>
public static partial class HazardousForSdg
{
    [GeneratedRegex("^A[1-4][0-9]{3}$")] private static partial Regex AnnexVIII();
    // OECD Decision C(2001)107 Appendix 4 (amber list) codes of its own: AA010 ... AD160.
    [GeneratedRegex("^A[A-D][0-9]{3}$")] private static partial Regex OecdAmber();
    [GeneratedRegex("^Y4[6-8]$")] private static partial Regex AnnexII();

    /// <param name="wasteCode">the Annex VIII/IX, OECD or national code of the movement (several for a mixture, space separated)</param>
    /// <param name="yCodes">Annex I/II categories, space separated</param>
    /// <param name="hCodes">Annex III characteristics, space separated</param>
    public static bool IsHazardous(string wasteCode, string yCodes, string hCodes)
    {
        if (wasteCode.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(c => AnnexVIII().IsMatch(c) || OecdAmber().IsMatch(c))) return true;
        // Only Annex II categories: "other wastes" (Art. 1(2)), not hazardous wastes.
        var categories = yCodes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (categories.Length > 0 && categories.All(y => AnnexII().IsMatch(y))) return false;
        // An Annex IX (list B), national or list-of-waste code: hazardous when it shows an Annex III characteristic
        // (the Annex IX proviso; Art. 1(1)(a) "unless they do not possess any of the characteristics").
        return hCodes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 0;
    }
}
