using WasteMovements.Domain.CodeLists;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.CodeLists;

public sealed class CodeListTests
{
    [Theory]
    [InlineData(CodeListCatalog.YCodes, 49)]
    [InlineData(CodeListCatalog.HCodes, 14)]
    [InlineData(CodeListCatalog.Operations, 28)]
    [InlineData(CodeListCatalog.Countries, 249)]
    public void Lists_are_complete(string list, int count)
    {
        Assert.Equal(count, Given.Codes[list].Entries.Count);
        Assert.NotEmpty(Given.Codes[list].Sources);
    }

    [Fact]
    public void Lists_are_dated_so_the_list_in_force_on_the_filing_date_applies()
    {
        var a = Given.Codes[CodeListCatalog.BaselA];
        Assert.True(a.IsValid("A1180", new DateOnly(2024, 12, 31)));
        Assert.False(a.IsValid("A1180", new DateOnly(2025, 1, 1)));
        Assert.False(a.IsValid("A1181", new DateOnly(2024, 12, 31)));
        Assert.True(a.IsValid("A1181", new DateOnly(2025, 1, 1)));
        Assert.False(Given.Codes[CodeListCatalog.YCodes].IsValid("Y49", new DateOnly(2024, 6, 1)));
        Assert.True(Given.Codes[CodeListCatalog.YCodes].IsValid("Y49", new DateOnly(2025, 6, 1)));
        Assert.False(Given.Codes[CodeListCatalog.BaselB].IsValid("B3010", new DateOnly(2021, 1, 1)));
        Assert.True(Given.Codes[CodeListCatalog.BaselB].IsValid("B3011", new DateOnly(2021, 1, 1)));
    }

    [Theory]
    [InlineData("D13", true)]
    [InlineData("D15", true)]
    [InlineData("R12", true)]
    [InlineData("R13", true)]
    [InlineData("R4", false)]
    [InlineData("D10", false)]
    public void Interim_operations_are_marked(string operation, bool interim) =>
        Assert.Equal(interim, Given.Codes.IsInterim(operation));

    [Fact]
    public void H_codes_carry_their_UN_class_and_there_is_no_H2_H7_or_H9()
    {
        var h = Given.Codes[CodeListCatalog.HCodes];
        Assert.Equal("6.1", h.Find("H6.1")!.Attribute("unClass"));
        Assert.Equal("9", h.Find("H12")!.Attribute("unClass"));
        Assert.Null(h.Find("H2"));
        Assert.Null(h.Find("H7"));
        Assert.Null(h.Find("H9"));
    }

    [Fact]
    public void The_registry_covers_every_country_and_Annex_VII_is_OECD_EU_and_Liechtenstein()
    {
        var countries = Given.Codes[CodeListCatalog.Countries].Entries.Select(e => e.Code).ToHashSet();
        Assert.Equal(countries, Given.Registry.All.Select(p => p.Code).ToHashSet());
        Assert.Equal(38, Given.Registry.All.Count(p => p.Oecd));
        Assert.Equal(27, Given.Registry.All.Count(p => p.Eu));
        Assert.All(Given.Registry.All, p => Assert.Equal(p.Oecd || p.Eu || p.Code == "LI", p.AnnexVII));
    }
}
