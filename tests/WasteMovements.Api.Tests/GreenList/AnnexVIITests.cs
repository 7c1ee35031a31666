using System.Net;
using Marten;
using Marten.Events;
using WasteMovements.Api.OpenApi;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.GreenList;
using WasteMovements.Tests.Support;
using static WasteMovements.Tests.Support.TestStart;

namespace WasteMovements.Api.Tests.GreenList;

/// <summary>EU 2024/1157 Art. 18 over HTTP: the Annex VII document filled, received and recovered; refusals append nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class AnnexVIITests(ApiFixture api)
{
    public const string Arranger = "DE-HH-DEALER-17";
    public const string Consignee = "NL-CON-0042";

    /// <summary>The OpenAPI example, starting three days after the test's Monday and going to a facility of the test's own.</summary>
    public static AnnexVIIParticulars Document(string facility) => Examples.AnnexVII with
    {
        ShipmentDate = Day(3),
        Facility = Examples.AnnexVII.Facility with { Id = facility },
    };

    private static Step Post(HttpClient client, string url, object body) => new(client, HttpMethod.Post, url, body);

    private async Task<string> FilledAsync(AnnexVIIParticulars p) =>
        (await Post(api.Undertaking(Arranger), "/api/annex-vii-documents", p).Created())["documentId"]!.GetValue<string>();

    [Fact]
    public async Task A_document_is_filled_received_by_consignee_and_facility_and_recovered_Art_18()
    {
        var facility = "NL-FAC-A7-" + Guid.NewGuid().ToString("N")[..8];
        var id = await FilledAsync(Document(facility));
        Assert.Matches(@"^DE-\d{4}-G\d{6}$", id);

        // The states concerned and the parties see it; another state's authority does not.
        var read = await (await api.Authority("NL").GetAsync($"/api/annex-vii-documents/{id}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("filled", read["status"]!.GetValue<string>());
        await (await api.Authority("FR").GetAsync($"/api/annex-vii-documents/{id}")).ShouldBeProblem(HttpStatusCode.Forbidden);
        var frList = await (await api.Authority("FR").GetAsync("/api/annex-vii-documents?pageSize=100")).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(frList["items"]!.AsArray(), i => i!["documentId"]!.GetValue<string>() == id);
        var facilityList = await (await api.FacilityUser(facility).GetAsync("/api/annex-vii-documents")).ShouldBe(HttpStatusCode.OK);
        var line = Assert.Single(facilityList["items"]!.AsArray())!;
        Assert.Contains("Art. 18(8)", line["nextStep"]!.GetValue<string>());

        using var travel = api.TimeTravel();
        api.Clock.Set(At(3, 15));
        await Post(api.Undertaking(Consignee), $"/api/annex-vii-documents/{id}/receipts", new ConfirmAnnexVIIReceipt(Day(3), 22.4m)).Ok();
        await Post(api.FacilityUser(facility), $"/api/annex-vii-documents/{id}/receipts", new ConfirmAnnexVIIReceipt(Day(3), 22.4m)).Ok();
        api.Clock.Set(At(10));
        await Post(api.FacilityUser(facility), $"/api/annex-vii-documents/{id}/recovery", new CertifyAnnexVIIRecovery(Day(9))).Ok();

        var done = await (await api.Auditor().GetAsync($"/api/annex-vii-documents/{id}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("recovered", done["status"]!.GetValue<string>());
        Assert.False(done["facilityReceipt"]!["late"]!.GetValue<bool>());
        Assert.Equal(4, await api.StreamEventCountAsync(id));

        // The auditor's history: each signature with the person and whom they acted for.
        var history = await (await api.Auditor().GetAsync($"/api/annex-vii-documents/{id}/history")).ShouldBe(HttpStatusCode.OK);
        var events = history["events"]!.AsArray();
        Assert.Equal(4, events.Count);
        Assert.Equal($"undertaking:{Arranger}", events[0]!["authority"]!.GetValue<string>());
        Assert.Equal($"undertaking:{Consignee}", events[1]!["authority"]!.GetValue<string>());
        Assert.Equal($"facility:{facility}", events[3]!["authority"]!.GetValue<string>());
        await (await api.Authority("FR").GetAsync($"/api/annex-vii-documents/{id}/history")).ShouldBeProblem(HttpStatusCode.Forbidden);

        // The annual report counts the document apart from the notified movements, in both states' reports.
        await api.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        foreach (var state in new[] { "NL", "DE" })
        {
            var report = await (await api.Auditor().GetAsync($"/api/reports/annual?state={state}&year={Day(3).Year}")).ShouldBe(HttpStatusCode.OK);
            var reported = report["annexVII"]!.AsArray().Single(l => l!["documents"]!.AsArray().Any(d => d!.GetValue<string>() == id))!;
            Assert.Equal("B1010", reported["wasteCode"]!.GetValue<string>());
            Assert.Equal(state == "DE" ? "export" : "import", reported["direction"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task The_facility_inbox_asks_for_receipt_once_the_shipment_date_has_come_then_for_the_recovery_certificate_Art_18_8_9()
    {
        var facility = "NL-FAC-IN-" + Guid.NewGuid().ToString("N")[..8];
        var id = await FilledAsync(Document(facility));
        using var travel = api.TimeTravel();

        async Task<System.Text.Json.Nodes.JsonNode[]> Steps() =>
            (await (await api.FacilityUser(facility).GetAsync("/api/inbox")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray()
                .Where(i => i!["notificationNumber"]!.GetValue<string>() == id).Select(i => i!).ToArray();

        // Art. 18(8): nothing to confirm before the shipment starts (Day 3).
        api.Clock.Set(At(2, 12));
        Assert.Empty(await Steps());

        api.Clock.Set(At(3, 9));
        var receipt = Assert.Single(await Steps());
        Assert.Equal("confirm-receipt", receipt["step"]!.GetValue<string>());
        Assert.Contains("Art. 18(8)", receipt["basis"]!.GetValue<string>());

        api.Clock.Set(At(3, 15));
        await Post(api.FacilityUser(facility), $"/api/annex-vii-documents/{id}/receipts", new ConfirmAnnexVIIReceipt(Day(3), 22.4m)).Ok();
        var recovery = Assert.Single(await Steps());
        Assert.Equal("certify-recovery", recovery["step"]!.GetValue<string>());
        Assert.Contains("Art. 18(9)", recovery["basis"]!.GetValue<string>());
        // At most one year after receipt, to the end of that day.
        Assert.Equal(Day(3).AddYears(1), DateOnly.FromDateTime(recovery["dueAt"]!.GetValue<DateTimeOffset>().UtcDateTime));
        Assert.False(recovery["overdue"]!.GetValue<bool>());

        // No authority is asked to act on an Annex VII document.
        Assert.DoesNotContain((await (await api.Authority("NL").GetAsync("/api/inbox")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray(),
            i => i!["notificationNumber"]!.GetValue<string>() == id);

        api.Clock.Set(At(10));
        await Post(api.FacilityUser(facility), $"/api/annex-vii-documents/{id}/recovery", new CertifyAnnexVIIRecovery(Day(9))).Ok();
        Assert.Empty(await Steps());
    }

    [Fact]
    public async Task An_amber_code_is_refused_with_its_rule_and_article_and_nothing_is_appended_Art_4_2()
    {
        var step = Post(api.Undertaking(Arranger), "/api/annex-vii-documents", Document("NL-FAC-A7-X") with { WasteCode = "AC150" });
        await api.Refused(step, HttpStatusCode.Conflict, "notification-required", "EU 2024/1157 Art. 4(2)(a)");
        var sample = Post(api.Undertaking(Arranger), "/api/annex-vii-documents", Document("NL-FAC-A7-X") with { Sample = true, SamplePurpose = "analysis", QuantityTonnes = 0.3m });
        await api.Refused(sample, HttpStatusCode.Conflict, "sample-quantity-limit", "EU 2024/1157 Art. 4(5)(a)");
        var byAuthority = Post(api.Authority("DE"), "/api/annex-vii-documents", Document("NL-FAC-A7-X"));
        await (await byAuthority.SendAsync()).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_facility_cannot_confirm_receipt_and_nothing_is_appended_Art_18_8()
    {
        var facility = "NL-FAC-A7-" + Guid.NewGuid().ToString("N")[..8];
        var id = await FilledAsync(Document(facility));
        using var travel = api.TimeTravel();
        api.Clock.Set(At(3, 15));
        await api.Refused(Post(api.FacilityUser("NL-FAC-OTHER"), $"/api/annex-vii-documents/{id}/receipts", new ConfirmAnnexVIIReceipt(Day(3), 1m)),
            HttpStatusCode.Forbidden, "not-receiver", "EU 2024/1157 Art. 18(8)");
        await api.Refused(Post(api.FacilityUser(facility), $"/api/annex-vii-documents/{id}/recovery", new CertifyAnnexVIIRecovery(Day(3))),
            HttpStatusCode.Conflict, "annex-vii-recovery-before-receipt", "EU 2024/1157 Art. 18(8)-(9)");
        await api.Refused(Post(api.Authority("FR"), $"/api/annex-vii-documents/{id}/inspections", new RecordAnnexVIIInspection(Day(3), "A1", "ok")),
            HttpStatusCode.Forbidden, "not-concerned", "EU 2024/1157 Art. 18(4)");
        await Post(api.Authority("NL"), $"/api/annex-vii-documents/{id}/inspections", new RecordAnnexVIIInspection(Day(3), "A15 Venlo", "Consistent")).Ok();
    }
}
