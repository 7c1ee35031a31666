using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Shipments;

/// <summary>Given a notification and a shipment, when a step is taken, then its events or the rule that refuses it.</summary>
public sealed class ShipmentRulesTests
{
    private static readonly DateTimeOffset T0 = Given.Now; // Monday 23 November 2026
    private static readonly Actor Export = Actor.Authority("officer", "MY");
    private static readonly Actor Facility = Actor.OfFacility("operator", "NL-FAC-ROTTERDAM-1");

    /// <summary>A Basel notification MY -> JP, consented by Japan in writing with the contract confirmed.</summary>
    private static NotificationState Consented(int shipments = 10, decimal total = 100m, string operation = "R4", string? subsequent = null)
    {
        var p = Samples.Notification("MY", "JP", operation: operation, shipments: shipments, total: total) with { SubsequentOperation = subsequent };
        var n = NotificationEvolution.Create(Filing.Filed(p, "MY-2026-000001", Given.Registry, T0));
        return Given.That(n, new NotificationAcknowledged("JP", AuthorityRole.Import, T0),
            new ConsentGranted("JP", AuthorityRole.Import, ["Sea route only"], TestStart.Day(8), TestStart.Day(8).AddYears(1).AddDays(-1), true, T0));
    }

    private static AnnounceShipment Announcement(decimal quantity = 10m, string? date = null) =>
        new(quantity, "t", date is null ? TestStart.Day(14) : DateOnly.Parse(date), ["Trans Europa Logistik"], "box", 40);

    private static (NotificationState, ShipmentState) Announced(NotificationState n, decimal quantity = 10m)
    {
        var decision = Shipping.Announce(n, Export, Announcement(quantity), T0);
        Assert.False(decision.IsRefused, decision.Refusal?.Detail);
        var issued = decision.Events.OfType<MovementDocumentIssued>().Single();
        return (Given.That(n, decision.Events.OfType<ShipmentAnnounced>().Single()), ShipmentEvolution.Evolve(null, issued)!);
    }

    private static ShipmentState Apply(ShipmentState s, Decision d, DateTimeOffset at)
    {
        Assert.False(d.IsRefused, d.Refusal?.Detail);
        // The shipment's own facts; the notification's (conclusion, discrepancy, closure) go to its stream.
        return d.Events.Where(e => StreamEventTypes.Shipment.Contains(e.GetType())).Aggregate(s, (x, e) => ShipmentEvolution.Evolve(x, e)!);
    }

    private static ShipmentState InTransit(ShipmentState s) =>
        Apply(s, Shipping.Depart(new ShipmentFile(s, Consented()), Export, new RecordDeparture(TestStart.At(14, 8, 0), "Trans Europa Logistik"),
            TestStart.At(14, 9, 0)), T0);


    [Fact]
    public void An_announcement_reserves_the_next_number_and_issues_the_movement_document()
    {
        var n = Consented();
        var decision = Shipping.Announce(n, Export, Announcement(12.5m), T0);
        var announced = decision.Events.OfType<ShipmentAnnounced>().Single();
        var issued = decision.Events.OfType<MovementDocumentIssued>().Single();
        Assert.Equal(("MY-2026-000001-001", 1, 12.5m), (announced.ShipmentId, announced.ShipmentNumber, announced.Quantity));
        Assert.Equal(["JP: Sea route only"], issued.Document.Conditions);
        Assert.Equal("A1160", issued.Document.Waste.BaselCode);
        Assert.Single(issued.Document.ConsentsBy);
        Assert.Equal(2, Shipping.Announce(Given.That(n, announced), Export, Announcement(), T0).Events.OfType<ShipmentAnnounced>().Single().ShipmentNumber);
    }

    [Fact]
    public void No_shipment_without_every_consent_Art_6_3()
    {
        var p = Samples.Notification("MY", "JP", ["KR"]);
        var n = NotificationEvolution.Create(Filing.Filed(p, "MY-2026-000002", Given.Registry, T0));
        Given.Refused(Shipping.Announce(n, Export, Announcement(), T0), "consent-missing", "Basel Art. 6(3), 6(4)");
    }

    [Fact]
    public void Only_the_state_of_export_announces() =>
        Assert.Equal(RefusalKind.NotPermitted, Shipping.Announce(Consented(), Actor.Authority("x", "JP"), Announcement(), T0).Refusal!.Kind);

    [Fact]
    public void The_planned_departure_must_fall_inside_every_consents_validity() =>
        Given.Refused(Shipping.Announce(Consented(), Export, Announcement(date: TestStart.Text(TestStart.Day(8).AddYears(1))), T0), "outside-consent-validity", "EU 2024/1157 Art. 9(5); Basel Art. 6(6)");

    [Fact]
    public void The_count_and_the_total_quantity_hold()
    {
        var n = Consented(shipments: 2, total: 25m);
        (n, _) = Announced(n, 10m);
        Given.Refused(Shipping.Announce(n, Export, Announcement(16m), T0), "total-quantity-exceeded", "Basel Art. 6(6)-(8); EU 2024/1157 Art. 17");
        (n, _) = Announced(n, 15m);
        Given.Refused(Shipping.Announce(n, Export, Announcement(0.1m), T0), "shipment-count-exceeded", "Basel Art. 6(6)-(8); EU 2024/1157 Art. 17");
    }

    [Theory]
    [InlineData("withdrawn", "consent-withdrawn", "EU 2024/1157 Art. 9(7)-(8)")]
    [InlineData("cancelled", "notification-cancelled", "Basel Art. 6(1)")]
    [InlineData("expired", "consent-expired", "EU 2024/1157 Art. 9(4), 9(5)")]
    public void No_shipment_after_the_consent_ended(string how, string rule, string article)
    {
        var n = Consented();
        n = how switch
        {
            "withdrawn" => Given.That(n, new ConsentWithdrawn("JP", "permit suspended", T0)),
            "cancelled" => Given.That(n, new NotificationCancelled("contract ended", T0)),
            _ => Given.That(n, new ConsentExpired(TestStart.Day(8).AddYears(1).AddDays(-1), T0)),
        };
        Given.Refused(Shipping.Announce(n, Export, Announcement(), T0), rule, article);
    }

    [Fact]
    public void EU_prior_information_at_least_2_working_days_before_departure_and_an_approved_guarantee()
    {
        var p = Samples.Notification("DE", "NL");
        var n = NotificationEvolution.Create(Filing.Filed(p, "DE-2026-000001", Given.Registry, T0));
        n = Given.That(n, new NotificationAcknowledged("NL", AuthorityRole.Import, T0),
            new ConsentGranted("DE", AuthorityRole.Export, [], TestStart.Day(0), TestStart.Day(8).AddYears(1).AddDays(-11), false, T0),
            new ConsentGranted("NL", AuthorityRole.Import, [], TestStart.Day(0), TestStart.Day(8).AddYears(1).AddDays(-11), true, T0));
        var de = Actor.Authority("officer", "DE");

        Given.Refused(Shipping.Announce(n, de, Announcement(date: TestStart.Text(TestStart.Day(14))), T0), "guarantee-not-approved", "EU 2024/1157 Art. 7");
        n = Given.That(n, new FinancialGuaranteeRecorded(GuaranteeKind.Guarantee, "Bank", "G-1", 100000m, "EUR", "transport, treatment, 90 days' storage", TestStart.Day(8).AddYears(1).AddDays(31), T0),
            new FinancialGuaranteeApproved("DE", T0));

        // Monday: the second working day after is Wednesday, so Wednesday's departure is too soon and Thursday's is not.
        Given.Refused(Shipping.Announce(n, de, Announcement(date: TestStart.Text(TestStart.Day(2))), T0), "prior-information-too-late", "EU 2024/1157 Art. 16(2)");
        Assert.False(Shipping.Announce(n, de, Announcement(date: TestStart.Text(TestStart.Day(3))), T0).IsRefused);
    }

    [Fact]
    public void Only_the_named_facility_confirms_receipt_and_a_discrepancy_is_flagged()
    {
        var (n, s) = Announced(Consented(), 10m);
        s = InTransit(s);
        var at = TestStart.At(16, 10, 0);
        var other = Shipping.Receive(new ShipmentFile(s, n), Actor.OfFacility("x", "OTHER"), new ConfirmReceipt(at, 10m, "t"), at);
        Assert.Equal(RefusalKind.NotPermitted, other.Refusal!.Kind);

        var within = Shipping.Receive(new ShipmentFile(s, n), Facility, new ConfirmReceipt(at, 10.4m, "t"), at);
        Assert.False(Assert.Single(within.Events.OfType<ShipmentReceived>()).Discrepancy);

        var beyond = Shipping.Receive(new ShipmentFile(s, n), Facility, new ConfirmReceipt(at, 8.9m, "t"), at);
        var received = beyond.Events.OfType<ShipmentReceived>().Single();
        Assert.True(received.Discrepancy);
        Assert.Equal(11m, received.DifferencePercent);
        Assert.Single(beyond.Events.OfType<ShipmentDiscrepancyFlagged>());
    }

    [Fact]
    public void Receipt_before_departure_is_refused() =>
        Given.Refused(Shipping.Receive(new ShipmentFile(Announced(Consented()).Item2, Consented()), Facility, new ConfirmReceipt(T0, 10m, "t"), T0), "not-departed", "Basel Art. 6(9)");

    [Fact]
    public void A_rejection_starts_a_90_day_take_back_which_the_return_ends()
    {
        var (n, s) = Announced(Consented());
        s = InTransit(s);
        var at = TestStart.At(16, 10, 0);
        var rejected = Shipping.Reject(new ShipmentFile(s, n), Facility, new RejectShipment("Batteries leaking", null), at);
        var e = rejected.Events.OfType<ShipmentRejected>().Single();
        Assert.True(e.Full);
        Assert.Equal(at.AddDays(90), e.TakeBackDue);
        s = Apply(s, rejected, at);
        Assert.Equal(ShipmentStatus.Rejected, s.Status);
        Assert.Contains(s.Deadlines, d => d.Kind == ShipmentDeadlineKind.TakeBack && d.DueAt == at.AddDays(90));

        Assert.Equal(RefusalKind.NotPermitted, Shipping.Return(new ShipmentFile(s, n), Actor.Authority("x", "JP"), new RecordReturn(), at).Refusal!.Kind);
        var returned = Shipping.Return(new ShipmentFile(s, n), Export, new RecordReturn(), at.AddDays(20));
        Assert.Equal(ShipmentOutcome.Returned, returned.Events.OfType<ShipmentConcluded>().Single().Outcome);
        s = Apply(s, returned, at);
        Assert.Equal(ShipmentStatus.Returned, s.Status);
        Assert.DoesNotContain(s.Deadlines, d => d.Kind == ShipmentDeadlineKind.TakeBack);
    }

    [Fact]
    public void The_certificate_names_the_notified_operation_and_interim_operations_need_a_final_one()
    {
        var (n, s) = Announced(Consented(operation: "R13", subsequent: "R4"));
        s = InTransit(s);
        var at = TestStart.At(16, 10, 0);
        s = Apply(s, Shipping.Receive(new ShipmentFile(s, n), Facility, new ConfirmReceipt(at, 10m, "t"), at), at);

        Given.Refused(Shipping.Complete(new ShipmentFile(s, n), Facility, new CertifyCompletion("R5", at, "C-1"), at), "operation-differs", "Basel Art. 6(9), Annex V B item 14");
        var interim = Shipping.Complete(new ShipmentFile(s, n), Facility, new CertifyCompletion("R13", at, "C-1"), at);
        Assert.True(interim.Events.OfType<ShipmentCompleted>().Single().Interim);
        Assert.Empty(interim.Events.OfType<ShipmentConcluded>());
        s = Apply(s, interim, at);
        Assert.Equal(ShipmentStatus.InterimCompleted, s.Status);

        var final = Shipping.Complete(new ShipmentFile(s, n), Facility, new CertifyCompletion("R4", at.AddDays(40), "C-2"), at.AddDays(80));
        var certificate = final.Events.OfType<ShipmentCompleted>().Single();
        Assert.False(certificate.Interim);
        Assert.False(certificate.CertifiedLate); // Basel Art. 6(9): "in due course", no 30-day flag (EU/OECD: CaseloadRulesTests)
        Assert.Single(final.Events.OfType<ShipmentConcluded>());
    }

    [Fact]
    public void Illegal_traffic_by_the_exporters_fault_starts_a_30_day_take_back_Art_9_2()
    {
        var (n, s) = Announced(Consented());
        var found = Shipping.FindIllegalTraffic(new ShipmentFile(s, n), Actor.Authority("x", "JP"), new RecordIllegalTraffic("not-matching-documents", "Declared A1160, found mixed", true), T0);
        Assert.Equal(T0.AddDays(30), found.Events.OfType<IllegalTrafficFound>().Single().TakeBackDue);
        Given.Refused(Shipping.FindIllegalTraffic(new ShipmentFile(s, n), Actor.Authority("x", "JP"), new RecordIllegalTraffic("bad-luck", "?", true), T0), "unknown-cause", "Basel Art. 9(1)");
        Assert.Equal(RefusalKind.NotPermitted, Shipping.FindIllegalTraffic(new ShipmentFile(s, n), Actor.Authority("x", "FR"), new RecordIllegalTraffic("without-consent", "?", false), T0).Refusal!.Kind);
    }

    [Fact]
    public void A_deadline_that_passes_without_its_step_becomes_overdue_once()
    {
        var (n, s) = Announced(Consented());
        s = InTransit(s);
        var receipt = s.Deadlines.Single(d => d.Kind == ShipmentDeadlineKind.Receipt);
        Assert.Empty(Shipping.DeadlinePassed(new ShipmentFile(s, n), Actor.Deadlines, new PassShipmentDeadline(ShipmentDeadlineKind.Receipt, receipt.DueAt), receipt.DueAt.AddTicks(-1)).Events);
        var overdue = Shipping.DeadlinePassed(new ShipmentFile(s, n), Actor.Deadlines, new PassShipmentDeadline(ShipmentDeadlineKind.Receipt, receipt.DueAt), receipt.DueAt);
        s = Apply(s, overdue, receipt.DueAt);
        Assert.True(s.Deadlines.Single(d => d.Kind == ShipmentDeadlineKind.Receipt).Overdue);
        Assert.Empty(Shipping.DeadlinePassed(new ShipmentFile(s, n), Actor.Deadlines, new PassShipmentDeadline(ShipmentDeadlineKind.Receipt, receipt.DueAt), receipt.DueAt).Events);
        Assert.Contains(ShipmentInbox.ForExportAuthority(s, "MY", receipt.DueAt), i => i.Step == "inform-state-of-import-no-receipt" && i.Overdue);
    }

    [Fact]
    public void The_notification_closes_when_every_shipment_is_concluded_and_no_more_may_follow()
    {
        var n = Consented(shipments: 2, total: 20m);
        (n, var s1) = Announced(n);
        Assert.Empty(Shipping.Close(Given.That(n, new ShipmentConcluded(n.Id, s1.Id, ShipmentOutcome.Completed, T0)), T0).Events); // one more may follow
        (n, var s2) = Announced(n);
        n = Given.That(n, new ShipmentConcluded(n.Id, s1.Id, ShipmentOutcome.Completed, T0));
        Assert.Empty(Shipping.Close(n, T0).Events);
        n = Given.That(n, new ShipmentConcluded(n.Id, s2.Id, ShipmentOutcome.Returned, T0));
        var closed = Given.Single<NotificationClosed>(Shipping.Close(n, T0));
        Assert.Equal(NotificationStatus.Closed, Given.That(n, closed).Status);
    }

    [Fact]
    public void The_certificate_of_the_last_shipment_closes_the_notification_in_the_same_decision()
    {
        var (n, s) = Announced(Consented(shipments: 1, total: 10m));
        s = InTransit(s);
        var at = TestStart.At(16, 10, 0);
        s = Apply(s, Shipping.Receive(new ShipmentFile(s, n), Facility, new ConfirmReceipt(at, 10m, "t"), at), at);

        var certified = Shipping.Complete(new ShipmentFile(s, n), Facility, new CertifyCompletion("R4", at, "C-1"), at.AddHours(1));
        Assert.Equal([typeof(ShipmentCompleted), typeof(ShipmentConcluded), typeof(NotificationClosed)], certified.Events.Select(e => e.GetType()));
        // Each fact says by its type which stream it belongs to: the certificate to the shipment, the rest to the notification.
        Assert.Equal([s.Id, n.Id, n.Id], certified.Events.Select(e => StreamEventTypes.StreamOf(e, n.Id)));
    }
}
