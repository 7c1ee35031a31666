using System.Net;
using System.Text;
using WasteMovements.Api.Tests.Infrastructure;
using static WasteMovements.Tests.Support.TestStart;

namespace WasteMovements.Api.Tests.GreenList;

/// <summary>POST /api/uploads/{kind}: every row decided as its single route; a refused row appends nothing; a retry appends nothing twice.</summary>
[Collection(ApiCollection.Name)]
public sealed class UploadTests(ApiFixture api)
{
    public const string Header =
        "arrangerName,arrangerAddress,arrangerContact,arrangerKind,arrangerPermit,consigneeName,consigneeAddress,consigneeContact,consigneeId," +
        "facilityId,facilityName,facilityAddress,facilityContact,facilityPermit,carrierName,carrierAddress,meansOfTransport," +
        "stateOfDispatch,stateOfDestination,operation,description,wasteCode,euWasteCode,quantityTonnes,shipmentDate,contractReference";

    public static string Row(string facility, string code) =>
        $"Schrott Handel GmbH,\"Hafenstrasse 9, Hamburg\",Anna Berger,dealer-or-broker,DE-HH-2025-0177,Metaal Handel BV,\"Havenweg 2, Rotterdam\",Carl,{AnnexVIITests.Consignee}," +
        $"{facility},Metals Recovery Rotterdam,\"Industrieweg 10, Rotterdam\",Piet,NL-ZH-0042,Trans Europa,\"Ring 3, Bremen\",road," +
        $"DE,NL,R4,Copper cable scrap,{code},17 04 01,22.5,{Text(Day(3))},C-2026-11";

    private Task<HttpResponseMessage> UploadAsync(string uploadId, string csv, string kind = "annex-vii-documents", string contentType = "text/csv")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/uploads/{kind}") { Content = new StringContent(csv, Encoding.UTF8, contentType) };
        if (uploadId.Length > 0) request.Headers.Add("Upload-Id", uploadId);
        return api.Undertaking(AnnexVIITests.Arranger).SendAsync(request);
    }

    [Fact]
    public async Task One_good_and_one_bad_row_one_appended_one_refused_and_a_retry_appends_nothing_twice()
    {
        var facility = "NL-FAC-UP-" + Guid.NewGuid().ToString("N")[..8];
        var uploadId = "upload-" + Guid.NewGuid().ToString("N")[..8];
        var csv = Header + "\r\n" + Row(facility, "B1010") + "\r\n" + Row(facility, "A1010") + "\r\n";
        var before = await api.EventCountAsync();

        var answer = await (await UploadAsync(uploadId, csv)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, answer["accepted"]!.GetValue<int>());
        Assert.Equal(1, answer["refused"]!.GetValue<int>());
        var rows = answer["rows"]!.AsArray();
        Assert.Equal(2, rows[0]!["line"]!.GetValue<int>());
        Assert.Equal("accepted", rows[0]!["outcome"]!.GetValue<string>());
        var id = rows[0]!["resource"]!.GetValue<string>();
        Assert.Equal(3, rows[1]!["line"]!.GetValue<int>());
        Assert.Equal("refused", rows[1]!["outcome"]!.GetValue<string>());
        Assert.Equal("notification-required", rows[1]!["problem"]!["rule"]!.GetValue<string>());
        Assert.Equal("EU 2024/1157 Art. 4(2)(a)", rows[1]!["problem"]!["article"]!.GetValue<string>());
        // The good row's one event, and nothing for the refused one.
        Assert.Equal(before + 1, await api.EventCountAsync());
        Assert.Equal(1, await api.StreamEventCountAsync(id));

        // The same file again: the accepted row answers its earlier outcome and appends nothing.
        var retried = await (await UploadAsync(uploadId, csv)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("replayed", retried["rows"]![0]!["outcome"]!.GetValue<string>());
        Assert.Equal(id, retried["rows"]![0]!["resource"]!.GetValue<string>());
        Assert.Equal("refused", retried["rows"]![1]!["outcome"]!.GetValue<string>());
        Assert.Equal(before + 1, await api.EventCountAsync());

        // The facility sees exactly one document.
        var list = await (await api.FacilityUser(facility).GetAsync("/api/annex-vii-documents")).ShouldBe(HttpStatusCode.OK);
        Assert.Single(list["items"]!.AsArray());

        // Receipts of Annex VII documents by upload, decided by the same rule (Art. 18(8)).
        using var travel = api.TimeTravel();
        api.Clock.Set(At(3, 15));
        var receipts = $"documentId,receivedOn,quantityReceivedTonnes\n{id},{Text(Day(3))},22.4\n{id},{Text(Day(1))},22.4\n";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/uploads/annex-vii-receipts") { Content = new StringContent(receipts, Encoding.UTF8, "text/csv") };
        request.Headers.Add("Upload-Id", uploadId + "-r");
        var received = await (await api.FacilityUser(facility).SendAsync(request)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("accepted", received["rows"]![0]!["outcome"]!.GetValue<string>());
        Assert.Equal("annex-vii-already-received", received["rows"]![1]!["problem"]!["rule"]!.GetValue<string>());
        Assert.Equal(2, await api.StreamEventCountAsync(id));
    }

    [Fact]
    public async Task An_upload_without_Upload_Id_or_with_unknown_columns_or_invalid_values_records_nothing()
    {
        var facility = "NL-FAC-UP-" + Guid.NewGuid().ToString("N")[..8];
        var before = await api.EventCountAsync();
        await (await UploadAsync("", Header + "\n" + Row(facility, "B1010"))).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await UploadAsync("u-cols", "colour\nred\n")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await UploadAsync("u-type", Header + "\n" + Row(facility, "B1010"), contentType: "text/plain")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await UploadAsync("u-kind", Header + "\n" + Row(facility, "B1010"), kind: "consents")).ShouldBeProblem(HttpStatusCode.NotFound);
        var tooMany = Header + "\n" + string.Concat(Enumerable.Repeat(Row(facility, "B1010") + "\n", 501));
        await (await UploadAsync("u-many", tooMany)).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        var invalid = await (await UploadAsync("u-invalid", Header + "\n" + Row(facility, "B1010").Replace(",22.5,", ",lots,"))).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("invalid", invalid["rows"]![0]!["outcome"]!.GetValue<string>());
        Assert.NotNull(invalid["rows"]![0]!["problem"]!["errors"]!["quantityTonnes"]);
        Assert.Equal(before, await api.EventCountAsync());
    }
}
