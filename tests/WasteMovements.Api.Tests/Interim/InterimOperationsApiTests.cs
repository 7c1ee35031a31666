using System.Net;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;
using static WasteMovements.Api.Tests.Infrastructure.Commands;

namespace WasteMovements.Api.Tests.Interim;

/// <summary>
/// Interim operations over HTTP (EU 2024/1157 Art. 15): subsequent facilities at filing, the interim and then the final
/// certificate on the same shipment, the guarantee released only after the final one, and the onward notification.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class InterimOperationsApiTests(ApiFixture api)
{
    private const string Facility = "NL-FAC-ROTTERDAM-1";

    private static SubsequentFacility Subsequent(string id, string state, string operation) =>
        new(state, new Domain.Common.Facility(id, $"Facility {id}", $"Street 1, {state}", $"Site, {state}", new ContactPerson("Operator", null, null), null, null, null), operation);

    private static NotificationParticulars Storage() => Flows.Eu(shipments: 1, total: 10m) with
    {
        Operation = "R13",
        SubsequentOperation = "R4",
        SubsequentFacilities = [Subsequent("NL-FAC-MOERDIJK-2", "NL", "R4"), ],
    };

    [Fact]
    public async Task Filing_names_the_subsequent_facilities_and_an_onward_delivery_names_the_first_notification_EU_Art_15()
    {
        var de = api.Authority("DE");
        await api.Refused(de.File(Storage() with { SubsequentFacilities = null }), HttpStatusCode.Conflict, "subsequent-facilities-incomplete", "EU 2024/1157 Art. 15(1)");
        await api.Refused(de.File(Flows.Eu() with { SubsequentFacilities = [Subsequent("NL-FAC-2", "NL", "R4")] }), HttpStatusCode.Conflict,
            "subsequent-facilities-without-interim", "Basel Annex IV (D13-D15, R12-R13); EU 2024/1157 Art. 15(1)");

        var first = await api.FiledAsync(Storage() with { SubsequentFacilities = [Subsequent("BE-FAC-HOBOKEN", "BE", "R4")] });
        var onward = Samples.Notification("NL", "BE", facilityId: "BE-FAC-HOBOKEN") with { EarlierNotification = "DE-2000-999999" };
        await api.Refused(api.Authority("NL").File(onward), HttpStatusCode.Conflict, "earlier-notification-unknown", "EU 2024/1157 Art. 15(7)-(8)");
        await api.Refused(api.Authority("NL").File(onward with { EarlierNotification = first, Facility = onward.Facility with { Id = "BE-FAC-OTHER" } }),
            HttpStatusCode.Conflict, "earlier-notification-mismatch", "EU 2024/1157 Art. 15(1), (7)-(8)");
        var second = await api.FiledAsync(onward with { EarlierNotification = first });
        Assert.Equal(first, (await api.NotificationAsync(second))["particulars"]!["earlierNotification"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_final_certificate_of_the_subsequent_facility_closes_the_shipment_and_frees_the_guarantee_EU_Art_15_5_and_7_5()
    {
        using var _ = api.TimeTravel();
        var number = await api.ConsentedAsync(Storage());
        await api.GuaranteedAsync(number, "DE");
        var de = api.Authority("DE");
        var shipment = await de.Announce(number, Announcement(10m)).ShipmentId();
        api.Clock.Set(TestStart.At(9, 10, 0));
        await de.Depart(shipment, new RecordDeparture(TestStart.At(9, 8, 0), SampleCarrier)).Ok();
        api.Clock.Set(TestStart.At(10, 9, 0));
        var facility = api.FacilityUser(Facility);
        await facility.Receive(shipment, new ConfirmReceipt(TestStart.At(10, 8, 0), 10m, Units.Tonnes)).Ok();
        await facility.Complete(shipment, new CertifyCompletion("R13", TestStart.At(10, 9, 0), "INT-1")).Ok();
        Assert.Equal("interimCompleted", (await api.ShipmentAsync(shipment))["status"]!.GetValue<string>());

        // Art. 7(5): the guarantee waits for the final certificate.
        await api.Refused(de.ReleaseGuarantee(number), HttpStatusCode.Conflict, "certificates-outstanding", "EU 2024/1157 Art. 7(5)");

        api.Clock.Set(TestStart.At(30, 9, 0));
        var final = new CertifyCompletion("R4", TestStart.At(29, 9, 0), "MOE-1", "NL-FAC-MOERDIJK-2", TestStart.At(20, 9, 0));
        await api.Refused(facility.Complete(shipment, final with { SubsequentFacilityId = "NL-FAC-ELSEWHERE" }), HttpStatusCode.Conflict,
            "subsequent-facility-not-notified", "EU 2024/1157 Art. 15(1), (5)");
        await api.Refused(facility.Complete(shipment, final with { DeliveredAt = null }), HttpStatusCode.Conflict, "delivery-time-impossible", "EU 2024/1157 Art. 15(5)");
        await facility.Complete(shipment, final).Ok();

        var s = await api.ShipmentAsync(shipment);
        Assert.Equal("completed", s["status"]!.GetValue<string>());
        var certificates = s["certificates"]!.AsArray();
        Assert.Equal([true, false], certificates.Select(c => c!["interim"]!.GetValue<bool>()));
        Assert.Equal("NL-FAC-MOERDIJK-2", certificates[1]!["subsequentFacilityId"]!.GetValue<string>());
        Assert.Equal("closed", await api.StatusAsync(number));
        await de.ReleaseGuarantee(number).Ok();
    }
}
