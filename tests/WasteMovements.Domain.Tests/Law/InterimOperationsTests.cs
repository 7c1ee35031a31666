using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Law;

/// <summary>
/// Interim operations (Basel Annex IV D13-D15, R12-R13; EU 2024/1157 Art. 15): the subsequent facilities are named at
/// filing, the interim certificate and then the final one are recorded on the same shipment, the shipment and the
/// guarantee wait for the final certificate, and an onward delivery abroad is a new notification linked to the first.
/// </summary>
public sealed class InterimOperationsTests
{
    private static readonly DateTimeOffset T0 = Given.Now;
    private static readonly Actor Interim = Actor.OfFacility("operator", "NL-FAC-ROTTERDAM-1");

    public static SubsequentFacility Subsequent(string id, string state, string operation) =>
        new(state, new Facility(id, $"Facility {id}", $"Street 1, {state}", $"Site, {state}", new ContactPerson("Operator", null, null), null, null, null), operation);

    /// <summary>R13 storage in Rotterdam, then recovery R4 in Moerdijk (NL) or, onward, in Hoboken (BE).</summary>
    public static NotificationParticulars Storage(string export = "DE", string import = "NL") =>
        Samples.Notification(export, import, operation: "R13") with
        {
            SubsequentOperation = "R4",
            SubsequentFacilities = [Subsequent("NL-FAC-MOERDIJK-2", import, "R4")],
        };

    private static Decision File(NotificationParticulars p, NotificationState? earlier = null) =>
        Filing.File(new NewNotification($"{p.StateOfExport}-2026-000009", Given.Registry, null, earlier), Actor.Authority("alice", p.StateOfExport), p, T0);

    [Fact]
    public void An_interim_operation_names_every_subsequent_facility_EU_Art_15_1()
    {
        Given.Refused(File(Storage() with { SubsequentFacilities = null }), "subsequent-facilities-incomplete", "EU 2024/1157 Art. 15(1)");
        // The chain ends with the non-interim operation, which is the notification's subsequent operation.
        Given.Refused(File(Storage() with { SubsequentFacilities = [Subsequent("NL-FAC-2", "NL", "R12")] }), "subsequent-facilities-incomplete", "EU 2024/1157 Art. 15(1)");
        Given.Refused(File(Storage() with { SubsequentOperation = "R5" }), "subsequent-facilities-incomplete", "EU 2024/1157 Art. 15(1)");
        var filed = Given.Single<NotificationFiled>(File(Storage() with
        {
            SubsequentFacilities = [Subsequent("NL-FAC-SORT-3", "NL", "R12"), Subsequent("NL-FAC-MOERDIJK-2", "NL", "R4")],
        }));
        Assert.Equal(2, filed.Particulars.Subsequent.Count);
    }

    [Fact]
    public void Under_Basel_the_disposal_method_of_an_interim_operation_names_the_subsequent_facility_Annex_V_A_items_4_and_18()
    {
        var basel = Samples.Notification("MY", "JP", operation: "D15") with { SubsequentOperation = "D10" };
        Given.Refused(File(basel), "subsequent-facilities-incomplete", "Basel Annex V A items 4, 18; Annex IV (D13-D15, R12-R13)");
        Given.Single<NotificationFiled>(File(basel with { SubsequentFacilities = [Subsequent("JP-INC-1", "JP", "D10")] }));
    }

    [Fact]
    public void Subsequent_facilities_follow_only_an_interim_operation_Annex_IV_and_EU_Art_15_1()
    {
        Given.Refused(File(Samples.Notification("DE", "NL") with { SubsequentFacilities = [Subsequent("NL-FAC-2", "NL", "R4")] }),
            "subsequent-facilities-without-interim", "Basel Annex IV (D13-D15, R12-R13); EU 2024/1157 Art. 15(1)");
    }

    [Fact]
    public void An_onward_delivery_abroad_is_a_new_notification_linked_to_the_first_EU_Art_15_7_and_15_8()
    {
        var first = NotificationEvolution.Create(Given.Single<NotificationFiled>(File(Storage() with
        {
            SubsequentOperation = "R4",
            SubsequentFacilities = [Subsequent("BE-FAC-HOBOKEN", "BE", "R4")],
        })));
        var onward = Samples.Notification("NL", "BE", facilityId: "BE-FAC-HOBOKEN") with { EarlierNotification = first.Id };

        Given.Refused(File(onward), "earlier-notification-unknown", "EU 2024/1157 Art. 15(7)-(8)");
        Given.Refused(File(onward with { StateOfExport = "FR" }, first), "earlier-notification-mismatch", "EU 2024/1157 Art. 15(1), (7)-(8)");
        Given.Refused(File(Samples.Notification("NL", "BE", facilityId: "BE-FAC-OTHER") with { EarlierNotification = first.Id }, first),
            "earlier-notification-mismatch", "EU 2024/1157 Art. 15(1), (7)-(8)");
        var notInterim = NotificationEvolution.Create(Filing.Filed(Samples.Notification("DE", "NL"), "DE-2026-000001", Given.Registry, T0));
        Given.Refused(File(onward with { EarlierNotification = notInterim.Id }, notInterim), "earlier-notification-mismatch", "EU 2024/1157 Art. 15(1), (7)-(8)");

        var filed = Given.Single<NotificationFiled>(File(onward, first));
        Assert.Equal(first.Id, filed.Particulars.EarlierNotification);
    }

    /// <summary>A consented EU notification with an approved guarantee, one shipment received and its interim certificate recorded.</summary>
    private static (NotificationState, ShipmentState) InterimCertified(NotificationParticulars p)
    {
        var n = Given.That(NotificationEvolution.Create(Filing.Filed(p with { IntendedShipments = 1, TotalQuantity = 10m, QuantityPerShipment = 10m }, "DE-2026-000009", Given.Registry, T0)),
            new NotificationAcknowledged("NL", AuthorityRole.Import, T0),
            new ConsentGranted("DE", AuthorityRole.Export, [], TestStart.Day(0), TestStart.Day(300), false, T0),
            new ConsentGranted("NL", AuthorityRole.Import, [], TestStart.Day(0), TestStart.Day(300), true, T0),
            new FinancialGuaranteeRecorded(GuaranteeKind.Guarantee, "Bank", "G-1", 100000m, "EUR", "cover", p.LastDeparture, T0),
            new FinancialGuaranteeApproved("DE", T0));
        var de = Actor.Authority("o", "DE");
        var announced = Shipping.Announce(n, de, new AnnounceShipment(10m, "t", TestStart.Day(8), ["Trans Europa Logistik"], "box", 4), T0);
        Assert.False(announced.IsRefused, announced.Refusal?.Detail);
        n = Given.That(n, announced.Events.OfType<ShipmentAnnounced>().Single());
        var s = ShipmentEvolution.Evolve(null, announced.Events.OfType<MovementDocumentIssued>().Single())!;
        s = Apply(s, Shipping.Depart(new ShipmentFile(s, n), de, new RecordDeparture(TestStart.At(8, 8), "Trans Europa Logistik"), TestStart.At(8, 9)));
        s = Apply(s, Shipping.Receive(new ShipmentFile(s, n), Interim, new ConfirmReceipt(TestStart.At(9, 10), 10m, "t"), TestStart.At(9, 11)));
        var interim = Shipping.Complete(new ShipmentFile(s, n), Interim, new CertifyCompletion("R13", TestStart.At(10, 10), "INT-1"), TestStart.At(10, 11));
        Assert.True(interim.Events.OfType<ShipmentCompleted>().Single().Interim);
        Assert.Empty(interim.Events.OfType<ShipmentConcluded>());
        return (n, Apply(s, interim));
    }

    private static ShipmentState Apply(ShipmentState s, Decision d)
    {
        Assert.False(d.IsRefused, d.Refusal?.Detail);
        return d.Events.Where(e => StreamEventTypes.Shipment.Contains(e.GetType())).Aggregate(s, (x, e) => ShipmentEvolution.Evolve(x, e)!);
    }

    [Fact]
    public void The_final_certificate_comes_from_a_notified_subsequent_facility_and_closes_the_shipment_EU_Art_15_5()
    {
        var (n, s) = InterimCertified(Storage());
        Assert.Equal(ShipmentStatus.InterimCompleted, s.Status);
        // Art. 15(4): the interim certificate met the one year after receipt; the final one's year runs from the delivery (15(5)).
        Assert.DoesNotContain(s.Deadlines, d => d.Kind == ShipmentDeadlineKind.Certificate);
        var inbox = Assert.Single(ShipmentInbox.ForFacility(s, "NL-FAC-ROTTERDAM-1", TestStart.At(11)));
        Assert.Equal(("certify-completion", "within one year of the delivery to the subsequent facility (EU 2024/1157 Art. 15(5))"), (inbox.Step, inbox.Basis));

        var delivered = TestStart.At(20, 10);
        var final = new CertifyCompletion("R4", TestStart.At(30, 10), "FIN-1", "NL-FAC-MOERDIJK-2", delivered);
        var at = TestStart.At(31, 10);
        Given.Refused(Shipping.Complete(new ShipmentFile(s, n), Interim, final with { SubsequentFacilityId = "NL-FAC-ELSEWHERE" }, at),
            "subsequent-facility-not-notified", "EU 2024/1157 Art. 15(1), (5)");
        Given.Refused(Shipping.Complete(new ShipmentFile(s, n), Interim, final with { SubsequentFacilityId = null }, at),
            "subsequent-facility-not-notified", "EU 2024/1157 Art. 15(1), (5)");
        Given.Refused(Shipping.Complete(new ShipmentFile(s, n), Interim, final with { DeliveredAt = null }, at), "delivery-time-impossible", "EU 2024/1157 Art. 15(5)");
        Given.Refused(Shipping.Complete(new ShipmentFile(s, n), Interim, final with { DeliveredAt = TestStart.At(10, 9) }, at), "delivery-time-impossible", "EU 2024/1157 Art. 15(5)");
        // The subsequent facility itself does not record it: the interim facility obtains and transmits it (Art. 15(5)).
        Assert.True(Shipping.Complete(new ShipmentFile(s, n), Actor.OfFacility("x", "NL-FAC-MOERDIJK-2"), final, at).IsRefused);

        var decision = Shipping.Complete(new ShipmentFile(s, n), Interim, final, at);
        var certificate = decision.Events.OfType<ShipmentCompleted>().Single();
        Assert.False(certificate.Interim);
        Assert.Equal(("NL-FAC-MOERDIJK-2", delivered), (certificate.SubsequentFacilityId, certificate.DeliveredAt));
        Assert.False(certificate.CertifiedLate);
        Assert.Equal(ShipmentOutcome.Completed, decision.Events.OfType<ShipmentConcluded>().Single().Outcome);
        Assert.Equal(ShipmentStatus.Completed, Apply(s, decision).Status);

        // Art. 15(5): more than one year after the delivery, the certificate is recorded and flagged late.
        var late = Shipping.Complete(new ShipmentFile(s, n), Interim, final with { CompletedAt = delivered.AddDays(360) }, delivered.AddDays(370));
        Assert.True(late.Events.OfType<ShipmentCompleted>().Single().CertifiedLate);
    }

    [Fact]
    public void A_subsequent_facility_abroad_needs_the_onward_notification_EU_Art_15_7_and_15_8()
    {
        var (n, s) = InterimCertified(Storage() with { SubsequentFacilities = [Subsequent("BE-FAC-HOBOKEN", "BE", "R4")] });
        var final = new CertifyCompletion("R4", TestStart.At(30, 10), "FIN-1", "BE-FAC-HOBOKEN", TestStart.At(20, 10));
        Given.Refused(Shipping.Complete(new ShipmentFile(s, n), Interim, final, TestStart.At(31)), "onward-notification-required", "EU 2024/1157 Art. 15(7)-(8)");
        var recorded = Shipping.Complete(new ShipmentFile(s, n), Interim, final with { OnwardNotification = "nl-2026-000004" }, TestStart.At(31));
        Assert.Equal("NL-2026-000004", recorded.Events.OfType<ShipmentCompleted>().Single().OnwardNotification);
    }

    [Fact]
    public void The_guarantee_is_released_only_after_the_final_certificate_EU_Art_7_5()
    {
        var (n, s) = InterimCertified(Storage());
        var de = Actor.Authority("o", "DE");
        Given.Refused(Procedure.ReleaseGuarantee(n, de, new ReleaseGuarantee(), TestStart.At(31)), "certificates-outstanding", "EU 2024/1157 Art. 7(5)");

        var final = Shipping.Complete(new ShipmentFile(s, n), Interim,
            new CertifyCompletion("R4", TestStart.At(30, 10), "FIN-1", "NL-FAC-MOERDIJK-2", TestStart.At(20, 10)), TestStart.At(31));
        n = Given.That(n, final.Events.Where(e => StreamEventTypes.Notification.Contains(e.GetType())).ToArray());
        Given.Single<FinancialGuaranteeReleased>(Procedure.ReleaseGuarantee(n, de, new ReleaseGuarantee(), TestStart.At(32)));
    }
}
