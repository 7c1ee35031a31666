using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Reports;
using WasteMovements.Domain.Reports.Sdg;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Reports;

/// <summary>SDG indicator 12.4.2: the D/R to treatment-type mapping, what counts as hazardous, and the series of a report.</summary>
public sealed class SdgSeriesTests
{
    [Fact]
    public void Every_Annex_IV_operation_has_a_treatment_type_and_the_interim_ones_are_interim()
    {
        var operations = Given.Codes[CodeListCatalog.Operations].Entries.Select(e => e.Code).ToArray();
        Assert.Equal(28, operations.Length);
        foreach (var operation in operations)
        {
            var type = TreatmentTypes.Of(operation);
            Assert.True(type is not null, $"{operation} has no treatment type");
            Assert.Equal(Given.Codes.IsInterim(operation), type == TreatmentType.Interim);
        }

        Assert.Null(TreatmentTypes.Of("R14"));
    }

    [Theory]
    [InlineData("R1", "incineration-with-energy-recovery")]
    [InlineData("R2", "recycling")]
    [InlineData("R4", "recycling")]
    [InlineData("R11", "recycling")]
    [InlineData("D10", "incineration-without-energy-recovery")]
    [InlineData("D11", "incineration-without-energy-recovery")]
    [InlineData("D1", "landfilling")]
    [InlineData("D5", "landfilling")]
    [InlineData("D12", "landfilling")]
    [InlineData("D9", "other-disposal")]
    [InlineData("D3", "other-disposal")]
    [InlineData("D15", "interim")]
    [InlineData("R13", "interim")]
    [InlineData("r12", "interim")]
    public void A_D_or_R_code_maps_to_its_type_of_treatment(string operation, string treatment) =>
        Assert.Equal(treatment, TreatmentTypes.Of(operation)!.Value.Name());

    [Theory]
    // Basel Art. 1(1)(a), Annex VIII: list A is hazardous.
    [InlineData("A1160", "Y31 Y34", "H8 H11", true)]
    [InlineData("A1160", "", "", true)]
    // OECD amber codes of its own (Decision C(2001)107 Appendix 4).
    [InlineData("AC150", "", "", true)]
    // Annex IX (list B) without an Annex III characteristic: not hazardous; with one: hazardous (the Annex IX proviso).
    [InlineData("B1010", "", "", false)]
    [InlineData("B3011", "Y18", "H11", true)]
    // Annex II "other wastes" (Art. 1(2)): not hazardous wastes, whatever else is declared.
    [InlineData("-", "Y46", "", false)]
    [InlineData("200301", "Y46 Y47", "H6.1", false)]
    // A national code (Art. 1(1)(b)) or list-of-waste code with a characteristic: hazardous; without: not.
    [InlineData("160601*", "Y31", "H8", true)]
    [InlineData("170405", "", "", false)]
    public void Hazardous_waste_for_the_indicator_is_Basel_hazardous_waste(string code, string yCodes, string hCodes, bool hazardous) =>
        Assert.Equal(hazardous, HazardousForSdg.IsHazardous(code, yCodes, hCodes));

    private static ReportLine Line(TradeDirection direction, string counterpart, string code, string y, string h, string operation, decimal quantity, int shipments,
        string unit = Units.Tonnes) =>
        new(direction, counterpart, code, y, h, operation, unit, quantity, shipments, ["N-1"], [], false, false);

    [Fact]
    public void The_series_of_a_report_add_up_hazardous_tonnes_by_direction_and_type_of_treatment_abroad()
    {
        var report = AnnualReport.Empty("DE", 2026) with
        {
            Version = 42,
            Lines =
            [
                Line(TradeDirection.Export, "NL", "A1160", "Y31 Y34", "H8", "R4", 29.5m, 2),
                Line(TradeDirection.Export, "FR", "A3020", "Y8", "H3", "R1", 12.25m, 1),
                Line(TradeDirection.Export, "BE", "A4020", "Y1", "H6.2", "D10", 7m, 1),
                Line(TradeDirection.Export, "AT", "A4060", "Y9", "H12", "D15", 3m, 1),
                Line(TradeDirection.Export, "PL", "-", "Y46", "", "R3", 100m, 4),        // other waste: not in the series
                Line(TradeDirection.Export, "CZ", "A3020", "Y8", "H3", "D10", 40m, 2, Units.CubicMetres), // m3 without density
                Line(TradeDirection.Import, "CH", "A1160", "Y31 Y34", "H8", "R4", 18m, 1),
                Line(TradeDirection.Import, "NL", "A1010", "Y22", "H11", "D5", 2.5m, 1),
            ],
        };

        var sdg = SdgSeries.From(report);

        Assert.Equal(("DE", 2026, "t", 42L), (sdg.State, sdg.Year, sdg.Unit, sdg.ReportVersion));
        Assert.Equal(51.75m, sdg.Value(SdgSeries.Exported));
        Assert.Equal(20.5m, sdg.Value(SdgSeries.Imported));
        Assert.Equal(5, sdg.Series.Single(s => s.Series == SdgSeries.Exported).Shipments);
        var byType = sdg.TreatedAbroad.ToDictionary(t => t.Treatment, t => t.Tonnes);
        Assert.Equal(
            new Dictionary<string, decimal>
            {
                ["recycling"] = 29.5m, ["incineration-with-energy-recovery"] = 12.25m, ["incineration-without-energy-recovery"] = 7m,
                ["landfilling"] = 0m, ["other-disposal"] = 0m, ["interim"] = 3m,
            }, byType);
        // The types add up to EN_HAZ_EXP: interim operations are in the export total, under "interim", in no treatment type.
        Assert.Equal(sdg.Value(SdgSeries.Exported), sdg.TreatedAbroad.Sum(t => t.Tonnes));
        Assert.Equal(["D15"], sdg.TreatedAbroad.Single(t => t.Treatment == "interim").Operations);
        Assert.Equal(new SdgExcluded(100m, 4, 40m, 2), sdg.Excluded);
    }

    [Fact]
    public void An_empty_report_gives_zero_series_with_every_type_of_treatment()
    {
        var sdg = SdgSeries.From(AnnualReport.Empty("gh", 2025));
        Assert.Equal("GH", sdg.State);
        Assert.Equal([0m, 0m], sdg.Series.Select(s => s.Tonnes));
        Assert.Equal(6, sdg.TreatedAbroad.Count);
        Assert.All(sdg.TreatedAbroad, t => Assert.Equal(0m, t.Tonnes));
    }
}
