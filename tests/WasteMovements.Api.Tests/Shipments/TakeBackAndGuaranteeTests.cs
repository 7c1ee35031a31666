using System.Net;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;
using static WasteMovements.Api.Tests.Infrastructure.Commands;

namespace WasteMovements.Api.Tests.Shipments;

/// <summary>The take-back period's start and agreed periods (Basel Art. 8; EU Art. 22); the guarantee's cover (EU Art. 7), over HTTP.</summary>
[Collection(ApiCollection.Name)]
public sealed class TakeBackAndGuaranteeTests(ApiFixture api)
{
    private const string Facility = "NL-FAC-ROTTERDAM-1";

    [Fact]
    public async Task The_90_days_run_from_the_state_of_import_s_information_or_an_agreed_period_Basel_Art_8()
    {
        using var _ = api.TimeTravel();
        var movement = await api.AnnouncedAsync(Flows.Basel(via: []), Announcement(10m));
        var s = movement.Shipment;
        api.Clock.Set(TestStart.At(9, 10, 0));
        await api.DepartAsync(movement, new RecordDeparture(TestStart.At(9, 8, 0), SampleCarrier));
        api.Clock.Set(TestStart.At(10, 10, 0));
        await api.FacilityUser(Facility).Receive(s, new ConfirmReceipt(TestStart.At(10, 9, 0), 10m, Units.Tonnes)).Ok();
        await api.FacilityUser(Facility).Reject(s, new RejectShipment("Leaking batteries", null)).Ok();

        var my = api.Authority("MY"); var jp = api.Authority("JP");
        await api.Refused(my.InformTakeBack(s, new RecordTakeBackInformation(TestStart.At(12), true)), HttpStatusCode.Forbidden, "not-the-informing-state", "Basel Art. 8");
        await api.Refused(jp.InformTakeBack(s, new RecordTakeBackInformation(TestStart.At(12), true)), HttpStatusCode.Conflict, "information-in-the-future", "Basel Art. 8");
        api.Clock.Set(TestStart.At(13, 10, 0));
        await jp.InformTakeBack(s, new RecordTakeBackInformation(TestStart.At(12), true)).Ok();
        var shipment = await api.ShipmentAsync(s);
        Assert.Equal(TestStart.At(102), shipment["takeBacks"]![0]!["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.True(shipment["takeBacks"]![0]!["secretariatInformed"]!.GetValue<bool>());

        await api.Refused(jp.AgreeTakeBackPeriod(s, new AgreeTakeBackPeriod(120, ["KR"], "Port strike")), HttpStatusCode.Conflict, "take-back-period-not-agreed", "Basel Art. 8");
        await jp.AgreeTakeBackPeriod(s, new AgreeTakeBackPeriod(120, ["MY"], "Port strike")).Ok();
        shipment = await api.ShipmentAsync(s);
        Assert.Equal(TestStart.At(132), shipment["takeBacks"]![0]!["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Contains(shipment["deadlines"]!.AsArray(), d => d!["kind"]!.GetValue<string>() == "takeBack" && d["dueAt"]!.GetValue<DateTimeOffset>() == TestStart.At(132));
        var item = Assert.Single(await my.InboxAsync(), i => i!["requestId"]?.GetValue<string>() == s && i["step"]!.GetValue<string>() == "take-back")!;
        Assert.Equal(TestStart.At(132), item["dueAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task An_EU_guarantee_that_does_not_cover_90_days_storage_is_not_approved_EU_Art_7()
    {
        var number = await api.FiledAsync(Flows.Eu());
        var de = api.Authority("DE");
        await de.RecordGuarantee(number, Guarantee(cover: new GuaranteeCover(true, true, false))).Ok();
        var problem = await api.Refused(de.ApproveGuarantee(number), HttpStatusCode.Conflict, "guarantee-cover-incomplete", "EU 2024/1157 Art. 7(1), 7(4)");
        Assert.Contains("storage for 90 days", problem["detail"]!.GetValue<string>());
        var invalid = await (await de.RecordGuarantee(number, Guarantee(cover: new GuaranteeCover(true, true, true, 200000m, 100000m, 100000m))).SendAsync())
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.True(invalid["errors"]!.AsObject().ContainsKey("cover"));
        await de.RecordGuarantee(number, Guarantee()).Ok();
        await de.ApproveGuarantee(number, "G-2026-17").Ok();
    }
}
