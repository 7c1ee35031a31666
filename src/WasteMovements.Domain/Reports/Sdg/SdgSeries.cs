namespace WasteMovements.Domain.Reports.Sdg;

/// <summary>One value of an SDG series: its code (UNSD series code), the tonnes and the shipments behind them.</summary>
public sealed record SdgValue(string Series, string Description, decimal Tonnes, int Shipments);

/// <summary>Hazardous waste exported for one type of treatment abroad, with the D/R operations it comes from.</summary>
public sealed record TreatedAbroad(string Treatment, string Label, IReadOnlyList<string> Operations, decimal Tonnes, int Shipments);

/// <summary>
/// What the movements leave out of the tonnes: Annex II "other wastes" and non-hazardous wastes (not in the series),
/// and quantities received in m3 without a declared density (cannot be given in tonnes).
/// </summary>
public sealed record SdgExcluded(decimal NotHazardousTonnes, int NotHazardousShipments, decimal CubicMetresWithoutDensity, int ShipmentsWithoutDensity);

/// <summary>
/// The SDG 12.4.2 series one state's movements can give for a year: EN_HAZ_EXP and EN_HAZ_IMP (tonnes, from the
/// quantities the facilities received), and the exports by type of treatment abroad (<see cref="TreatmentTypes"/>).
/// Built from the Art. 13(3) annual report, so the same year rule holds: an export counts in the year the shipment
/// left, an import in the year it arrived. Not EN_HAZ_GENV or EN_HAZ_TREATV: generation and domestic treatment are
/// not transboundary movements and are not recorded here.
/// </summary>
public sealed record SdgSeries(
    string State, int Year, string Unit, IReadOnlyList<SdgValue> Series, IReadOnlyList<TreatedAbroad> TreatedAbroad, SdgExcluded Excluded,
    string HazardousDefinition, string MappingSource, long ReportVersion)
{
    public const string Exported = "EN_HAZ_EXP";
    public const string Imported = "EN_HAZ_IMP";

    public const string Definition =
        "Basel Art. 1(1): Annex VIII (list A) and OECD amber codes, and any other code with an Annex III (H) characteristic; " +
        "Annex II other wastes (Y46-Y48) and Annex IX (list B) wastes without a characteristic are not counted.";

    public decimal Value(string series) => Series.Single(s => s.Series == series).Tonnes;

    public static SdgSeries From(AnnualReport report)
    {
        var tonnes = report.Lines.Where(l => l.Unit == Common.Units.Tonnes).ToArray();
        var hazardous = tonnes.Where(l => HazardousForSdg.IsHazardous(l.WasteCode, l.YCodes, l.HCodes)).ToArray();
        var exports = hazardous.Where(l => l.Direction == TradeDirection.Export).ToArray();
        var imports = hazardous.Where(l => l.Direction == TradeDirection.Import).ToArray();
        var notHazardous = tonnes.Except(hazardous).ToArray();
        var volume = report.Lines.Where(l => l.Unit != Common.Units.Tonnes).ToArray();

        // Every type in the order of the enum, zero included, so a chart and a harvester see the same rows every year.
        var byType = Enum.GetValues<TreatmentType>().Select(type =>
        {
            var lines = exports.Where(l => TreatmentTypes.Of(l.Operation) == type).ToArray();
            return new TreatedAbroad(type.Name(), type.Label(), lines.Select(l => l.Operation).Distinct().Order(StringComparer.Ordinal).ToArray(),
                lines.Sum(l => l.Quantity), lines.Sum(l => l.Shipments));
        }).ToArray();

        return new SdgSeries(report.State, report.Year, Common.Units.Tonnes,
            [
                new SdgValue(Exported, "Hazardous waste exported (tonnes)", exports.Sum(l => l.Quantity), exports.Sum(l => l.Shipments)),
                new SdgValue(Imported, "Hazardous waste imported (tonnes)", imports.Sum(l => l.Quantity), imports.Sum(l => l.Shipments)),
            ],
            byType,
            new SdgExcluded(notHazardous.Sum(l => l.Quantity), notHazardous.Sum(l => l.Shipments), volume.Sum(l => l.Quantity), volume.Sum(l => l.Shipments)),
            Definition, TreatmentTypes.Source, report.Version);
    }
}
