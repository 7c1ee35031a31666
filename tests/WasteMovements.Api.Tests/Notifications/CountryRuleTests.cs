using System.Net;
using System.Net.Http.Json;
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
    [InlineData("DE", "IN", "R4", "ban-amendment", "Basel Art. 4A")]
    [InlineData("MY", "CN", "R4", "import-prohibited", "Basel Art. 4(1)")]
    public async Task A_filing_the_Convention_forbids_is_409_naming_the_article(string export, string import, string operation, string rule, string article)
    {
        var before = await api.EventCountAsync();
        var problem = await (await api.Authority(export).PostJson("/api/notifications", Samples.Notification(export, import, operation: operation)))
            .ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Equal($"urn:wastemovements:problem:{rule}", problem["type"]!.GetValue<string>());
        Assert.Equal(article, problem["article"]!.GetValue<string>());
        Assert.Contains(article, problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_general_notification_longer_than_12_months_is_refused_Art_6_8()
    {
        var sample = Samples.Notification("MY", "JP");
        var problem = await (await api.Authority("MY").PostJson("/api/notifications",
            sample with { FirstDeparture = TestStart.Day(8), LastDeparture = TestStart.Day(8).AddYears(1).AddDays(61) })).ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Equal("Basel Art. 6(8)", problem["article"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_administrator_records_an_import_prohibition_and_filings_are_then_refused()
    {
        var registry = await (await api.Anonymous().GetAsync("/api/countries/SI")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("SI", registry["code"]!.GetValue<string>());
        await api.FileAsync(Samples.Notification("AT", "SI"));

        var profile = new CountryProfile
        {
            Code = "SI", Name = "Slovenia", BaselParty = true, AnnexVII = true, Oecd = true, Eu = true, BanAmendmentAccepted = true,
            TacitTransitConsent = false, Art11Agreements = [new Art11Agreement("OECD")],
            ImportProhibitions = [new ImportProhibition(["A1160"], ["D*"], "4(1)(a)", "Test notification under Art. 13", null)],
        };
        var body = new { profile, reason = "Prohibition notified through the Secretariat", source = "Secretariat notification 2026/17" };

        await (await api.Authority("SI").PutAsJsonAsync("/api/countries/SI", body, Json.Options)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await api.Admin().PutAsJsonAsync("/api/countries/DE", body, Json.Options)).ShouldBeProblem(HttpStatusCode.BadRequest);
        var revised = await (await api.Admin().PutAsJsonAsync("/api/countries/SI", body, Json.Options)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, revised["version"]!.GetValue<long>());

        var problem = await (await api.Authority("AT").PostJson("/api/notifications", Samples.Notification("AT", "SI", operation: "D10")))
            .ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.Equal("import-prohibited", problem["rule"]!.GetValue<string>());
        // The prohibition names disposal operations only: recovery is still allowed.
        await api.FileAsync(Samples.Notification("AT", "SI", operation: "R4"));

        var listed = await (await api.Anonymous().GetAsync("/api/countries")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(249, listed["entries"]!.AsArray().Count);
        Assert.Single(listed["entries"]!.AsArray().Single(e => e!["code"]!.GetValue<string>() == "SI")!["importProhibitions"]!.AsArray());

        var invalid = await (await api.Admin().PutAsJsonAsync("/api/countries/SI",
            new { profile = profile with { Oecd = false, Eu = false }, reason = "x", source = "y" }, Json.Options)).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Contains("Annex VII", invalid["errors"]!.ToJsonString());
    }
}
