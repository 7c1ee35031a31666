using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Notifications;

/// <summary>Changes after consent (EU 2024/1157 Art. 17) and renotification (Art. 9(3)): given / when / then.</summary>
public sealed class ChangeRulesTests
{
    private static readonly DateTimeOffset T0 = Given.Now;
    private static readonly Actor De = Actor.Authority("officer.de", "DE");
    private static readonly Actor Nl = Actor.Authority("officer.nl", "NL");
    private static readonly Actor Be = Actor.Authority("officer.be", "BE");

    private static readonly Carrier NewCarrier = new("Nordsee Transporte GmbH", "Kai 4, Bremerhaven", "DE-CAR-91", new ContactPerson("Dispatch", null, null), ["road"]);

    /// <summary>An EU notification DE -> NL through BE, consented by all three (Art. 9(1)).</summary>
    private static NotificationState Consented()
    {
        var n = NotificationEvolution.Create(Filing.Filed(Samples.Notification("DE", "NL", ["BE"]), "DE-2026-000001", Given.Registry, T0));
        var from = TestStart.Day(8);
        var until = from.AddYears(1).AddDays(-1);
        return Given.That(n,
            new NotificationAcknowledged("NL", AuthorityRole.Import, T0), new NotificationAcknowledged("BE", AuthorityRole.Transit, T0),
            new ConsentGranted("DE", AuthorityRole.Export, [], from, until, false, T0),
            new ConsentGranted("NL", AuthorityRole.Import, [], from, until, true, T0),
            new ConsentGranted("BE", AuthorityRole.Transit, [], from, until, false, T0),
            // EU 2024/1157 Art. 7: the guarantee approved by the authority of dispatch.
            new FinancialGuaranteeRecorded(GuaranteeKind.Guarantee, "Bank", "G-1", 250000m, "EUR", "Transport and recovery", until.AddYears(1), T0),
            new FinancialGuaranteeApproved("DE", T0));
    }

    private static RecordChange Change(ChangeOfParticulars c) => new(c, Given.Registry);

    private static ChangeOfParticulars CarrierChange() => new("Trans Europa Logistik lost its licence", Carriers: [NewCarrier]);

    private static NotificationState Apply(NotificationState n, Decision d)
    {
        Assert.False(d.IsRefused, d.Refusal?.Detail);
        return Given.That(n, d.Events.Where(e => StreamEventTypes.Notification.Contains(e.GetType())).ToArray());
    }

    private static AnnounceShipment Announcement(string carrier = "Trans Europa Logistik") => new(10m, "t", TestStart.Day(14), [carrier], "box", 40);

    [Fact]
    public void A_change_of_carrier_is_essential_and_asks_every_other_authority_within_5_working_days_Art_17_1_2()
    {
        var n = Consented();
        var recorded = Given.Single<NotificationChangeRecorded>(Procedure.RecordChange(n, De, Change(CarrierChange()), T0));
        Assert.Equal(ChangeKind.Essential, recorded.Kind);
        var item = Assert.Single(recorded.Items);
        Assert.Equal(("carriers", true, "EU 2024/1157 Art. 17(1)"), (item.Item, item.Essential, item.Article));
        Assert.Equal(["NL", "BE"], recorded.AnswersFrom);
        Assert.Equal(2, recorded.Version);

        var after = Given.That(n, recorded);
        // Not in force yet: the particulars are version 1 until every authority answered.
        Assert.Equal(1, after.ParticularsVersion);
        var steps = Inbox.For(after, "NL", T0).Where(i => i.Step == Inbox.AnswerChange).ToArray();
        var step = Assert.Single(steps);
        // Monday + 5 working days = the end of next Monday (TestStart has no holiday in its fortnight).
        Assert.Equal(TestStart.At(8, 0), step.DueAt);
        Assert.Contains("EU 2024/1157 Art. 17(2)", step.Basis);
        Assert.Contains(after.PendingSteps, i => i.State == "BE" && i.Step == Inbox.AnswerChange);
    }

    [Fact]
    public void No_planned_shipment_takes_place_while_a_change_waits_for_the_answers_Art_17_2()
    {
        var n = Apply(Consented(), Procedure.RecordChange(Consented(), De, Change(CarrierChange()), T0));
        Given.Refused(Shipping.Announce(n, De, Announcement(), T0), "change-pending", "EU 2024/1157 Art. 17(2)");
    }

    [Fact]
    public void A_departure_waits_for_the_answers_to_a_change_Art_17_2()
    {
        var n = Consented();
        var announced = Shipping.Announce(n, De, Announcement(), T0);
        var shipment = ShipmentEvolution.Evolve(null, announced.Events.OfType<MovementDocumentIssued>().Single())!;
        n = Given.That(n, announced.Events.OfType<ShipmentAnnounced>().Single());
        n = Apply(n, Procedure.RecordChange(n, De, Change(CarrierChange()), T0));
        Given.Refused(Shipping.Depart(new ShipmentFile(shipment, n), De, new RecordDeparture(TestStart.At(14, 8), "Trans Europa Logistik"), TestStart.At(14, 9)),
            "change-pending", "EU 2024/1157 Art. 17(2)");
    }

    [Fact]
    public void The_change_is_in_force_when_every_authority_says_no_new_notification_is_required_and_shipments_use_its_version_Art_17_2()
    {
        var n = Apply(Consented(), Procedure.RecordChange(Consented(), De, Change(CarrierChange()), T0));
        n = Apply(n, Procedure.AnswerChange(n, Nl, new AnswerChange(ChangeAnswerKind.NoNewNotificationRequired, null) { ChangeId = "CH-1" }, T0.AddDays(1)));
        Assert.Equal(1, n.ParticularsVersion);
        var last = Procedure.AnswerChange(n, Be, new AnswerChange(ChangeAnswerKind.NoNewNotificationRequired, null) { ChangeId = "CH-1" }, T0.AddDays(2));
        Assert.IsType<NotificationChangeInForce>(last.Events[^1]);
        n = Apply(n, last);

        Assert.Equal(2, n.ParticularsVersion);
        Assert.Equal(ChangeStatus.InForce, n.Changes.Single().Status);
        Assert.Equal([1, 2], n.ParticularsHistory.Select(v => v.Version));
        Assert.Equal("Nordsee Transporte GmbH", Assert.Single(n.Particulars.Carriers).Name);
        Assert.DoesNotContain(n.PendingSteps, i => i.Step == Inbox.AnswerChange);

        // The old carrier is no longer notified; the new one moves under version 2, printed on the movement document.
        Given.Refused(Shipping.Announce(n, De, Announcement(), T0.AddDays(2)), "carrier-not-notified", "EU 2024/1157 Art. 17(1)");
        var announced = Shipping.Announce(n, De, Announcement("Nordsee Transporte GmbH"), T0.AddDays(2));
        Assert.False(announced.IsRefused, announced.Refusal?.Detail);
        Assert.Equal(2, announced.Events.OfType<ShipmentAnnounced>().Single().ParticularsVersion);
        Assert.Equal(2, announced.Events.OfType<MovementDocumentIssued>().Single().Document.ParticularsVersion);
    }

    [Fact]
    public void An_undeclared_carrier_refusal_points_to_the_change_step_Art_17_1()
    {
        var refused = Shipping.Announce(Consented(), De, Announcement("Unknown Haulage"), T0);
        Given.Refused(refused, "carrier-not-notified", "EU 2024/1157 Art. 17(1)");
        Assert.Contains("/api/notifications/DE-2026-000001/changes", refused.Refusal!.Detail);
    }

    [Fact]
    public void One_authority_requiring_a_new_notification_ends_the_change_and_the_particulars_stay_Art_17_2()
    {
        var n = Apply(Consented(), Procedure.RecordChange(Consented(), De, Change(CarrierChange()), T0));
        n = Apply(n, Procedure.AnswerChange(n, Be, new AnswerChange(ChangeAnswerKind.NewNotificationRequired, "Carrier not registered") { ChangeId = "CH-1" }, T0));
        Assert.Equal(ChangeStatus.NewNotificationRequired, n.Changes.Single().Status);
        Assert.Equal(1, n.ParticularsVersion);
        Assert.Null(n.PendingChange);
        Given.Refused(Procedure.AnswerChange(n, Nl, new AnswerChange(ChangeAnswerKind.NoNewNotificationRequired, null) { ChangeId = "CH-1" }, T0),
            "change-not-awaiting-answers", "EU 2024/1157 Art. 17(2)");
        // Shipments continue under the consented version 1.
        Assert.False(Shipping.Announce(n, De, Announcement(), T0).IsRefused);
    }

    [Fact]
    public void Silence_is_not_agreement_the_change_stays_out_of_force_and_the_step_is_overdue_Art_17_2()
    {
        var n = Apply(Consented(), Procedure.RecordChange(Consented(), De, Change(CarrierChange()), T0));
        var overdue = Inbox.For(n, "NL", T0.AddDays(8)).Single(i => i.Step == Inbox.AnswerChange);
        Assert.True(overdue.Overdue);
        Assert.Equal(1, n.ParticularsVersion);
        var late = Given.Single<NotificationChangeAccepted>(Procedure.AnswerChange(n, Nl,
            new AnswerChange(ChangeAnswerKind.NoNewNotificationRequired, null) { ChangeId = "CH-1" }, T0.AddDays(8)));
        Assert.True(late.Late);
    }

    [Fact]
    public void A_change_of_contact_details_is_not_essential_and_is_in_force_at_once()
    {
        var change = new ChangeOfParticulars("New phone number", ConsigneeContact: new ContactPerson("Jan Jansen", "+31 10 111111", "jan@example.org"));
        var d = Procedure.RecordChange(Consented(), De, Change(change), T0);
        var recorded = Assert.IsType<NotificationChangeRecorded>(d.Events[0]);
        Assert.Equal(ChangeKind.NonEssential, recorded.Kind);
        Assert.Empty(recorded.AnswersFrom);
        Assert.IsType<NotificationChangeInForce>(d.Events[1]);
        var n = Apply(Consented(), d);
        Assert.Equal(2, n.ParticularsVersion);
        Assert.Equal("+31 10 111111", n.Particulars.Consignee.Contact.Phone);
    }

    [Fact]
    public void The_classifier_names_quantity_routing_dates_and_facility_as_essential_Art_17_1()
    {
        var before = Consented().Particulars;
        var after = before with
        {
            TotalQuantity = 90m, Itinerary = "Rail", LastDeparture = before.LastDeparture.AddDays(-10),
            Facility = before.Facility with { Id = "NL-FAC-2", SiteAddress = "Elsewhere 1" },
        };
        var items = ChangeClassifier.Compare(before, after);
        Assert.Equal(["quantity", "routing", "dates of shipment", "facility"], items.Select(i => i.Item));
        Assert.All(items, i => Assert.True(i.Essential));
        Assert.Equal(ChangeKind.Essential, ChangeClassifier.KindOf(items));
        Assert.Equal(ChangeKind.NonEssential, ChangeClassifier.KindOf(ChangeClassifier.Compare(before,
            before with { Facility = before.Facility with { TechnicalDescription = "Smelter" } })));
    }

    [Fact]
    public void A_change_involving_another_state_needs_a_new_notification_Art_17_3()
    {
        var change = new ChangeOfParticulars("Route through France", TransitStates: [new TransitRoute("FR", null, null, null, null)]);
        var refused = Procedure.RecordChange(Consented(), De, Change(change), T0);
        Given.Refused(refused, "change-involves-other-authorities", "EU 2024/1157 Art. 17(3)");
        Assert.Contains("renotifications", refused.Refusal!.Detail);
    }

    [Fact]
    public void Only_the_state_of_export_records_a_change()
    {
        var refused = Procedure.RecordChange(Consented(), Nl, Change(CarrierChange()), T0);
        Given.Refused(refused, "not-state-of-export", "Basel Art. 6(1)");
        Assert.Equal(RefusalKind.NotPermitted, refused.Refusal!.Kind);
    }

    [Fact]
    public void A_change_is_made_to_a_consented_notification_Art_17_1()
    {
        var filed = NotificationEvolution.Create(Filing.Filed(Samples.Notification("DE", "NL"), "DE-2026-000001", Given.Registry, T0));
        Given.Refused(Procedure.RecordChange(filed, De, Change(CarrierChange()), T0), "change-before-consent", "EU 2024/1157 Art. 17(1)");
    }

    [Fact]
    public void One_essential_change_at_a_time_Art_17_2()
    {
        var n = Apply(Consented(), Procedure.RecordChange(Consented(), De, Change(CarrierChange()), T0));
        Given.Refused(Procedure.RecordChange(n, De, Change(new ChangeOfParticulars("more", TotalQuantity: 120m)), T0),
            "change-already-pending", "EU 2024/1157 Art. 17(2)");
    }

    [Fact]
    public void A_change_that_changes_nothing_is_refused_Art_17_1()
    {
        var same = new ChangeOfParticulars("same", TotalQuantity: Consented().Particulars.TotalQuantity);
        Given.Refused(Procedure.RecordChange(Consented(), De, Change(same), T0), "change-changes-nothing", "EU 2024/1157 Art. 17(1)");
    }

    [Fact]
    public void A_change_cannot_stretch_the_consents_validity_Art_9_4()
    {
        var later = new ChangeOfParticulars("later", LastDeparture: Consented().ConsentValidUntil!.Value.AddDays(1));
        Given.Refused(Procedure.RecordChange(Consented(), De, Change(later), T0), "change-outside-consent-validity", "EU 2024/1157 Art. 9(4), 9(5)");
    }

    [Fact]
    public void A_change_cannot_cover_less_than_is_already_announced_Art_17_1()
    {
        var n = Consented();
        n = Given.That(n, Shipping.Announce(n, De, new AnnounceShipment(30m, "t", TestStart.Day(14), ["Trans Europa Logistik"], "box", 4), T0)
            .Events.OfType<ShipmentAnnounced>().Single());
        Given.Refused(Procedure.RecordChange(n, De, Change(new ChangeOfParticulars("less", TotalQuantity: 20m)), T0),
            "change-below-shipments-announced", "EU 2024/1157 Art. 17(1)");
    }

    [Fact]
    public void The_changed_particulars_pass_the_filing_rules_again_Basel_Art_4_6()
    {
        var facility = Consented().Particulars.Facility with { Latitude = -70 };
        Given.Refused(Procedure.RecordChange(Consented(), De, Change(new ChangeOfParticulars("moved", Facility: facility)), T0), "south-of-60", "Basel Art. 4(6)");
    }

    [Fact]
    public void Answers_come_from_the_authorities_asked_once_each_Art_17_2()
    {
        var n = Apply(Consented(), Procedure.RecordChange(Consented(), De, Change(CarrierChange()), T0));
        var agree = new AnswerChange(ChangeAnswerKind.NoNewNotificationRequired, null) { ChangeId = "CH-1" };
        var byExport = Procedure.AnswerChange(n, De, agree, T0);
        Given.Refused(byExport, "not-asked-about-change", "EU 2024/1157 Art. 17(2)");
        Assert.Equal(RefusalKind.NotPermitted, byExport.Refusal!.Kind);
        var unknown = Procedure.AnswerChange(n, Nl, agree with { ChangeId = "CH-9" }, T0);
        Given.Refused(unknown, "change-not-found", "EU 2024/1157 Art. 17(1)");
        Assert.Equal(RefusalKind.NotFound, unknown.Refusal!.Kind);
        n = Apply(n, Procedure.AnswerChange(n, Nl, agree, T0));
        Given.Refused(Procedure.AnswerChange(n, Nl, agree, T0), "change-already-answered", "EU 2024/1157 Art. 17(2)");
    }

    [Fact]
    public void The_5_working_day_period_is_that_of_2024_1157_only_Art_17_2()
    {
        Assert.NotNull(ChangeEvolution.AnswerDeadline(new RegimeInfo(ControlRegime.Eu, RegimeInfo.Eu2024Instrument), "NL", T0).DueAt);
        // Regulation 1013/2006 Art. 17, the OECD Decision and the Basel Convention set no period (docs/law.md 3.8).
        Assert.Null(ChangeEvolution.AnswerDeadline(new RegimeInfo(ControlRegime.Eu, RegimeInfo.Eu2006Instrument), "NL", T0).DueAt);
        Assert.Null(ChangeEvolution.AnswerDeadline(new RegimeInfo(ControlRegime.Oecd, RegimeInfo.OecdInstrument), "KR", T0).DueAt);
    }

    [Fact]
    public void A_Basel_change_asks_the_states_of_import_and_transit_without_a_day_count()
    {
        var p = Samples.Notification("MY", "JP", ["KR"]);
        var n = Given.That(NotificationEvolution.Create(Filing.Filed(p, "MY-2026-000001", Given.Registry, T0)),
            new NotificationAcknowledged("JP", AuthorityRole.Import, T0), new NotificationAcknowledged("KR", AuthorityRole.Transit, T0),
            new ConsentGranted("JP", AuthorityRole.Import, [], TestStart.Day(8), TestStart.Day(300), true, T0),
            new ConsentGranted("KR", AuthorityRole.Transit, [], TestStart.Day(8), TestStart.Day(300), false, T0));
        var my = Actor.Authority("officer.my", "MY");
        n = Apply(n, Procedure.RecordChange(n, my, Change(new ChangeOfParticulars("more", TotalQuantity: 120m)), T0));
        var change = n.PendingChange!;
        Assert.Equal(["JP", "KR"], change.Answers.Select(a => a.State));
        Assert.All(change.Answers, a => Assert.Null(a.Due.DueAt));
        Assert.False(Inbox.For(n, "JP", T0.AddDays(400)).Single(i => i.Step == Inbox.AnswerChange).Overdue);
    }

    [Fact]
    public void A_renotification_reuses_the_particulars_with_the_changes_and_names_its_predecessor_Art_9_3()
    {
        var earlier = Consented();
        var change = new ChangeOfParticulars("Next year", FirstDeparture: TestStart.Day(400), LastDeparture: TestStart.Day(700));
        var filed = Given.Single<NotificationFiled>(Procedure.Renotify(new RenotificationBasis(earlier, "DE-2026-000002", Given.Registry), De, change, T0));
        Assert.Equal("DE-2026-000002", filed.NotificationNumber);
        Assert.Equal(TestStart.Day(400), filed.Particulars.FirstDeparture);
        Assert.Equal(earlier.Particulars.Facility, filed.Particulars.Facility);
        Assert.Equal(new RenotificationLink("DE-2026-000001", true, [], "Next year"), filed.Renotifies! with { Differences = [] });
        var n = NotificationEvolution.Create(filed);
        Assert.Equal("DE-2026-000001", n.Renotifies!.Predecessor);
        Assert.Contains(n.PendingSteps, i => i.State == "NL" && i.Summary.Contains("Art. 9(3)"));
    }

    [Fact]
    public void A_renotification_to_another_facility_is_not_a_repeat_Art_9_3()
    {
        var earlier = Consented();
        var change = new ChangeOfParticulars("Other site", Facility: earlier.Particulars.Facility with { Id = "NL-FAC-2", SiteAddress = "Havenweg 2" });
        var filed = Given.Single<NotificationFiled>(Procedure.Renotify(new RenotificationBasis(earlier, "DE-2026-000002", Given.Registry), De, change, T0));
        Assert.False(filed.Renotifies!.RepeatOfConsented);
        Assert.Equal(["facility"], filed.Renotifies.Differences);
    }

    [Fact]
    public void A_renotification_waits_for_the_answers_to_a_pending_change_and_comes_from_the_state_of_export_Art_17_2()
    {
        var n = Apply(Consented(), Procedure.RecordChange(Consented(), De, Change(CarrierChange()), T0));
        var basis = new RenotificationBasis(n, "DE-2026-000002", Given.Registry);
        Given.Refused(Procedure.Renotify(basis, De, new ChangeOfParticulars("again"), T0), "change-pending-renotification", "EU 2024/1157 Art. 17(2)");
        Given.Refused(Procedure.Renotify(basis with { Predecessor = Consented() }, Nl, new ChangeOfParticulars("again"), T0), "not-state-of-export", "Basel Art. 6(1)");
    }

    [Fact]
    public void A_renotification_passes_the_filing_rules_Basel_Art_6_8()
    {
        var earlier = Consented();
        var tooLong = new ChangeOfParticulars("longer", LastDeparture: earlier.Particulars.FirstDeparture.AddMonths(13));
        Given.Refused(Procedure.Renotify(new RenotificationBasis(earlier, "DE-2026-000002", Given.Registry), De, tooLong, T0),
            "general-notification-period", "Basel Art. 6(8)");
    }
}
