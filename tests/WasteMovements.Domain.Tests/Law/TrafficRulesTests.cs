using WasteMovements.Domain.Common;
using WasteMovements.Domain.IllegalTraffic;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Reports;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Law;

/// <summary>
/// Issue 13 items 12, 13, 15, 16: the guarantee's cover and partial guarantees (EU Art. 7), the take-back period's start
/// and agreed periods (Basel Art. 8; EU Art. 22), illegal traffic without a notification (Basel Art. 9), waste codes
/// (EU Art. 5(10)) and the annual report's lines (Basel Art. 13(3)(b)). Each test names its article.
/// </summary>
public sealed class TrafficRulesTests
{
    private static readonly DateTimeOffset T0 = Given.Now;
    private static readonly Actor De = Actor.Authority("o", "DE");
    private static readonly Actor Nl = Actor.Authority("o", "NL");

    private static Decision File(NotificationParticulars p) =>
        Filing.File(new NewNotification($"{p.StateOfExport}-2026-000001", Given.Registry), Actor.Authority("alice", p.StateOfExport), p, T0);

    private static NotificationParticulars Amber(string export, string import) =>
        Samples.Notification(export, import, operation: "R5") is var p
            ? p with { Waste = p.Waste with { Designation = "Used blasting grit", BaselCode = null, OecdCode = "AB130", YCodes = [], HCodes = [], UnClass = null, UnNumber = null, UnShippingName = null } }
            : p;

    // ---- item 15: codes -----------------------------------------------------------------------------------------

    [Fact]
    public void A_Y_code_is_not_required_for_an_OECD_amber_or_unlisted_waste_under_the_EU_Regulation_EU_Art_5_10()
    {
        Given.Single<NotificationFiled>(File(Amber("DE", "NL")));
        var unlisted = Amber("DE", "NL");
        Given.Single<NotificationFiled>(File(unlisted with { Waste = unlisted.Waste with { OecdCode = null } }));
        // Outside the Regulation the Y code stays required (Basel Annex V A item 13): a Basel movement and an OECD one.
        Given.Refused(File(Amber("MY", "JP")), "y-code-required", "Basel Annex V A item 13");
        Given.Refused(File(Amber("JP", "KR")), "y-code-required", "Basel Annex V A item 13");
        Assert.True(Filing.YCodeOptionalInTheUnion(Amber("DE", "NL").Waste));
        Assert.False(Filing.YCodeOptionalInTheUnion(Samples.Notification().Waste with { YCodes = [] }));
    }

    [Fact]
    public void A_mixture_names_a_code_per_fraction_in_order_of_importance_EU_Art_5_10_b()
    {
        var p = Samples.Notification("DE", "NL");
        var mixture = p with { Waste = p.Waste with { Mixture = true } };
        Given.Refused(File(mixture), "mixture-fractions-required", "EU 2024/1157 Art. 5(10)(b)");
        Given.Refused(File(mixture with { Waste = mixture.Waste with { Fractions = [new WasteFraction("A1160", 90m)] } }), "mixture-fractions-required", "EU 2024/1157 Art. 5(10)(b)");
        var fractions = mixture with { Waste = mixture.Waste with { Fractions = [new WasteFraction("A1160", 70m), new WasteFraction("A1170", 30m)] } };
        var filed = Given.Single<NotificationFiled>(File(fractions));
        Assert.Contains("A1170", filed.Particulars.AllWasteCodes());
        // The Basel Convention asks for no per-fraction codes.
        var basel = Samples.Notification("MY", "JP");
        Given.Single<NotificationFiled>(File(basel with { Waste = basel.Waste with { Mixture = true } }));
    }

    // ---- item 12: the guarantee ---------------------------------------------------------------------------------

    private static NotificationState ConsentedEu(NotificationKind kind = NotificationKind.General, int shipments = 10)
    {
        var p = Samples.Notification("DE", "NL", kind: kind, shipments: shipments);
        return Given.That(NotificationEvolution.Create(Filing.Filed(p, "DE-2026-000001", Given.Registry, T0)),
            new NotificationAcknowledged("NL", AuthorityRole.Import, T0),
            new ConsentGranted("DE", AuthorityRole.Export, [], TestStart.Day(0), TestStart.Day(300), false, T0),
            new ConsentGranted("NL", AuthorityRole.Import, [], TestStart.Day(0), TestStart.Day(300), true, T0));
    }

    private static RecordGuarantee Guarantee(NotificationState n, string reference = "G-1", GuaranteeCover? cover = null, int? first = null, int? last = null) =>
        new(GuaranteeKind.Guarantee, "Bank", reference, 100000m, "EUR", "Bank guarantee", n.Particulars.LastDeparture.AddDays(60),
            cover ?? new GuaranteeCover(true, true, true, 20000m, 60000m, 20000m), first, last);

    private static NotificationState Apply(NotificationState n, Decision d)
    {
        Assert.False(d.IsRefused, d.Refusal?.Detail);
        return Given.That(n, d.Events.Where(e => StreamEventTypes.Notification.Contains(e.GetType())).ToArray());
    }

    [Fact]
    public void A_guarantee_is_approved_only_if_it_covers_transport_treatment_and_90_days_storage_EU_Art_7_1_to_5()
    {
        var n = ConsentedEu();
        var uncovered = Apply(n, Procedure.RecordGuarantee(n, De, Guarantee(n) with { Cover = null }, T0));
        Given.Refused(Procedure.ApproveGuarantee(uncovered, De, new ApproveGuarantee(), T0), "guarantee-cover-incomplete", "EU 2024/1157 Art. 7(1), 7(4)");
        var noStorage = Apply(n, Procedure.RecordGuarantee(n, De, Guarantee(n, cover: new GuaranteeCover(true, true, false)), T0));
        var refused = Procedure.ApproveGuarantee(noStorage, De, new ApproveGuarantee(), T0);
        Given.Refused(refused, "guarantee-cover-incomplete", "EU 2024/1157 Art. 7(1), 7(4)");
        Assert.Contains("storage for 90 days", refused.Refusal!.Detail);
        var covered = Apply(n, Procedure.RecordGuarantee(n, De, Guarantee(n), T0));
        Given.Single<FinancialGuaranteeApproved>(Procedure.ApproveGuarantee(covered, De, new ApproveGuarantee(), T0));

        // Under the Basel Convention the state that required it decides what it accepts: no cover items are imposed.
        var p = Samples.Notification("MY", "JP");
        var basel = Given.That(NotificationEvolution.Create(Filing.Filed(p, "MY-2026-000001", Given.Registry, T0)),
            new NotificationAcknowledged("JP", AuthorityRole.Import, T0),
            new ConsentGranted("JP", AuthorityRole.Import, [], TestStart.Day(8), TestStart.Day(300), true, T0, RequiresFinancialGuarantee: true));
        basel = Apply(basel, Procedure.RecordGuarantee(basel, Actor.Authority("o", "MY"), Guarantee(basel) with { Cover = null }, T0));
        Given.Single<FinancialGuaranteeApproved>(Procedure.ApproveGuarantee(basel, Actor.Authority("o", "JP"), new ApproveGuarantee(), T0));
    }

    [Fact]
    public void Partial_guarantees_cover_parts_of_a_general_notification_and_are_released_with_their_shipments_EU_Art_7_5_to_9()
    {
        var single = ConsentedEu(NotificationKind.Single, 1);
        Given.Refused(Procedure.RecordGuarantee(single, De, Guarantee(single, first: 1, last: 1), T0), "partial-guarantee-general-only", "EU 2024/1157 Art. 7(8)");
        var n = ConsentedEu();
        Given.Refused(Procedure.RecordGuarantee(n, De, Guarantee(n, first: 3, last: 11), T0), "partial-guarantee-shipments", "EU 2024/1157 Art. 7(8)");
        Given.Refused(Procedure.RecordGuarantee(n, De, Guarantee(n, first: 3), T0), "partial-guarantee-shipments", "EU 2024/1157 Art. 7(8)");

        n = Apply(n, Procedure.RecordGuarantee(n, De, Guarantee(n, "G-A", first: 1, last: 2), T0));
        n = Apply(n, Procedure.ApproveGuarantee(n, De, new ApproveGuarantee("G-A"), T0));
        Given.Refused(Procedure.RecordGuarantee(n, De, Guarantee(n, "G-B", first: 2, last: 3), T0), "guarantee-overlaps", "EU 2024/1157 Art. 7(8)-(9)");

        var announce = new AnnounceShipment(5m, "t", TestStart.Day(14), ["Trans Europa Logistik"], "box", 4);
        n = Apply(n, Shipping.Announce(n, De, announce, T0));
        n = Apply(n, Shipping.Announce(n, De, announce, T0));
        // Shipment 3 lies outside G-A: no guarantee in force covers it.
        Given.Refused(Shipping.Announce(n, De, announce, T0), "shipment-not-covered-by-guarantee", "EU 2024/1157 Art. 7(8)-(9)");
        Given.Refused(Procedure.ReleaseGuarantee(n, De, new ReleaseGuarantee("G-A"), T0), "certificates-outstanding", "EU 2024/1157 Art. 7(5)");

        // G-B for shipments 3-10, approved: shipment 3 may go; G-A is released once shipments 1 and 2 are concluded.
        n = Apply(n, Procedure.RecordGuarantee(n, De, Guarantee(n, "G-B", first: 3, last: 10), T0));
        n = Apply(n, Procedure.ApproveGuarantee(n, De, new ApproveGuarantee("G-B"), T0));
        n = Apply(n, Shipping.Announce(n, De, announce, T0));
        n = Given.That(n, new ShipmentConcluded(n.Id, n.Shipments[0].ShipmentId, ShipmentOutcome.Completed, T0),
            new ShipmentConcluded(n.Id, n.Shipments[1].ShipmentId, ShipmentOutcome.Completed, T0));
        var released = Given.Single<FinancialGuaranteeReleased>(Procedure.ReleaseGuarantee(n, De, new ReleaseGuarantee("G-A"), T0));
        Assert.Equal("G-A", released.Reference);
        Given.Refused(Procedure.ReleaseGuarantee(n, De, new ReleaseGuarantee("G-B"), T0), "certificates-outstanding", "EU 2024/1157 Art. 7(5)");
        n = Given.That(n, released);
        Assert.Null(n.GuaranteeFor(1));
        Assert.Equal("G-B", n.GuaranteeFor(4)!.Reference);
    }

    [Fact]
    public void A_shipment_does_not_depart_unless_the_guarantee_in_force_covers_it_EU_Art_7()
    {
        var n = ConsentedEu();
        // A guarantee recorded (under an earlier last departure) that ends on day 20.
        n = Given.That(n, new FinancialGuaranteeRecorded(GuaranteeKind.Guarantee, "Bank", "G-1", 1m, "EUR", "c", TestStart.Day(20), T0, new GuaranteeCover(true, true, true)));
        n = Apply(n, Procedure.ApproveGuarantee(n, De, new ApproveGuarantee(), T0));
        var announced = Shipping.Announce(n, De, new AnnounceShipment(5m, "t", TestStart.Day(20), ["Trans Europa Logistik"], "box", 4), T0);
        n = Apply(n, announced);
        var s = ShipmentEvolution.Evolve(null, announced.Events.OfType<MovementDocumentIssued>().Single())!;
        // The guarantee ended on day 20: a departure on day 21 is not covered.
        Given.Refused(Shipping.Depart(new ShipmentFile(s, n), De, new RecordDeparture(TestStart.At(21), "Trans Europa Logistik"), TestStart.At(21, 10)),
            "guarantee-expired", "EU 2024/1157 Art. 7");
        Assert.False(Shipping.Depart(new ShipmentFile(s, n), De, new RecordDeparture(TestStart.At(20), "Trans Europa Logistik"), TestStart.At(20, 10)).IsRefused);
    }

    // ---- item 13: take-back ---------------------------------------------------------------------------------------

    private static readonly Actor My = Actor.Authority("o", "MY");
    private static readonly Actor Jp = Actor.Authority("o", "JP");

    private static (NotificationState, ShipmentState) RejectedBasel(int rejectedOnDay)
    {
        var p = Samples.Notification("MY", "JP");
        var n = Given.That(NotificationEvolution.Create(Filing.Filed(p, "MY-2026-000001", Given.Registry, T0)),
            new NotificationAcknowledged("JP", AuthorityRole.Import, T0),
            new ConsentGranted("JP", AuthorityRole.Import, [], TestStart.Day(8), TestStart.Day(300), true, T0));
        var announced = Shipping.Announce(n, My, new AnnounceShipment(10m, "t", TestStart.Day(14), ["Trans Europa Logistik"], "box", 40), T0);
        n = Given.That(n, announced.Events.OfType<ShipmentAnnounced>().Single());
        var s = ShipmentEvolution.Evolve(null, announced.Events.OfType<MovementDocumentIssued>().Single())!;
        foreach (var e in Shipping.Depart(new ShipmentFile(s, n), My, new RecordDeparture(TestStart.At(14), "Trans Europa Logistik"), TestStart.At(14, 10)).Events) s = ShipmentEvolution.Evolve(s, e)!;
        var facility = Actor.OfFacility("op", s.FacilityId);
        foreach (var e in Shipping.Reject(new ShipmentFile(s, n), facility, new RejectShipment("Not as described", null), TestStart.At(rejectedOnDay)).Events
                     .Where(e => StreamEventTypes.Shipment.Contains(e.GetType()))) s = ShipmentEvolution.Evolve(s, e)!;
        return (n, s);
    }

    [Fact]
    public void The_90_days_run_from_when_the_state_of_import_informed_the_state_of_export_Basel_Art_8_EU_Art_22()
    {
        var (n, s) = RejectedBasel(20);
        Assert.Equal(TestStart.At(20) + TimeSpan.FromDays(90), s.PendingTakeBack!.DueAt);
        var informed = new RecordTakeBackInformation(TestStart.At(23), true);
        Given.Refused(Shipping.InformTakeBack(new ShipmentFile(s, n), My, informed, TestStart.At(24)), "not-the-informing-state", "Basel Art. 8");
        Given.Refused(Shipping.InformTakeBack(new ShipmentFile(s, n), Jp, informed with { InformedAt = TestStart.At(19) }, TestStart.At(24)),
            "information-before-take-back", "Basel Art. 8");
        Given.Refused(Shipping.InformTakeBack(new ShipmentFile(s, n), Jp, informed with { InformedAt = TestStart.At(30) }, TestStart.At(24)),
            "information-in-the-future", "Basel Art. 8");
        var recorded = Given.Single<TakeBackInformationRecorded>(Shipping.InformTakeBack(new ShipmentFile(s, n), Jp, informed, TestStart.At(24)));
        Assert.Equal(TestStart.At(23) + TimeSpan.FromDays(90), recorded.TakeBackDue);
        s = ShipmentEvolution.Evolve(s, recorded)!;
        Assert.Equal((TestStart.At(23), true, "JP"), (s.PendingTakeBack!.InformedAt, s.PendingTakeBack.SecretariatInformed, s.PendingTakeBack.InformedBy));
        Assert.Equal(recorded.TakeBackDue, Assert.Single(s.Deadlines, d => d.Kind == ShipmentDeadlineKind.TakeBack).DueAt);
    }

    [Fact]
    public void Another_take_back_period_is_one_the_states_concerned_agreed_Basel_Art_8_EU_Art_22()
    {
        var (n, s) = RejectedBasel(20);
        Given.Refused(Shipping.AgreeTakeBackPeriod(new ShipmentFile(s, n), Jp, new AgreeTakeBackPeriod(120, [], "Port strike"), TestStart.At(25)),
            "take-back-period-not-agreed", "Basel Art. 8");
        Given.Refused(Shipping.AgreeTakeBackPeriod(new ShipmentFile(s, n), Jp, new AgreeTakeBackPeriod(120, ["MY", "FR"], "Port strike"), TestStart.At(25)),
            "take-back-period-not-agreed", "Basel Art. 8");
        Given.Refused(Shipping.AgreeTakeBackPeriod(new ShipmentFile(s, n), Jp, new AgreeTakeBackPeriod(0, ["MY"], "Port strike"), TestStart.At(25)),
            "take-back-period-out-of-range", "Basel Art. 8");
        Given.Refused(Shipping.AgreeTakeBackPeriod(new ShipmentFile(s, n), Actor.Authority("o", "FR"), new AgreeTakeBackPeriod(120, ["MY", "JP"], "x"), TestStart.At(25)),
            "not-state-of-export-or-import", "Basel Art. 8");
        var agreed = Given.Single<TakeBackPeriodAgreed>(Shipping.AgreeTakeBackPeriod(new ShipmentFile(s, n), Jp, new AgreeTakeBackPeriod(120, ["my"], "Port strike"), TestStart.At(25)));
        Assert.Equal(TestStart.At(20) + TimeSpan.FromDays(120), agreed.TakeBackDue);
        Assert.Equal(["JP", "MY"], agreed.AgreedBy);
        s = ShipmentEvolution.Evolve(s, agreed)!;
        // The information recorded afterwards moves the start; the agreed length stays.
        var informed = Given.Single<TakeBackInformationRecorded>(Shipping.InformTakeBack(new ShipmentFile(s, n), Jp, new RecordTakeBackInformation(TestStart.At(22), false), TestStart.At(26)));
        Assert.Equal(TestStart.At(22) + TimeSpan.FromDays(120), informed.TakeBackDue);
    }

    // ---- item 13: illegal traffic without a notification --------------------------------------------------------------

    private static readonly OpenIllegalTrafficCase Found = new("without-notification", "Lorry stopped at the border with drums of spent solvents and no documents",
        "DE", "NL", [], "Spent halogenated solvents in 20 drums", 4m, "t", null, TestStart.At(1));

    private static IllegalTrafficCase Opened()
    {
        var opened = Given.Single<IllegalTrafficCaseOpened>(IllegalTrafficCases.Open(new NewIllegalTrafficCase("ILL-NL-2026-000001"), Nl, Found, TestStart.At(2)));
        return IllegalTrafficEvolution.Evolve(null, opened)!;
    }

    private static IllegalTrafficCase Then(IllegalTrafficCase c, Decision d)
    {
        Assert.False(d.IsRefused, d.Refusal?.Detail);
        return d.Events.Aggregate(c, (x, e) => IllegalTrafficEvolution.Evolve(x, e)!);
    }

    [Fact]
    public void Illegal_traffic_never_notified_is_recorded_as_a_case_of_its_own_Basel_Art_9_1_a()
    {
        var seed = new NewIllegalTrafficCase("ILL-NL-2026-000001");
        var c = Opened();
        Assert.Equal((IllegalTrafficCaseStatus.Open, "NL", null), (c.Status, c.FoundBy, c.NotificationNumber));
        Assert.Equal(["NL", "DE"], c.StatesConcerned);
        Given.Refused(IllegalTrafficCases.Open(seed, Actor.Authority("o", "FR"), Found, TestStart.At(2)), "not-concerned", "Basel Art. 2(13), 9(1)");
        // A transit state's customs may find it too.
        Given.Single<IllegalTrafficCaseOpened>(IllegalTrafficCases.Open(seed, Actor.Authority("o", "BE"), Found with { TransitStates = ["be"] }, TestStart.At(2)));
        Given.Refused(IllegalTrafficCases.Open(seed, Nl, Found with { Cause = "smuggling" }, TestStart.At(2)), "unknown-cause", "Basel Art. 9(1)");
        Given.Refused(IllegalTrafficCases.Open(seed, Nl, Found with { StateOfExport = "NL" }, TestStart.At(2)), "export-equals-import", "Basel Art. 2(3)");
        Given.Refused(IllegalTrafficCases.Open(seed, Nl, Found with { FoundAt = TestStart.At(3) }, TestStart.At(2)), "found-in-the-future", "Basel Art. 9(1)");
        Assert.True(IllegalTrafficCase.IsKey("ILL-NL-2026-000001"));
        Assert.Same(StreamEventTypes.IllegalTrafficCase, StreamEventTypes.For("ILL-NL-2026-000001"));
    }

    [Fact]
    public void Exporter_at_fault_the_state_of_export_takes_back_within_30_days_of_being_informed_Basel_Art_9_2()
    {
        var c = Opened();
        Given.Refused(IllegalTrafficCases.Attribute(c, Actor.Authority("o", "FR"), new AttributeResponsibility(ResponsibleParty.Exporter, TestStart.At(3), "x"), TestStart.At(3)),
            "not-state-of-export-or-import", "Basel Art. 9(2)-(4)");
        Given.Refused(IllegalTrafficCases.Attribute(c, Nl, new AttributeResponsibility(ResponsibleParty.Exporter, TestStart.At(0), "x"), TestStart.At(3)),
            "information-before-finding", "Basel Art. 9(2)-(3)");
        Given.Refused(IllegalTrafficCases.TakeBack(c, De, new RecordIllegalTrafficTakeBack(TestStart.At(5)), TestStart.At(5)), "take-back-not-the-duty", "Basel Art. 9(2)(a)");
        var attributed = Given.Single<ResponsibilityAttributed>(IllegalTrafficCases.Attribute(c, Nl,
            new AttributeResponsibility(ResponsibleParty.Exporter, TestStart.At(3), "The exporter shipped without notifying"), TestStart.At(4)));
        Assert.Equal(("DE", TestStart.At(3) + TimeSpan.FromDays(30)), (attributed.ResponsibleState, attributed.DueAt));
        c = IllegalTrafficEvolution.Evolve(c, attributed)!;

        // The duty appears in the state of export's inbox with its deadline, overdue after it.
        var item = Assert.Single(CaseInbox.For(c, "DE", TestStart.At(10)));
        Assert.Equal((CaseInbox.TakeBackOrDispose, TestStart.At(33), false), (item.Step, item.DueAt, item.Overdue));
        Assert.True(Assert.Single(CaseInbox.For(c, "DE", TestStart.At(34))).Overdue);
        Assert.Empty(CaseInbox.For(c, "NL", TestStart.At(10)));

        Given.Refused(IllegalTrafficCases.Close(c, Nl, new CloseIllegalTrafficCase("done"), TestStart.At(5)), "duty-outstanding", "Basel Art. 9(2)");
        Given.Refused(IllegalTrafficCases.ArrangeDisposal(c, Nl, new ArrangeIllegalTrafficDisposal("NL plant", "D10", "x"), TestStart.At(5)), "not-the-responsible-state", "Basel Art. 9(2)(b)");
        c = Then(c, IllegalTrafficCases.TakeBack(c, De, new RecordIllegalTrafficTakeBack(TestStart.At(20)), TestStart.At(20)));
        Given.Refused(IllegalTrafficCases.TakeBack(c, De, new RecordIllegalTrafficTakeBack(TestStart.At(20)), TestStart.At(21)), "duty-already-met", "Basel Art. 9(2)");
        c = Then(c, IllegalTrafficCases.Close(c, Nl, new CloseIllegalTrafficCase("Taken back to Germany"), TestStart.At(21)));
        Assert.Equal(IllegalTrafficCaseStatus.Closed, c.Status);
        Given.Refused(IllegalTrafficCases.Close(c, Nl, new CloseIllegalTrafficCase("again"), TestStart.At(22)), "case-closed", "Basel Art. 9");
    }

    [Fact]
    public void Importer_at_fault_the_state_of_import_disposes_within_30_days_or_an_agreed_period_Basel_Art_9_3()
    {
        var c = Opened();
        Given.Refused(IllegalTrafficCases.AgreePeriod(c, Nl, new AgreeIllegalTrafficPeriod(60, ["DE"], "x"), TestStart.At(4)), "no-duty-attributed", "Basel Art. 9(2)-(3)");
        c = Then(c, IllegalTrafficCases.Attribute(c, De, new AttributeResponsibility(ResponsibleParty.Importer, TestStart.At(2), "The consignee ordered it"), TestStart.At(4)));
        Assert.Equal(("NL", TestStart.At(32), IllegalTrafficCases.ImporterBasis), (c.Responsibility!.ResponsibleState, c.Responsibility.DueAt, c.Responsibility.Basis));
        Given.Refused(IllegalTrafficCases.AgreePeriod(c, Nl, new AgreeIllegalTrafficPeriod(60, [], "x"), TestStart.At(4)), "period-not-agreed", "Basel Art. 9(2)-(3)");
        Given.Refused(IllegalTrafficCases.AgreePeriod(c, Nl, new AgreeIllegalTrafficPeriod(731, ["DE"], "x"), TestStart.At(4)), "period-out-of-range", "Basel Art. 9(2)-(3)");
        c = Then(c, IllegalTrafficCases.AgreePeriod(c, Nl, new AgreeIllegalTrafficPeriod(60, ["DE"], "Incinerator capacity"), TestStart.At(5)));
        Assert.Equal((TestStart.At(62), 60), (c.Responsibility!.DueAt, c.Responsibility.AgreedDays));
        Assert.Equal(TestStart.At(62), Assert.Single(CaseInbox.For(c, "NL", TestStart.At(5))).DueAt);

        Given.Refused(IllegalTrafficCases.ArrangeDisposal(c, De, new ArrangeIllegalTrafficDisposal("DE plant", "D10", "x"), TestStart.At(6)), "not-the-responsible-state", "Basel Art. 9(3)");
        c = Then(c, IllegalTrafficCases.ArrangeDisposal(c, Nl, new ArrangeIllegalTrafficDisposal("Rotterdam incinerator", "d10", "Incinerated"), TestStart.At(30)));
        Assert.Equal(("D10", IllegalTrafficCaseStatus.DutyMet), (c.Disposal!.Operation, c.Status));
        Assert.Empty(CaseInbox.For(c, "NL", TestStart.At(31)));
    }

    [Fact]
    public void Responsibility_undetermined_the_states_cooperate_without_a_period_Basel_Art_9_4()
    {
        var c = Opened();
        Assert.Equal(CaseInbox.Attribute, Assert.Single(CaseInbox.For(c, "DE", TestStart.At(2))).Step);
        c = Then(c, IllegalTrafficCases.Attribute(c, Nl, new AttributeResponsibility(ResponsibleParty.Undetermined, TestStart.At(2), "Unknown shipper"), TestStart.At(3)));
        Assert.Equal((IllegalTrafficCaseStatus.Cooperation, (DateTimeOffset?)null), (c.Status, c.Responsibility!.DueAt));
        Assert.Equal(CaseInbox.Cooperate, Assert.Single(CaseInbox.For(c, "NL", TestStart.At(3))).Step);
        Given.Refused(IllegalTrafficCases.Attribute(c, Actor.Authority("o", "FR"), new AttributeResponsibility(ResponsibleParty.Exporter, TestStart.At(3), "x"), TestStart.At(3)),
            "not-state-of-export-or-import", "Basel Art. 9(2)-(4)");
        c = Then(c, IllegalTrafficCases.ArrangeDisposal(c, De, new ArrangeIllegalTrafficDisposal("Hamburg plant", "D10", "By Germany"), TestStart.At(9)));
        Assert.True(c.DutyMet);
    }

    // ---- item 16: the annual report's lines ----------------------------------------------------------------------

    private static ShipmentState Shipment(WasteDescription waste, string unit = "t", DateTimeOffset? departed = null)
    {
        var p = Samples.Notification("MY", "JP") with { Unit = unit };
        var n = Given.That(NotificationEvolution.Create(Filing.Filed(p with { Waste = waste }, "MY-2026-000001", Given.Registry, T0)),
            new NotificationAcknowledged("JP", AuthorityRole.Import, T0),
            new ConsentGranted("JP", AuthorityRole.Import, [], TestStart.Day(8), TestStart.Day(300), true, T0));
        var issued = Shipping.Announce(n, My, new AnnounceShipment(10m, unit, TestStart.Day(14), ["Trans Europa Logistik"], "box", 40), T0)
            .Events.OfType<MovementDocumentIssued>().Single();
        return ShipmentEvolution.Evolve(null, issued)! with { DepartedAt = departed ?? TestStart.At(14) };
    }

    private static ShipmentReceived Receipt(ShipmentState s, decimal quantity, DateTimeOffset at) =>
        new(s.NotificationNumber, s.Id, s.FacilityId, at, quantity, s.Document.Unit, false, 0m, false, false, at);

    [Fact]
    public void A_report_line_is_kept_apart_by_H_characteristics_and_POPs_and_mercury_content_Basel_Art_13_3_b()
    {
        var waste = Samples.Notification().Waste;
        var report = AnnualReport.Empty("MY", 2026);
        var a = Shipment(waste);
        report = AnnualReporting.Received(report, a, Receipt(a, 10m, TestStart.At(20)));
        report = AnnualReporting.Received(report, a, Receipt(a, 5m, TestStart.At(21)));
        var line = Assert.Single(report.Lines);
        Assert.Equal(("H11 H8", 15m, 2), (line.HCodes, line.Quantity, line.Shipments));

        var otherH = Shipment(waste with { HCodes = ["H8"] });
        var mercury = Shipment(waste with { ContainsMercury = true });
        var pops = Shipment(waste with { ContainsPops = true });
        foreach (var s in new[] { otherH, mercury, pops }) report = AnnualReporting.Received(report, s, Receipt(s, 1m, TestStart.At(22)));
        Assert.Equal(4, report.Lines.Count);
        Assert.Single(report.Lines, l => l.ContainsMercury);
        Assert.Single(report.Lines, l => l.ContainsPops);
        Assert.Single(report.Lines, l => l.HCodes == "H8");
    }

    [Fact]
    public void Quantities_in_m3_are_reported_in_tonnes_with_the_declared_density_Basel_Art_13_3_b()
    {
        var waste = Samples.Notification().Waste with { DensityTonnesPerCubicMetre = 1.25m };
        var s = Shipment(waste, Units.CubicMetres);
        var report = AnnualReporting.Received(AnnualReport.Empty("MY", 2026), s, Receipt(s, 8m, TestStart.At(20)));
        Assert.Equal((10m, Units.Tonnes), (report.Lines[0].Quantity, report.Lines[0].Unit));
        Assert.Equal((2.5m, "t"), AnnualReporting.InTonnes(2m, Units.CubicMetres, 1.25m));
        // Without a declared density (files from before it was asked for) the quantity stays in m3.
        Assert.Equal((2m, "m3"), AnnualReporting.InTonnes(2m, Units.CubicMetres, null));
    }

    [Fact]
    public void An_export_counts_in_the_year_the_shipment_left_an_import_in_the_year_it_arrived_Basel_Art_13_3_b()
    {
        // Dates of law-like calendar boundaries: a shipment leaving on 30 December and arriving on 2 January.
        var s = Shipment(Samples.Notification().Waste, departed: new DateTimeOffset(2026, 12, 30, 8, 0, 0, TimeSpan.Zero));
        var arrived = new DateTimeOffset(2027, 1, 2, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(["MY:2026", "JP:2027"], AnnualReporting.ReportsFor(s, arrived, receipt: true));
        // Other facts (a return, illegal traffic) count in the year they happened, for both.
        Assert.Equal(["MY:2027", "JP:2027"], AnnualReporting.ReportsFor(s, arrived));
    }

    [Fact]
    public void An_illegal_traffic_case_without_a_notification_is_a_line_of_the_annual_report_Basel_Art_13_3_b_iii()
    {
        var opened = Given.Single<IllegalTrafficCaseOpened>(IllegalTrafficCases.Open(new NewIllegalTrafficCase("ILL-NL-2026-000001"), Nl, Found, TestStart.At(2)));
        var report = AnnualReporting.CaseOpened(AnnualReport.Empty("DE", TestStart.At(1).Year), opened);
        var line = Assert.Single(report.IllegalTraffic);
        Assert.Equal(("ILL-NL-2026-000001", TradeDirection.Export, "NL", null), (line.CaseId, line.Direction, line.Counterpart, line.Responsible));
        var c = IllegalTrafficEvolution.Evolve(null, opened)!;
        var attributed = Given.Single<ResponsibilityAttributed>(IllegalTrafficCases.Attribute(c, Nl, new AttributeResponsibility(ResponsibleParty.Exporter, TestStart.At(3), "x"), TestStart.At(4)));
        line = Assert.Single(AnnualReporting.CaseAttributed(report, attributed).IllegalTraffic);
        Assert.Equal((true, "exporter"), (line.ExporterAtFault, line.Responsible));
        Assert.Equal([AnnualReport.Key("DE", TestStart.At(1).Year), AnnualReport.Key("NL", TestStart.At(1).Year)], AnnualReporting.ReportsFor(c));
    }
}
