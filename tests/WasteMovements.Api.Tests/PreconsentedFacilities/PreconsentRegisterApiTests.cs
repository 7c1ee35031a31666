using System.Net;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.PreconsentedFacilities;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.PreconsentedFacilities;

/// <summary>
/// The register of pre-consented recovery facilities over HTTP (EU 2024/1157 Art. 14): kept by the authority of the
/// facility's state, read by anyone signed in, and the only ground of a claim of pre-consent at filing. Every refusal
/// is a problem with its rule and article, and appends nothing.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PreconsentRegisterApiTests(ApiFixture api)
{
    public static string NewId() => "NL-PC-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public static RegisterPreconsentedFacility Registration(string id, string[]? operations = null) =>
        new(id, "NL", "NL-FAC-ROTTERDAM-1", "Metals Recovery Rotterdam", "NL-REC-0042", "Industrieweg 10, 3044 Rotterdam",
            "Secondary lead smelter", operations ?? ["R4"], ["A1160"], 5000m, Units.Tonnes, TestStart.Day(-10), null, "NL decision 17");

    public static AmendPreconsentedFacility Amendment(string reason = "Capacity raised") =>
        new("Metals Recovery Rotterdam", "NL-REC-0042", "Industrieweg 10, 3044 Rotterdam", "Secondary lead smelter and acid plant",
            ["R4"], ["A1160", "Y31"], 8000m, Units.Tonnes, TestStart.Day(-10), null, reason);

    [Fact]
    public async Task The_authority_of_the_facilitys_state_registers_amends_and_revokes_and_anyone_reads_EU_Art_14()
    {
        var id = NewId();
        var nl = api.Authority("NL");

        // Art. 14(1): not another state's authority; recovery only, not R13 alone.
        await api.Refused(api.Authority("DE").RegisterPreconsent(Registration(id)), HttpStatusCode.Forbidden, "not-preconsent-authority", "EU 2024/1157 Art. 14(1)");
        await api.Refused(nl.RegisterPreconsent(Registration(id, ["R13"])), HttpStatusCode.Conflict, "preconsent-not-for-r13", "EU 2024/1157 Art. 14(1)");
        await api.Refused(nl.RegisterPreconsent(Registration(id, ["D10"])), HttpStatusCode.Conflict, "preconsent-recovery-only",
            "EU 2024/1157 Art. 14(1); OECD C(2001)107 (pre-consented facilities)");

        var response = await nl.RegisterPreconsent(Registration(id)).SendAsync();
        var created = await response.ShouldBe(HttpStatusCode.Created);
        Assert.Equal($"/api/preconsented-facilities/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(1, created["version"]!.GetValue<long>());
        await api.Refused(nl.RegisterPreconsent(Registration(id)), HttpStatusCode.Conflict, "preconsent-already-registered", "EU 2024/1157 Art. 14(11)");

        // Anyone signed in reads it; 10 years unless the decision says otherwise (Art. 14(9)).
        var entry = await (await api.FacilityUser("NL-FAC-ROTTERDAM-1").GetAsync($"/api/preconsented-facilities/{id}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(TestStart.Text(TestStart.Day(-10).AddYears(10).AddDays(-1)), entry["terms"]!["validUntil"]!.GetValue<string>());
        var list = await (await api.Auditor().GetAsync("/api/preconsented-facilities?state=NL")).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(list["entries"]!.AsArray(), e => e!["entryId"]!.GetValue<string>() == id);

        await api.Refused(api.Authority("BE").AmendPreconsent(id, Amendment()), HttpStatusCode.Forbidden, "not-preconsent-authority", "EU 2024/1157 Art. 14(1)");
        await api.Refused(nl.AmendPreconsent(NewId(), Amendment()), HttpStatusCode.NotFound, "preconsent-not-registered", "EU 2024/1157 Art. 14(13)");
        await nl.AmendPreconsent(id, Amendment()).Ok();

        await api.Refused(api.Authority("DE").RevokePreconsent(id, "no"), HttpStatusCode.Forbidden, "not-preconsent-authority", "EU 2024/1157 Art. 14(1)");
        await nl.RevokePreconsent(id, "Permit suspended after inspection").Ok();
        await api.Refused(nl.RevokePreconsent(id, "again"), HttpStatusCode.Conflict, "preconsent-revoked", "EU 2024/1157 Art. 14(10)");
        await api.Refused(nl.AmendPreconsent(id, Amendment()), HttpStatusCode.Conflict, "preconsent-revoked", "EU 2024/1157 Art. 14(10)");

        // The auditor's history: registration, amendment, revocation, each with who recorded it.
        var history = (await (await api.Auditor().GetAsync($"/api/preconsented-facilities/{id}/history")).ShouldBe(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["preconsented_facility_registered", "preconsented_facility_amended", "preconsent_revoked"], history.Select(h => h!["type"]!.GetValue<string>()));
        Assert.All(history, h => Assert.Equal("officer.nl", h!["recordedBy"]!.GetValue<string>()));
        Assert.Equal("Capacity raised", history[1]!["data"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_filing_claims_pre_consent_only_on_an_entry_in_force_and_then_gets_7_working_days_EU_Art_14_14()
    {
        var id = NewId();
        var nl = api.Authority("NL");
        await nl.RegisterPreconsent(Registration(id)).Created();
        var claim = Flows.Eu() with { PreconsentEntry = id };

        await api.Refused(api.Authority("DE").File(Flows.Eu() with { PreconsentedFacility = true }), HttpStatusCode.Conflict,
            "preconsent-not-in-register", "EU 2024/1157 Art. 14(6), (14)");
        await api.Refused(api.Authority("DE").File(claim with { PreconsentEntry = NewId() }), HttpStatusCode.Conflict,
            "preconsent-not-in-register", "EU 2024/1157 Art. 14(6), (14)");
        await api.Refused(api.Authority("DE").File(claim with { Operation = "R5" }), HttpStatusCode.Conflict,
            "preconsent-operation-not-covered", "EU 2024/1157 Art. 14(2)(d), (13)(b)");

        var number = await api.AcknowledgedAsync(claim);
        var file = await api.NotificationAsync(number);
        Assert.Equal(id, file["preconsent"]!["entryId"]!.GetValue<string>());
        Assert.True(file["preconsentedFacility"]!.GetValue<bool>());
        Assert.Contains("7 working days", file.AuthorityOf("NL")["decisionDeadline"]!["basis"]!.GetValue<string>());

        // Revoked: a new filing may no longer claim it; the file already filed keeps its entry (Art. 14(10)).
        await nl.RevokePreconsent(id, "Permit suspended").Ok();
        await api.Refused(api.Authority("DE").File(claim), HttpStatusCode.Conflict, "preconsent-not-in-force", "EU 2024/1157 Art. 14(9)-(10)");
        Assert.Equal(id, (await api.NotificationAsync(number))["preconsent"]!["entryId"]!.GetValue<string>());
    }
}
