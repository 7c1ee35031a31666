using WasteMovements.Domain.Audit;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Exchange;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Exchange;

/// <summary>
/// Which state may originate which fact between nodes (docs/exchange-origins.md): every fact type has a side, the right
/// state passes and another state concerned is refused with rule exchange-origin-not-entitled, and the batches of the real
/// steps of a whole movement (export DE, transit BE, import NL) each have the origin of the authority that took the step.
/// </summary>
public sealed class FactOriginsTests
{
    private const string Rule = "exchange-origin-not-entitled";
    private static readonly DateTimeOffset T0 = Given.Now;
    private const string Number = "DE-2026-000017";

    private static Actor Ca(string country) => Actor.Authority($"officer.{country}", country);
    private static readonly Actor Facility = Actor.OfFacility("operator", "NL-FAC-ROTTERDAM-1");

    private static NotificationFiled Filed(string[]? transits = null, NotificationKind kind = NotificationKind.General, int? shipments = null) =>
        Filing.Filed(Samples.Notification("DE", "NL", transits ?? ["BE"], kind: kind, shipments: shipments), Number, Given.Registry, T0);

    /// <summary>DE -> NL through BE, as filed (EU 2024/1157, intra-Union).</summary>
    private static NotificationState Notification() => NotificationEvolution.Create(Filed());

    private static void Refused(Refusal? refusal, string article, params string[] named)
    {
        Assert.NotNull(refusal);
        Assert.Equal(Rule, refusal!.Rule);
        Assert.Equal(article, refusal.Article);
        Assert.Equal(RefusalKind.NotPermitted, refusal.Kind);
        foreach (var word in named) Assert.Contains(word, refusal.Detail);
    }

    // ---- The guard ---------------------------------------------------------------------------------------------------

    [Fact]
    public void Every_fact_type_of_a_notification_and_a_shipment_stream_has_a_side_and_an_article()
    {
        var streamTypes = StreamEventTypes.Notification.Concat(StreamEventTypes.Shipment).ToArray();
        var missing = streamTypes.Where(t => !FactOrigins.Known.Contains(t)).Select(t => t.Name).Order().ToArray();
        Assert.True(missing.Length == 0,
            "No origin side in FactOrigins for: " + string.Join(", ", missing) + ". Say which state may originate each between nodes (docs/exchange-origins.md).");
        var stale = FactOrigins.Known.Where(t => !streamTypes.Contains(t)).Select(t => t.Name).ToArray();
        Assert.True(stale.Length == 0, "FactOrigins names types no notification or shipment stream holds: " + string.Join(", ", stale));

        foreach (var type in streamTypes)
        {
            _ = FactOrigins.SideOf(type);
            Assert.False(string.IsNullOrWhiteSpace(FactOrigins.ArticleOf(type)), type.Name);
        }
    }

    [Fact]
    public void The_table_in_docs_exchange_origins_md_is_generated_from_the_rule()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "exchange-origins.md"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var path = Path.Combine(dir!.FullName, "docs", "exchange-origins.md");
        var text = File.ReadAllText(path);
        var start = text.IndexOf(FactOrigins.TableStart, StringComparison.Ordinal);
        var end = text.IndexOf(FactOrigins.TableEnd, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/exchange-origins.md lacks the fact-origins markers");
        if (Environment.GetEnvironmentVariable("WM_UPDATE_ORIGINS_TABLE") == "1")
        {
            File.WriteAllText(path, text[..(start + FactOrigins.TableStart.Length)] + "\n" + FactOrigins.Markdown() + "\n" + text[end..]);
            return;
        }

        Assert.Equal(FactOrigins.Markdown(), text[(start + FactOrigins.TableStart.Length)..end].Trim().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_type_without_a_side_is_named_when_asked()
    {
        var e = Assert.Throws<ArgumentException>(() => FactOrigins.SideOf(typeof(WasteMovements.Domain.IllegalTraffic.IllegalTrafficCaseOpened)));
        Assert.Contains("IllegalTrafficCaseOpened", e.Message);
    }

    [Theory]
    [InlineData(typeof(NotificationFiled), FactSide.StateOfExport)]
    [InlineData(typeof(InformationProvided), FactSide.StateOfExport)]
    [InlineData(typeof(ConsentExpired), FactSide.StateOfExport)]
    [InlineData(typeof(ShipmentDeadlinePassed), FactSide.StateOfExport)]
    [InlineData(typeof(FinancialGuaranteeReleased), FactSide.StateOfExport)]
    [InlineData(typeof(ConsentGranted), FactSide.OwnState)]
    [InlineData(typeof(TransitConsentDeemed), FactSide.OwnState)]
    [InlineData(typeof(NotificationCeasedToBeValid), FactSide.OwnState)]
    [InlineData(typeof(CarrierHandedOver), FactSide.OwnState)]
    [InlineData(typeof(AccidentDuringMovementReported), FactSide.OwnState)]
    [InlineData(typeof(ShipmentReceived), FactSide.StateOfImport)]
    [InlineData(typeof(ShipmentCompleted), FactSide.StateOfImport)]
    [InlineData(typeof(MovementCannotBeCompleted), FactSide.StateOfImport)]
    [InlineData(typeof(NotificationCompletenessConfirmed), FactSide.StateOfImport)]
    [InlineData(typeof(ShipmentConcluded), FactSide.Derived)]
    [InlineData(typeof(NotificationClosed), FactSide.Derived)]
    [InlineData(typeof(ShipmentDiscrepancyFlagged), FactSide.Derived)]
    [InlineData(typeof(NotificationChangeInForce), FactSide.Derived)]
    [InlineData(typeof(PersonalDataErased), FactSide.Local)]
    public void Sides_read_from_the_steps(Type type, FactSide side) => Assert.Equal(side, FactOrigins.SideOf(type));

    // ---- Each side: the right state passes, another state concerned is refused ----------------------------------------

    [Fact]
    public void The_filing_is_the_state_of_export_s_NL_may_not_send_DE_s_NotificationFiled_Basel_6_1()
    {
        var filed = Filed();
        Assert.Equal("DE", FactOrigins.EntitledState(filed, null));
        Assert.Equal("DE", FactOrigins.OriginOf([filed], null));
        Assert.Null(FactOrigins.Check("DE", [filed], null));
        Refused(FactOrigins.Check("NL", [filed], null), "Basel Art. 6(1); EU 2024/1157 Art. 5", "NotificationFiled", "DE", "NL");
        // Nor may it file DE's known notification again as its own.
        Assert.Equal("DE", FactOrigins.EntitledState(filed with { Particulars = filed.Particulars with { StateOfExport = "NL" } }, Notification()));
    }

    [Fact]
    public void A_consent_is_its_own_state_s_BE_may_not_send_NL_s_consent_Basel_6_2_6_4()
    {
        var n = Notification();
        var consent = new ConsentGranted("NL", AuthorityRole.Import, [], TestStart.Day(1), TestStart.Day(200), true, T0);
        Assert.Equal("NL", FactOrigins.OriginOf([consent], n));
        Assert.Null(FactOrigins.Check("NL", [consent], n));
        Assert.Null(FactOrigins.Check("nl", [consent], n));
        Refused(FactOrigins.Check("BE", [consent], n), "Basel Art. 6(2), 6(4); EU 2024/1157 Art. 9", "ConsentGranted", "NL", "BE");
        Refused(FactOrigins.Check("DE", [new TransitConsentDeemed("BE", T0, null, "EU 2024/1157 Art. 9(1)")], n),
            "Basel Art. 6(4); EU 2024/1157 Art. 9(1)", "TransitConsentDeemed", "BE", "DE");
    }

    [Fact]
    public void A_fact_naming_a_state_but_of_one_role_is_that_role_s_a_transit_state_may_not_release_the_guarantee_Art_7_5()
    {
        var n = Notification();
        Refused(FactOrigins.Check("BE", [new FinancialGuaranteeReleased("BE", T0, "G-1")], n), "EU 2024/1157 Art. 7(5)", "state of export (DE)", "BE");
        Refused(FactOrigins.Check("BE", [new NotificationCompletenessConfirmed("BE", T0)], n), "EU 2024/1157 Art. 8(12)", "state of import (NL)", "BE");
        Assert.Null(FactOrigins.Check("DE", [new FinancialGuaranteeReleased("DE", T0, "G-1")], n));
    }

    [Fact]
    public void A_state_acts_only_in_its_role_on_the_file_Basel_6_2_6_4()
    {
        var n = Notification();
        // NL is the state of import: a consent of NL as transit, or an acknowledgement as dispatch, is not its fact.
        Refused(FactOrigins.Check("NL", [new ConsentGranted("NL", AuthorityRole.Transit, [], TestStart.Day(1), TestStart.Day(200), false, T0)], n),
            "Basel Art. 6(2), 6(4); EU 2024/1157 Art. 9", "authority of transit", "authority of import");
        Refused(FactOrigins.Check("BE", [new NotificationAcknowledged("BE", AuthorityRole.Import, T0)], n),
            "Basel Art. 6(4); EU 2024/1157 Art. 8", "authority of import", "authority of transit");
        Assert.Null(FactOrigins.Check("BE", [new NotificationAcknowledged("BE", AuthorityRole.Transit, T0)], n));
        // Under the Basel Convention the state of export does not decide (Art. 6(2)-(4)): its "consent" is refused.
        var basel = NotificationEvolution.Create(Filing.Filed(Samples.Notification("MY", "JP"), "MY-2026-000017", Given.Registry, T0));
        Refused(FactOrigins.Check("MY", [new ConsentGranted("MY", AuthorityRole.Export, [], TestStart.Day(1), TestStart.Day(200), false, T0)], basel),
            "Basel Art. 6(2), 6(4); EU 2024/1157 Art. 9", "does not decide");
    }

    [Fact]
    public void A_fact_naming_a_state_not_concerned_is_refused_even_from_that_state()
    {
        var n = Notification();
        var consent = new ConsentGranted("FR", AuthorityRole.Transit, [], TestStart.Day(1), TestStart.Day(200), false, T0);
        Refused(FactOrigins.Check("FR", [consent], n), "Basel Art. 6(2), 6(4); EU 2024/1157 Art. 9", "FR", "not a state concerned");
    }

    [Fact]
    public void The_answer_to_an_information_request_is_the_state_of_export_s_though_it_names_the_asking_state_Basel_6_1()
    {
        var n = Given.That(Notification(), new InformationRequested("IR-1", "BE", "Which route?", T0));
        var answer = new InformationProvided("IR-1", "BE", "A15", [], T0);
        Assert.Equal("DE", FactOrigins.OriginOf([answer], n));
        Assert.Null(FactOrigins.Check("DE", [answer], n));
        Refused(FactOrigins.Check("BE", [answer], n), "Basel Art. 6(1), 6(2); EU 2024/1157 Art. 8", "InformationProvided", "state of export (DE)", "BE");
    }

    [Fact]
    public void The_facility_s_receipt_is_the_state_of_import_s_DE_may_not_send_it_Basel_6_9()
    {
        var n = Notification();
        var received = new ShipmentReceived(Number, Number + "-001", "NL-FAC-ROTTERDAM-1", T0, 10m, "t", false, 0m, false, false, T0);
        Assert.Equal("NL", FactOrigins.OriginOf([received], n));
        Assert.Null(FactOrigins.Check("NL", [received], n));
        Refused(FactOrigins.Check("DE", [received], n), "Basel Art. 6(9); EU 2024/1157 Art. 16(5)", "ShipmentReceived", "state of import (NL)", "DE");
    }

    [Fact]
    public void A_hand_over_is_the_recording_state_s_an_older_one_without_it_the_state_of_export_s_Basel_6_9()
    {
        var n = Notification();
        var handover = new CarrierHandedOver(Number, Number + "-001", "A", "B", "Karl Fahrer", T0, "BE");
        Assert.Null(FactOrigins.Check("BE", [handover], n));
        Refused(FactOrigins.Check("NL", [handover], n), "Basel Art. 6(9)", "CarrierHandedOver", "BE", "NL");
        Assert.Equal("DE", FactOrigins.EntitledState(handover with { RecordedBy = null }, n));
    }

    [Fact]
    public void Facts_with_a_reporting_state_take_it_not_the_state_they_are_about_Basel_9_13()
    {
        var n = Notification();
        // Basel Art. 13(1): BE reports an accident that happened in NL; Art. 9: NL found illegal traffic.
        var accident = new AccidentDuringMovementReported(Number, Number + "-001", "BE", T0, "A15 near Breda", "NL", "Leak", "Contained", T0);
        Assert.Equal("BE", FactOrigins.OriginOf([accident], n));
        Refused(FactOrigins.Check("NL", [accident], n), "Basel Art. 13(1)", "BE", "NL");
        var illegal = new IllegalTrafficFound(Number, Number + "-001", "NL", "not-matching-documents", "Other waste", true, T0, T0.AddDays(30));
        Assert.Null(FactOrigins.Check("NL", [illegal], n));
        Refused(FactOrigins.Check("DE", [illegal], n), "Basel Art. 9", "IllegalTrafficFound", "NL", "DE");
    }

    [Fact]
    public void An_objection_s_end_is_the_state_whose_period_ended_Art_12_4()
    {
        var n = Notification();
        var ceased = new NotificationCeasedToBeValid(["NL"], T0, "EU 2024/1157 Art. 12(4)", "NL");
        Assert.Equal("NL", FactOrigins.OriginOf([ceased], n));
        Refused(FactOrigins.Check("DE", [ceased], n), "EU 2024/1157 Art. 12(4)", "NotificationCeasedToBeValid", "NL", "DE");
        // Stored before the state was recorded: the objecting state.
        Assert.Equal("NL", FactOrigins.EntitledState(ceased with { State = null }, n));
    }

    // ---- Batches ----------------------------------------------------------------------------------------------------

    [Fact]
    public void A_batch_naming_two_different_states_is_refused()
    {
        var n = Notification();
        var batch = new object[]
        {
            new ConsentGranted("NL", AuthorityRole.Import, [], TestStart.Day(1), TestStart.Day(200), true, T0),
            new ConsentGranted("BE", AuthorityRole.Transit, [], TestStart.Day(1), TestStart.Day(200), false, T0),
        };
        Assert.Null(FactOrigins.OriginOf(batch, n));
        Refused(FactOrigins.Check("NL", batch, n), "Basel Art. 6(2), 6(4); EU 2024/1157 Art. 9", "BE", "NL");
        Refused(FactOrigins.Check("BE", batch, n), "Basel Art. 6(2), 6(4); EU 2024/1157 Art. 9", "NL", "BE");
    }

    [Fact]
    public void Derived_facts_take_the_origin_of_the_batch_they_travel_with()
    {
        var n = Notification();
        var id = Number + "-001";
        var concluded = new ShipmentConcluded(Number, id, ShipmentOutcome.Completed, T0);
        var closed = new NotificationClosed(Number, "every notified shipment was made and concluded", T0);

        // With the facility's certificate: the state of import's; with the return: the state of export's.
        var certified = new object[] { new ShipmentCompleted(Number, id, "R4", false, T0, "CERT-1", false, T0), concluded, closed };
        Assert.Equal("NL", FactOrigins.OriginOf(certified, n));
        Assert.Null(FactOrigins.Check("NL", certified, n));
        Refused(FactOrigins.Check("DE", certified, n), "Basel Art. 6(9); EU 2024/1157 Art. 15(4)-(5), 16(6)", "ShipmentCompleted", "NL", "DE");

        var returned = new object[] { new ShipmentReturned(Number, id, T0), concluded with { Outcome = ShipmentOutcome.Returned }, closed };
        Assert.Equal("DE", FactOrigins.OriginOf(returned, n));
        Assert.Null(FactOrigins.Check("DE", returned, n));
        Assert.Null(FactOrigins.EntitledState(concluded, n));
    }

    [Fact]
    public void A_consequence_without_the_step_that_causes_it_is_refused()
    {
        var n = Notification();
        var closed = new NotificationClosed(Number, "every notified shipment was made and concluded", T0);
        Assert.Null(FactOrigins.OriginOf([closed], n));
        Refused(FactOrigins.Check("DE", [closed], n), "Basel Art. 6(9)", "NotificationClosed", "ShipmentConcluded");
        // A border crossing does not conclude a shipment.
        var crossing = new BorderCrossed(Number, Number + "-001", "BE", "BE-CO-IN", CrossingDirection.Entry, T0);
        Refused(FactOrigins.Check("BE", [crossing, new ShipmentConcluded(Number, Number + "-001", ShipmentOutcome.Completed, T0)], n),
            "Basel Art. 6(9), 8", "ShipmentConcluded", "ShipmentCompleted or ShipmentReturned");
    }

    [Fact]
    public void A_fact_of_another_file_is_not_sent_under_this_one_Basel_2_13()
    {
        var n = Notification();
        // NL is the state of import here, not on DE-2026-000099: its facility's receipt there is not a fact of this file.
        var elsewhere = new ShipmentReceived("DE-2026-000099", "DE-2026-000099-001", "NL-FAC-ROTTERDAM-1", T0, 10m, "t", false, 0m, false, false, T0);
        Refused(FactOrigins.Check("NL", [elsewhere], n), "Basel Art. 2(13)", "notification DE-2026-000099", Number);
        Refused(FactOrigins.Check("NL", [elsewhere with { NotificationNumber = Number }], n), "Basel Art. 2(13)", "shipment DE-2026-000099-001");
        Assert.Null(FactOrigins.Check("NL", [elsewhere with { NotificationNumber = Number, ShipmentId = Number + "-001" }], n));
        // A consequence too: this file's certificate does not conclude another file's shipment.
        Refused(FactOrigins.Check("NL", [new ShipmentCompleted(Number, Number + "-001", "R4", false, T0, "CERT-1", false, T0),
            new ShipmentConcluded("DE-2026-000099", "DE-2026-000099-001", ShipmentOutcome.Completed, T0)], n), "Basel Art. 2(13)", "ShipmentConcluded", "DE-2026-000099");
    }

    [Fact]
    public void An_erasure_is_local_to_its_node_and_never_exchanged_Art_20()
    {
        var n = Notification();
        var erased = new PersonalDataErased(3, "Retention period ended", T0);
        Assert.Equal(FactSide.Local, FactOrigins.SideOf(typeof(PersonalDataErased)));
        Assert.Null(FactOrigins.EntitledState(erased, n));
        Assert.Null(FactOrigins.OriginOf([erased], n));
        Refused(FactOrigins.Check("DE", [erased], n), "EU 2024/1157 Art. 20", "PersonalDataErased", "local");
    }

    [Fact]
    public void Only_the_filing_starts_a_notification_not_known_here()
    {
        var consent = new ConsentGranted("NL", AuthorityRole.Import, [], TestStart.Day(1), TestStart.Day(200), true, T0);
        Assert.Null(FactOrigins.EntitledState(consent, null));
        Assert.Null(FactOrigins.OriginOf([consent], null));
        Refused(FactOrigins.Check("NL", [consent], null), "Basel Art. 6(1)", "not known here");
    }

    [Fact]
    public void An_empty_batch_or_a_fact_of_another_stream_is_refused()
    {
        var n = Notification();
        Assert.Null(FactOrigins.OriginOf([], n));
        Refused(FactOrigins.Check("DE", [], n), "Basel Art. 6(1)", "no fact");
        var other = new WasteMovements.Domain.Assignments.AssignmentRevoked("P-1", "admin", "left", T0);
        Assert.Null(FactOrigins.OriginOf([other], n));
        Refused(FactOrigins.Check("DE", [other], n), "Basel Art. 6(1)", "AssignmentRevoked");
    }

    // ---- The real steps of a whole movement ---------------------------------------------------------------------------

    /// <summary>One decision of a real step: the batch, and the notification and shipment as they stood before it.</summary>
    private sealed class Movement(NotificationState n)
    {
        public NotificationState N { get; private set; } = n;
        public ShipmentState? S { get; private set; }
        public List<(string Step, string Origin)> Seen { get; } = [];

        /// <summary>Takes the step, asserts its batch's origin is <paramref name="origin"/> and that another state concerned may not send it, then applies it.</summary>
        public void Step(string step, string origin, Decision decision)
        {
            Assert.False(decision.IsRefused, $"{step}: {decision.Refusal?.Rule} {decision.Refusal?.Detail}");
            Assert.NotEmpty(decision.Events);
            var batch = decision.Events;
            Assert.Equal(origin, FactOrigins.OriginOf(batch, N));
            var refusal = FactOrigins.Check(origin, batch, N);
            Assert.True(refusal is null, $"{step}: {refusal?.Detail}");
            foreach (var other in N.StatesConcerned.Where(s => s != origin))
            {
                var refused = FactOrigins.Check(other, batch, N);
                Assert.True(refused is { Rule: Rule }, $"{step}: {other} could send {origin}'s batch");
            }

            foreach (var e in batch)
            {
                if (StreamEventTypes.Shipment.Contains(e.GetType())) S = ShipmentEvolution.Evolve(S, e);
                else N = NotificationEvolution.Evolve(N, e)!;
            }

            Seen.Add((step, origin));
        }

        public ShipmentFile File => new(S!, N);
    }

    [Fact]
    public void Every_batch_of_a_whole_movement_DE_through_BE_to_NL_has_the_origin_of_the_authority_that_took_the_step()
    {
        var file = Filing.File(new NewNotification(Number, Given.Registry), Ca("DE"),
            Samples.Notification("DE", "NL", ["BE"], kind: NotificationKind.Single, shipments: 1, total: 10m), T0);
        Assert.False(file.IsRefused, file.Refusal?.Detail);
        var filed = Assert.IsType<NotificationFiled>(Assert.Single(file.Events));
        Assert.Equal("DE", FactOrigins.OriginOf(file.Events, null));
        Assert.Null(FactOrigins.Check("DE", file.Events, null));
        Refused(FactOrigins.Check("NL", file.Events, null), "Basel Art. 6(1); EU 2024/1157 Art. 5");

        var m = new Movement(NotificationEvolution.Create(filed));
        Assert.Equal(ControlRegime.Eu, m.N.Regime.Regime);
        m.Step("acknowledge (NL)", "NL", Procedure.Acknowledge(m.N, Ca("NL"), new AcknowledgeNotification(), TestStart.At(1)));
        m.Step("acknowledge (BE)", "BE", Procedure.Acknowledge(m.N, Ca("BE"), new AcknowledgeNotification(), TestStart.At(1, 10)));
        m.Step("request information (BE)", "BE", Procedure.RequestInformation(m.N, Ca("BE"), new RequestInformation("Which border crossing?"), TestStart.At(1, 11)));
        m.Step("answer (DE)", "DE", Procedure.AnswerInformationRequest(m.N, Ca("DE"), new AnswerInformationRequest("Venlo", null) { RequestId = "IR-1" }, TestStart.At(2)));
        m.Step("completeness (NL)", "NL", Procedure.ConfirmCompleteness(m.N, Ca("NL"), new ConfirmCompleteness(), TestStart.At(2, 10)));
        var validUntil = TestStart.Day(200);
        m.Step("consent (DE, dispatch)", "DE", Procedure.DecideOnConsent(m.N, Ca("DE"),
            new DecideOnConsent(ConsentDecisionKind.Consent, [], TestStart.Day(3), validUntil, false, null), TestStart.At(3)));
        m.Step("consent (NL)", "NL", Procedure.DecideOnConsent(m.N, Ca("NL"),
            new DecideOnConsent(ConsentDecisionKind.Consent, ["Unload at dock 4"], TestStart.Day(3), validUntil, true, null), TestStart.At(3, 10)));

        // Basel Art. 6(4); EU 2024/1157 Art. 9(1): BE stays silent; its decision period's deadline fires at its node.
        var due = m.N.AuthorityOf("BE")!.DecisionDeadline!.DueAt!.Value;
        m.Step("tacit consent (BE, deadline)", "BE", Procedure.DecisionPeriodEnded(m.N, Actor.Deadlines, new EndDecisionPeriod("BE"), due));

        m.Step("guarantee recorded (DE)", "DE", Procedure.RecordGuarantee(m.N, Ca("DE"),
            new RecordGuarantee(GuaranteeKind.Guarantee, "Bank", "G-1", 100000m, "EUR", "transport, treatment, 90 days' storage", m.N.Particulars.LastDeparture.AddDays(60),
                new GuaranteeCover(true, true, true)), due.AddHours(1)));
        m.Step("guarantee approved (DE)", "DE", Procedure.ApproveGuarantee(m.N, Ca("DE"), new ApproveGuarantee(), due.AddHours(2)));

        var departure = DateOnly.FromDateTime(due.UtcDateTime).AddDays(10);
        m.Step("announce (DE)", "DE", Shipping.Announce(m.N, Ca("DE"), new AnnounceShipment(10m, "t", departure, ["Trans Europa Logistik"], "box", 40), due.AddHours(3)));
        var left = new DateTimeOffset(departure.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
        m.Step("departure (DE)", "DE", Shipping.Depart(m.File, Ca("DE"), new RecordDeparture(left, "Trans Europa Logistik"), left.AddHours(1)));
        m.Step("border (BE entry)", "BE", Shipping.CrossBorder(m.File, Ca("BE"), new RecordBorderCrossing("BE", "BE-CO-IN", CrossingDirection.Entry, left.AddHours(3)), left.AddHours(3)));
        m.Step("hand-over (BE)", "BE", Shipping.HandOver(m.File, Ca("BE"), new RecordCarrierHandover("Trans Europa Logistik", "Sea Carrier", "Dispatcher", left.AddHours(4)), left.AddHours(4)));
        m.Step("accident (BE)", "BE", Shipping.ReportAccident(m.File, Ca("BE"), new ReportAccident(left.AddHours(5), "Antwerp ring", "BE", "A drum leaked", "Absorbed, drum replaced"), left.AddHours(6)));
        m.Step("border (NL entry)", "NL", Shipping.CrossBorder(m.File, Ca("NL"), new RecordBorderCrossing("NL", "NL-CO-ENTRY", CrossingDirection.Entry, left.AddHours(7)), left.AddHours(7)));
        // A receipt beyond the tolerance carries the discrepancy (derived) with it.
        var receipt = Shipping.Receive(m.File, Facility, new ConfirmReceipt(left.AddHours(9), 9m, "t"), left.AddHours(10));
        Assert.Contains(receipt.Events, e => e is ShipmentDiscrepancyFlagged);
        m.Step("receipt (NL facility)", "NL", receipt);
        var certificate = Shipping.Complete(m.File, Facility, new CertifyCompletion("R4", left.AddDays(5), "CERT-17"), left.AddDays(6));
        Assert.Contains(certificate.Events, e => e is ShipmentConcluded);
        Assert.Contains(certificate.Events, e => e is NotificationClosed);
        m.Step("certificate (NL facility)", "NL", certificate);
        m.Step("guarantee released (DE)", "DE", Procedure.ReleaseGuarantee(m.N, Ca("DE"), new ReleaseGuarantee(), left.AddDays(7)));

        Assert.Equal(NotificationStatus.Closed, m.N.Status);
        Assert.Equal(19, m.Seen.Count);
    }

    [Fact]
    public void The_batches_of_a_rejection_and_its_take_back_and_of_the_deadlines_have_the_origin_of_who_took_them()
    {
        var m = new Movement(NotificationEvolution.Create(Filed(kind: NotificationKind.General, shipments: 2)));
        var validUntil = TestStart.Day(200);
        m.Step("acknowledge (NL)", "NL", Procedure.Acknowledge(m.N, Ca("NL"), new AcknowledgeNotification(), TestStart.At(1)));
        m.Step("acknowledge (BE)", "BE", Procedure.Acknowledge(m.N, Ca("BE"), new AcknowledgeNotification(), TestStart.At(1, 10)));
        m.Step("completeness (NL)", "NL", Procedure.ConfirmCompleteness(m.N, Ca("NL"), new ConfirmCompleteness(), TestStart.At(2)));
        foreach (var state in new[] { "DE", "BE", "NL" })
        {
            m.Step($"consent ({state})", state, Procedure.DecideOnConsent(m.N, Ca(state),
                new DecideOnConsent(ConsentDecisionKind.Consent, [], TestStart.Day(3), validUntil, state == "NL", null), TestStart.At(3)));
        }

        m.Step("guarantee recorded (DE)", "DE", Procedure.RecordGuarantee(m.N, Ca("DE"),
            new RecordGuarantee(GuaranteeKind.Guarantee, "Bank", "G-1", 100000m, "EUR", "all", m.N.Particulars.LastDeparture.AddDays(60), new GuaranteeCover(true, true, true)), TestStart.At(3, 11)));
        m.Step("guarantee approved (DE)", "DE", Procedure.ApproveGuarantee(m.N, Ca("DE"), new ApproveGuarantee(), TestStart.At(3, 12)));
        m.Step("announce (DE)", "DE", Shipping.Announce(m.N, Ca("DE"), new AnnounceShipment(10m, "t", TestStart.Day(14), ["Trans Europa Logistik"], "box", 40), TestStart.At(4)));
        var left = TestStart.At(14, 8);
        m.Step("departure (DE)", "DE", Shipping.Depart(m.File, Ca("DE"), new RecordDeparture(left, "Trans Europa Logistik"), left.AddHours(1)));

        // A deadline without a state (the receipt expected) fires at the node of the state of export.
        var receiptDue = m.S!.Deadlines.Single(d => d.Kind == ShipmentDeadlineKind.Receipt).DueAt;
        m.Step("receipt overdue (deadline)", "DE", Shipping.DeadlinePassed(m.File, Actor.Deadlines, new PassShipmentDeadline(ShipmentDeadlineKind.Receipt, receiptDue), receiptDue));

        var late = receiptDue.AddHours(1);
        m.Step("illegal traffic (NL)", "NL", Shipping.FindIllegalTraffic(m.File, Ca("NL"), new RecordIllegalTraffic("not-matching-documents", "Other drums", false), late));
        m.Step("rejection (NL facility)", "NL", Shipping.Reject(m.File, Facility, new RejectShipment("Not the notified waste", null), late.AddHours(1)));
        m.Step("take-back informed (NL)", "NL", Shipping.InformTakeBack(m.File, Ca("NL"), new RecordTakeBackInformation(late.AddHours(2), true), late.AddHours(2)));
        m.Step("take-back period agreed (DE)", "DE", Shipping.AgreeTakeBackPeriod(m.File, Ca("DE"), new AgreeTakeBackPeriod(60, ["NL"], "Ferry capacity"), late.AddHours(3)));
        var returned = Shipping.Return(m.File, Ca("DE"), new RecordReturn(), late.AddDays(5));
        Assert.Contains(returned.Events, e => e is ShipmentConcluded { Outcome: ShipmentOutcome.Returned });
        m.Step("return (DE)", "DE", returned);

        // EU 2024/1157 Art. 9(4): the end of the consents' validity has no state: the node of the state of export.
        var expires = m.N.ConsentExpiresAt!.Value;
        var expiry = Procedure.ValidityEnded(m.N, Actor.Deadlines, new EndConsentValidity(), expires);
        m.Step("consent expired (deadline)", "DE", expiry);
        Assert.Equal(NotificationStatus.Expired, m.N.Status);
    }

    [Fact]
    public void The_batches_of_a_change_after_consent_and_its_answers_have_the_origin_of_who_took_them_Art_17()
    {
        var m = new Movement(NotificationEvolution.Create(Filed()));
        m.Step("acknowledge (NL)", "NL", Procedure.Acknowledge(m.N, Ca("NL"), new AcknowledgeNotification(), TestStart.At(1)));
        m.Step("acknowledge (BE)", "BE", Procedure.Acknowledge(m.N, Ca("BE"), new AcknowledgeNotification(), TestStart.At(1, 10)));
        foreach (var state in new[] { "DE", "BE", "NL" })
        {
            m.Step($"consent ({state})", state, Procedure.DecideOnConsent(m.N, Ca(state),
                new DecideOnConsent(ConsentDecisionKind.Consent, [], TestStart.Day(3), TestStart.Day(200), state == "NL", null), TestStart.At(3)));
        }

        // An essential change (the total quantity) is recorded by the state of export; the last answer puts it in force.
        var change = new ChangeOfParticulars("More batteries than planned", TotalQuantity: 120m);
        m.Step("change recorded (DE)", "DE", Procedure.RecordChange(m.N, Ca("DE"), new RecordChange(change, Given.Registry), TestStart.At(4)));
        m.Step("change accepted (BE)", "BE", Procedure.AnswerChange(m.N, Ca("BE"), new AnswerChange(ChangeAnswerKind.NoNewNotificationRequired, null) { ChangeId = "CH-1" }, TestStart.At(5)));
        var last = Procedure.AnswerChange(m.N, Ca("NL"), new AnswerChange(ChangeAnswerKind.NoNewNotificationRequired, null) { ChangeId = "CH-1" }, TestStart.At(5, 10));
        Assert.Contains(last.Events, e => e is NotificationChangeInForce);
        m.Step("change accepted, in force (NL)", "NL", last);
        m.Step("consent withdrawn (NL)", "NL", Procedure.WithdrawConsent(m.N, Ca("NL"), new WithdrawConsent("Permit suspended"), TestStart.At(6)));
    }

    [Fact]
    public void The_batches_of_an_objection_and_its_end_have_the_origin_of_the_objecting_state_Art_12()
    {
        var m = new Movement(NotificationEvolution.Create(Filed()));
        m.Step("acknowledge (NL)", "NL", Procedure.Acknowledge(m.N, Ca("NL"), new AcknowledgeNotification(), TestStart.At(1)));
        m.Step("acknowledge (BE)", "BE", Procedure.Acknowledge(m.N, Ca("BE"), new AcknowledgeNotification(), TestStart.At(1, 10)));
        m.Step("completeness (NL)", "NL", Procedure.ConfirmCompleteness(m.N, Ca("NL"), new ConfirmCompleteness(), TestStart.At(2)));
        m.Step("objection (NL)", "NL", Procedure.DecideOnConsent(m.N, Ca("NL"),
            new DecideOnConsent(ConsentDecisionKind.Refuse, null, null, null, false, "Facility permit suspended"), TestStart.At(3)));
        m.Step("objection lifted (NL)", "NL", Procedure.LiftObjection(m.N, Ca("NL"), new LiftObjection("Permit renewed"), TestStart.At(4)));
        m.Step("objection again (NL)", "NL", Procedure.DecideOnConsent(m.N, Ca("NL"),
            new DecideOnConsent(ConsentDecisionKind.Refuse, null, null, null, false, "Permit suspended again"), TestStart.At(5)));
        var due = m.N.AuthorityOf("NL")!.DecisionDeadline!.DueAt!.Value;
        var ceased = Procedure.DecisionPeriodEnded(m.N, Actor.Deadlines, new EndDecisionPeriod("NL"), due);
        Assert.Equal("NL", Assert.IsType<NotificationCeasedToBeValid>(Assert.Single(ceased.Events)).State);
        m.Step("ceased to be valid (NL's deadline)", "NL", ceased);
        Assert.Equal(NotificationStatus.CeasedToBeValid, m.N.Status);
    }

    [Fact]
    public void An_OECD_destination_s_tacit_consent_is_its_own_batch_at_its_deadline_OECD_C_2001_107()
    {
        var file = Filing.File(new NewNotification("JP-2026-000017", Given.Registry), Ca("JP"), Samples.Notification("JP", "KR"), T0);
        var filed = Assert.IsType<NotificationFiled>(Assert.Single(file.Events));
        Assert.Equal("JP", FactOrigins.OriginOf(file.Events, null));
        var m = new Movement(NotificationEvolution.Create(filed));
        Assert.Equal(ControlRegime.Oecd, m.N.Regime.Regime);
        m.Step("acknowledge (KR)", "KR", Procedure.Acknowledge(m.N, Ca("KR"), new AcknowledgeNotification(), TestStart.At(1)));
        var due = m.N.AuthorityOf("KR")!.DecisionDeadline!.DueAt!.Value;
        var deemed = Procedure.DecisionPeriodEnded(m.N, Actor.Deadlines, new EndDecisionPeriod("KR"), due);
        Assert.IsType<ConsentDeemed>(Assert.Single(deemed.Events));
        m.Step("tacit consent (KR, deadline)", "KR", deemed);
        Assert.Equal(NotificationStatus.Consented, m.N.Status);
    }

    [Fact]
    public void A_cancellation_is_the_state_of_export_s_Basel_6_1()
    {
        var m = new Movement(Notification());
        m.Step("cancel (DE)", "DE", Procedure.Cancel(m.N, Ca("DE"), new CancelNotification("Contract ended"), TestStart.At(1)));
    }
}
