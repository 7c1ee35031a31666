using System.Net;
using WasteMovements.Api.CodeLists;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Notifications;

/// <summary>Filing refused by the country rules (409 naming the article, nothing appended), and the registry's administration.</summary>
[Collection(ApiCollection.Name)]
public sealed class CountryRuleTests(ApiFixture api)
{
    [Theory]
    [InlineData("DE", "DE", "R4", "export-equals-import", "Basel Art. 2(3)")]
    [InlineData("DE", "AQ", "D1", "south-of-60", "Basel Art. 4(6)")]
    [InlineData("DE", "US", "D10", "non-party-import", "Basel Art. 4(5)")]
    [InlineData("DE", "IN", "R4", "ban-amendment-recovery", "Basel Art. 4A(2)")]
    [InlineData("DE", "IN", "D10", "ban-amendment", "Basel Art. 4A(1)")]
    [InlineData("MY", "CN", "R4", "import-prohibited", "Basel Art. 4(1)")]
    public async Task A_filing_the_Convention_forbids_is_409_naming_the_article(string export, string import, string operation, string rule, string article)
    {
        var problem = await api.Refused(api.Authority(export).File(Samples.Notification(export, import, operation: operation)), HttpStatusCode.Conflict, rule, article);
        Assert.Equal($"urn:wastemovements:problem:{rule}", problem["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_general_notification_longer_than_12_months_is_refused_Art_6_8()
    {
        var sample = Flows.Basel(via: []);
        var problem = await (await api.Authority("MY").File(sample with { FirstDeparture = TestStart.Day(8), LastDeparture = TestStart.Day(8).AddYears(1).AddDays(61) })
            .SendAsync()).ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Equal("Basel Art. 6(8)", problem["article"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_administrator_records_an_import_prohibition_and_filings_are_then_refused()
    {
        var registry = await (await api.Anonymous().GetAsync("/api/countries/SI")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("SI", registry["code"]!.GetValue<string>());
        await api.FiledAsync(Samples.Notification("AT", "SI"));

        var profile = new CountryProfile
        {
            Code = "SI", Name = "Slovenia", BaselParty = true, AnnexVII = true, Oecd = true, Eu = true, BanAmendmentAccepted = true,
            TacitTransitConsent = false, Art11Agreements = [new Art11Agreement("OECD")],
            ImportProhibitions = [new ImportProhibition(["A1160"], ["D*"], "4(1)(a)", "Test notification under Art. 13", null)],
        };
        var revision = new ReviseCountryProfile(profile, "Prohibition notified through the Secretariat", "Secretariat notification 17");

        await (await api.Authority("SI").ReviseCountry("SI", revision).SendAsync()).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await api.Admin().ReviseCountry("DE", revision).SendAsync()).ShouldBeProblem(HttpStatusCode.BadRequest);
        var revised = await api.Admin().ReviseCountry("SI", revision).Ok();
        Assert.Equal(1, revised["version"]!.GetValue<long>());

        await (await api.Authority("AT").File(Samples.Notification("AT", "SI", operation: "D10")).SendAsync())
            .ShouldBeRefused(HttpStatusCode.Conflict, "import-prohibited");
        // The prohibition names disposal operations only: recovery is still allowed.
        await api.FiledAsync(Samples.Notification("AT", "SI", operation: "R4"));

        var listed = await (await api.Anonymous().GetAsync("/api/countries")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(249, listed["entries"]!.AsArray().Count);
        Assert.Single(listed["entries"]!.AsArray().Single(e => e!["code"]!.GetValue<string>() == "SI")!["importProhibitions"]!.AsArray());

        var invalid = await (await api.Admin().ReviseCountry("SI", new ReviseCountryProfile(profile with { Oecd = false, Eu = false }, "x", "y")).SendAsync())
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Contains("Annex VII", invalid["errors"]!.ToJsonString());
    }
}
