using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Notifications;

/// <summary>Given the events so far, when an authority acts, then the events or the rule that refuses it.</summary>
public sealed class ProcedureRulesTests
{
    private static readonly DateTimeOffset T0 = Given.Now;

    private static NotificationState Filed(string export, string import, string[]? transits = null, string operation = "R4",
        NotificationKind kind = NotificationKind.General, bool preconsented = false)
    {
        var p = Samples.Notification(export, import, transits, operation, kind) with { PreconsentedFacility = preconsented };
        return NotificationEvolution.Create(Filing.Filed(p, $"{export}-2026-000001", Given.Registry, T0));
    }

    private static NotificationState Apply(NotificationState state, Decision decision)
    {
        Assert.False(decision.IsRefused, decision.Refusal?.Detail);
        return Given.That(state, decision.Events.ToArray());
    }

    private static Actor Ca(string country) => Actor.Authority($"officer.{country}", country);

    private static DecideOnConsent Consent(DateOnly? from = null, DateOnly? until = null, bool contract = true, params string[] conditions) =>
        new(ConsentDecisionKind.Consent, conditions, from ?? TestStart.Day(8), until ?? TestStart.Day(8).AddYears(1).AddDays(-1), contract, null);

    [Fact]
    public void A_transit_state_acknowledges_and_the_state_records_it()
    {
        var n = Filed("MY", "JP", ["KR"]);
        var ack = Given.Single<NotificationAcknowledged>(Procedure.Acknowledge(n, Ca("KR"), new AcknowledgeNotification(), T0.AddHours(2)));
        Assert.Equal(new NotificationAcknowledged("KR", AuthorityRole.Transit, T0.AddHours(2)), ack);

        var after = Given.That(n, ack);
        Assert.Equal(AuthorityStatus.Acknowledged, after.AuthorityOf("KR")!.Status);
        Assert.Equal(NotificationStatus.Filed, after.Status); // JP has not acknowledged yet
        Assert.Equal(NotificationStatus.Acknowledged, Given.That(after, new NotificationAcknowledged("JP", AuthorityRole.Import, T0)).Status);
    }

    [Fact]
    public void Acknowledging_twice_is_refused() =>
        Given.Refused(Procedure.Acknowledge(Given.That(Filed("MY", "JP"), new NotificationAcknowledged("JP", AuthorityRole.Import, T0)), Ca("JP"), new AcknowledgeNotification(), T0),
            "already-acknowledged", "Basel Art. 6(4)");

    [Fact]
    public void The_state_of_export_does_not_acknowledge_its_own_notification()
    {
        var decision = Procedure.Acknowledge(Filed("MY", "JP"), Ca("MY"), new AcknowledgeNotification(), T0);
        Given.Refused(decision, "not-import-or-transit", "Basel Art. 6(4)");
        Assert.Equal(RefusalKind.NotPermitted, decision.Refusal!.Kind);
    }

    [Fact]
    public void A_state_not_concerned_may_not_act()
    {
        var n = Filed("MY", "JP", ["KR"]);
        foreach (var decision in new[]
                 {
                     Procedure.Acknowledge(n, Ca("FR"), new AcknowledgeNotification(), T0),
                     Procedure.DecideOnConsent(n, Ca("FR"), Consent(), T0),
                     Procedure.RequestInformation(n, Ca("FR"), new RequestInformation("?"), T0),
                     Procedure.WithdrawConsent(n, Ca("FR"), new WithdrawConsent("why"), T0),
                     Procedure.Cancel(n, Ca("FR"), new CancelNotification("why"), T0),
                 })
        {
            Given.Refused(decision, "not-concerned", "Basel Art. 2(13)");
            Assert.Equal(RefusalKind.NotPermitted, decision.Refusal!.Kind);
        }
    }

    [Fact]
    public void Basel_import_consent_needs_the_contract_confirmation_Art_6_3()
    {
        var n = Given.That(Filed("MY", "JP"), new NotificationAcknowledged("JP", AuthorityRole.Import, T0));
        Given.Refused(Procedure.DecideOnConsent(n, Ca("JP"), Consent(contract: false), T0), "contract-not-confirmed", "Basel Art. 6(3)(b)");

        var granted = Given.Single<ConsentGranted>(Procedure.DecideOnConsent(n, Ca("JP"), Consent(conditions: "Packaging UN-approved"), T0));
        Assert.True(granted.ContractConfirmed);
        Assert.Equal(["Packaging UN-approved"], granted.Conditions);
        var after = Given.That(n, granted);
        Assert.Equal(NotificationStatus.Consented, after.Status);
        Assert.Equal(["JP: Packaging UN-approved"], after.Conditions);
        Assert.Equal(TestStart.Day(8).AddYears(1).AddDays(-1), after.ConsentValidUntil);
    }

    [Fact]
    public void Consent_waits_for_acknowledgement_and_for_the_answer_to_an_open_request()
    {
        var n = Filed("MY", "JP");
        Given.Refused(Procedure.DecideOnConsent(n, Ca("JP"), Consent(), T0), "not-acknowledged", "Basel Art. 6(4); EU 2024/1157 Art. 8");

        n = Given.That(n, new NotificationAcknowledged("JP", AuthorityRole.Import, T0), new InformationRequested("IR-1", "JP", "Composition?", T0));
        Assert.Equal(NotificationStatus.AwaitingInformation, n.Status);
        Given.Refused(Procedure.DecideOnConsent(n, Ca("JP"), Consent(), T0), "information-outstanding", "Basel Art. 6(2)");

        // A refusal does not have to wait.
        Given.Single<ConsentRefused>(Procedure.DecideOnConsent(n, Ca("JP"), new DecideOnConsent(ConsentDecisionKind.Refuse, null, null, null, false, "No"), T0));
    }

    [Fact]
    public void Only_the_state_of_export_answers_and_only_once()
    {
        var n = Given.That(Filed("MY", "JP"), new NotificationAcknowledged("JP", AuthorityRole.Import, T0), new InformationRequested("IR-1", "JP", "?", T0));
        var forbidden = Procedure.AnswerInformationRequest(n, Ca("JP"), new AnswerInformationRequest("answer", []) { RequestId = "IR-1" }, T0);
        Given.Refused(forbidden, "not-state-of-export", "Basel Art. 6(1)");
        Assert.Equal(RefusalKind.NotPermitted, forbidden.Refusal!.Kind);

        var unknown = Procedure.AnswerInformationRequest(n, Ca("MY"), new AnswerInformationRequest("answer", []) { RequestId = "IR-9" }, T0);
        Assert.Equal(RefusalKind.NotFound, unknown.Refusal!.Kind);

        var answered = Given.Single<InformationProvided>(Procedure.AnswerInformationRequest(n, Ca("MY"), new AnswerInformationRequest("answer", ["lab.pdf"]) { RequestId = "IR-1" }, T0.AddDays(5)));
        var after = Given.That(n, answered);
        Assert.Equal(AuthorityStatus.Acknowledged, after.AuthorityOf("JP")!.Status);
        Given.Refused(Procedure.AnswerInformationRequest(after, Ca("MY"), new AnswerInformationRequest("again", []) { RequestId = "IR-1" }, T0), "already-answered", "Basel Art. 6(2)");
    }

    [Fact]
    public void An_information_request_pauses_the_asking_authoritys_clock()
    {
        // Basel transit: 60 days from receipt (Art. 6(4)), to the end of the 60th day after it, without a roll-over (Basel
        // is no act of the Union: docs/law.md, "Counting periods"); an open request pauses, the answer resumes with the pause added.
        var registry = Given.RegistryWith(Given.Registry.Find("KR")! with { TacitTransitConsent = true, TacitTransitConsentSource = "Art. 6(4) declaration (test)" });
        var n = Given.That(NotificationEvolution.Create(Filing.Filed(Samples.Notification("MY", "JP", ["KR"]), "MY-2026-000001", registry, T0)),
            new NotificationAcknowledged("KR", AuthorityRole.Transit, T0));
        Assert.Equal(TestStart.At(61, 0, 0), n.AuthorityOf("KR")!.DecisionDeadline!.DueAt);

        n = Given.That(n, new InformationRequested("IR-1", "KR", "Route?", T0.AddDays(10)));
        Assert.True(n.AuthorityOf("KR")!.DecisionDeadline!.Paused);
        Assert.DoesNotContain(ProcedureDeadlines.Of(n), d => d.State == "KR");

        n = Given.That(n, new InformationProvided("IR-1", "KR", "Motorway", [], T0.AddDays(17)));
        Assert.Equal(TestStart.At(68, 0, 0), n.AuthorityOf("KR")!.DecisionDeadline!.DueAt);
        Assert.Contains(ProcedureDeadlines.Of(n), d => d is { Kind: DeadlineKind.DecisionPeriod, State: "KR" } && d.DueAt == TestStart.At(68, 0, 0));
    }

    [Fact]
    public void Basel_tacit_transit_consent_after_60_days_Art_6_4()
    {
        // Only a state whose Art. 6(4) declaration has a source is deemed to consent.
        var registry = Given.RegistryWith(Given.Registry.Find("KR")! with { TacitTransitConsent = true, TacitTransitConsentSource = "Art. 6(4) declaration (test)" });
        var p = Samples.Notification("MY", "JP", ["KR"]);
        var n = Given.That(NotificationEvolution.Create(Filing.Filed(p, "MY-2026-000001", registry, T0)), new NotificationAcknowledged("KR", AuthorityRole.Transit, T0));
        Assert.Empty(Procedure.DecisionPeriodEnded(n, Actor.Deadlines, new EndDecisionPeriod("KR"), TestStart.At(61, 0, 0).AddTicks(-1)).Events);

        var deemed = Given.Single<TransitConsentDeemed>(Procedure.DecisionPeriodEnded(n, Actor.Deadlines, new EndDecisionPeriod("KR"), TestStart.At(61, 0, 0)));
        Assert.Equal("Basel Art. 6(4)", deemed.Article);
        var after = Given.That(n, deemed);
        Assert.Equal(AuthorityStatus.TacitlyConsented, after.AuthorityOf("KR")!.Status);

        // A late written answer is refused.
        Given.Refused(Procedure.DecideOnConsent(after, Ca("KR"), Consent(contract: false), T0.AddDays(61)), "tacit-consent-deemed", "Basel Art. 6(4)");
    }

    [Fact]
    public void A_transit_state_that_requires_written_consent_is_never_deemed_to_consent()
    {
        // India has made no Art. 6(4) declaration in the registry.
        var n = Filed("MY", "JP", ["IN"]);
        Assert.Empty(Procedure.DecisionPeriodEnded(n, Actor.Deadlines, new EndDecisionPeriod("IN"), T0.AddDays(365)).Events);
        Assert.DoesNotContain(ProcedureDeadlines.Of(n), d => d.State == "IN");
    }

    [Fact]
    public void Basel_import_is_never_tacit_Art_6_2()
    {
        var n = Given.That(Filed("MY", "JP"), new NotificationAcknowledged("JP", AuthorityRole.Import, T0));
        Assert.Null(n.AuthorityOf("JP")!.DecisionDeadline!.DueAt);
        Assert.Empty(Procedure.DecisionPeriodEnded(n, Actor.Deadlines, new EndDecisionPeriod("JP"), T0.AddDays(400)).Events);
    }

    [Fact]
    public void OECD_destination_consent_is_tacit_30_days_after_acknowledgement()
    {
        var n = Filed("JP", "KR");
        Assert.Equal(ControlRegime.Oecd, n.Regime.Regime);
        Assert.Null(n.AuthorityOf("KR")!.DecisionDeadline!.DueAt); // runs from the acknowledgement

        n = Given.That(n, new NotificationAcknowledged("KR", AuthorityRole.Import, T0.AddDays(1)));
        // The end of the 30th day after the acknowledgement (no roll-over outside EU law).
        Assert.Equal(TestStart.At(32, 0, 0), n.AuthorityOf("KR")!.DecisionDeadline!.DueAt);
        var deemed = Given.Single<ConsentDeemed>(Procedure.DecisionPeriodEnded(n, Actor.Deadlines, new EndDecisionPeriod("KR"), TestStart.At(32, 0, 0)));
        Assert.Equal(TestStart.Day(32).AddYears(1).AddDays(-1), deemed.ValidUntil); // one year (OECD)
        Assert.Equal(NotificationStatus.Consented, Given.That(n, deemed).Status);
    }

    [Fact]
    public void OECD_acknowledgement_is_due_in_3_working_days_of_the_acting_state()
    {
        // Filed Monday 23 November 2026: three Korean working days end on Thursday 26 November.
        var n = Filed("JP", "KR");
        Assert.Equal(TestStart.At(4, 0, 0), n.AuthorityOf("KR")!.AcknowledgementDeadline!.DueAt);
    }

    [Fact]
    public void EU_dispatch_destination_and_transit_each_decide_and_only_transit_is_tacit()
    {
        var n = Filed("DE", "NL", ["BE"]);
        Assert.Equal(["DE", "NL", "BE"], n.Authorities.Select(a => a.State));
        n = Given.That(n, new NotificationAcknowledged("NL", AuthorityRole.Import, T0), new NotificationAcknowledged("BE", AuthorityRole.Transit, T0),
            new NotificationCompletenessConfirmed("NL", T0));
        // Art. 9(1): 30 days from the Art. 8(12) information, to the end of a Belgian working day (1182/71 Art. 3(4)).
        var due = n.AuthorityOf("BE")!.DecisionDeadline!.DueAt!.Value;
        Assert.InRange(due, TestStart.At(31, 0, 0), TestStart.At(35, 0, 0));

        Assert.Empty(Procedure.DecisionPeriodEnded(n, Actor.Deadlines, new EndDecisionPeriod("NL"), due).Events);
        Assert.Empty(Procedure.DecisionPeriodEnded(n, Actor.Deadlines, new EndDecisionPeriod("DE"), due).Events);
        Assert.Empty(Procedure.DecisionPeriodEnded(n, Actor.Deadlines, new EndDecisionPeriod("BE"), due.AddTicks(-1)).Events);
        var be = Given.Single<TransitConsentDeemed>(Procedure.DecisionPeriodEnded(n, Actor.Deadlines, new EndDecisionPeriod("BE"), due));
        Assert.Equal("EU 2024/1157 Art. 9(1)", be.Article);

        n = Given.That(n, be);
        Assert.Equal(NotificationStatus.PartiallyConsented, n.Status);
        n = Apply(n, Procedure.DecideOnConsent(n, Ca("DE"), Consent(from: TestStart.Day(31), contract: false), T0.AddDays(31)));
        n = Apply(n, Procedure.DecideOnConsent(n, Ca("NL"), Consent(from: TestStart.Day(31)), T0.AddDays(31)));
        Assert.Equal(NotificationStatus.Consented, n.Status);
    }

    [Fact]
    public void Under_Basel_the_state_of_export_does_not_decide()
    {
        var decision = Procedure.DecideOnConsent(Filed("MY", "JP"), Ca("MY"), Consent(), T0);
        Given.Refused(decision, "not-a-deciding-authority", "Basel Art. 6(2), 6(4)");
        Assert.Equal(RefusalKind.NotPermitted, decision.Refusal!.Kind);
    }

    [Theory]
    [InlineData("MY", "JP", NotificationKind.General, false, 1, "Basel Art. 6(8)")]
    [InlineData("DE", "NL", NotificationKind.General, false, 1, "EU 2024/1157 Art. 9(4)")]
    [InlineData("JP", "KR", NotificationKind.Single, false, 1, "OECD C(2001)107")]
    [InlineData("DE", "NL", NotificationKind.General, true, 3, "EU 2024/1157 Art. 14(12)")]
    public void Consent_validity_is_capped_by_the_regime(string export, string import, NotificationKind kind, bool preconsented, int years, string article)
    {
        var n = Given.That(Filed(export, import, kind: kind, preconsented: preconsented), new NotificationAcknowledged(import, AuthorityRole.Import, T0));
        var (from, until) = (TestStart.Day(8), TestStart.Day(8).AddYears(years));
        Given.Refused(Procedure.DecideOnConsent(n, Ca(import), Consent(from, until), T0), "consent-validity-too-long", article);
        Given.Single<ConsentGranted>(Procedure.DecideOnConsent(n, Ca(import), Consent(from, until.AddDays(-1)), T0));
    }

    [Fact]
    public void A_Basel_single_notification_has_no_fixed_validity_cap()
    {
        var n = Given.That(Filed("MY", "JP", kind: NotificationKind.Single), new NotificationAcknowledged("JP", AuthorityRole.Import, T0));
        Given.Single<ConsentGranted>(Procedure.DecideOnConsent(n, Ca("JP"), Consent(TestStart.Day(8), TestStart.Day(8).AddYears(1).AddDays(212)), T0));
    }

    [Fact]
    public void A_refusal_ends_the_procedure()
    {
        var n = Given.That(Filed("MY", "JP", ["KR"]), new ConsentRefused("KR", AuthorityRole.Transit, "Route unsafe", T0));
        Assert.Equal(NotificationStatus.Refused, n.Status);
        Given.Refused(Procedure.Acknowledge(n, Ca("JP"), new AcknowledgeNotification(), T0), "notification-refused", "Basel Art. 6(2), 6(4)");
        Assert.Empty(ProcedureDeadlines.Of(n));
    }

    [Fact]
    public void Deciding_twice_is_refused()
    {
        var n = Given.That(Filed("MY", "JP"), new NotificationAcknowledged("JP", AuthorityRole.Import, T0));
        n = Apply(n, Procedure.DecideOnConsent(n, Ca("JP"), Consent(), T0));
        Given.Refused(Procedure.DecideOnConsent(n, Ca("JP"), Consent(), T0), "already-decided", "Basel Art. 6(2), 6(4)");
    }

    [Fact]
    public void The_state_that_consented_withdraws_and_the_notification_is_withdrawn()
    {
        var n = Given.That(Filed("MY", "JP"), new NotificationAcknowledged("JP", AuthorityRole.Import, T0));
        Given.Refused(Procedure.WithdrawConsent(n, Ca("JP"), new WithdrawConsent("none yet"), T0), "no-consent-to-withdraw", "EU 2024/1157 Art. 9(7)");
        n = Apply(n, Procedure.DecideOnConsent(n, Ca("JP"), Consent(), T0));
        n = Apply(n, Procedure.WithdrawConsent(n, Ca("JP"), new WithdrawConsent("Facility permit suspended"), T0.AddDays(3)));
        Assert.Equal(NotificationStatus.Withdrawn, n.Status);
        Assert.Equal("Facility permit suspended", n.AuthorityOf("JP")!.WithdrawalReason);
    }

    [Fact]
    public void Only_the_state_of_export_cancels()
    {
        var n = Filed("MY", "JP");
        Given.Refused(Procedure.Cancel(n, Ca("JP"), new CancelNotification("no"), T0), "not-state-of-export", "Basel Art. 6(1)");
        n = Apply(n, Procedure.Cancel(n, Ca("MY"), new CancelNotification("Contract terminated"), T0));
        Assert.Equal(NotificationStatus.Cancelled, n.Status);
        Given.Refused(Procedure.Cancel(n, Ca("MY"), new CancelNotification("again"), T0), "notification-cancelled", "Basel Art. 6(1)");
        Given.Refused(Procedure.Acknowledge(n, Ca("JP"), new AcknowledgeNotification(), T0), "notification-cancelled", "Basel Art. 6(1)");
    }

    [Fact]
    public void The_EU_allows_a_request_and_two_further_requests_Art_8_9()
    {
        var n = Given.That(Filed("DE", "NL"), new NotificationAcknowledged("NL", AuthorityRole.Import, T0));
        for (var i = 1; i <= 3; i++)
        {
            n = Apply(n, Procedure.RequestInformation(n, Ca("NL"), new RequestInformation("?"), T0));
            n = Apply(n, Procedure.AnswerInformationRequest(n, Ca("DE"), new AnswerInformationRequest("!", []) { RequestId = $"IR-{i}" }, T0));
        }

        Given.Refused(Procedure.RequestInformation(n, Ca("NL"), new RequestInformation("?"), T0), "too-many-information-requests", "EU 2024/1157 Art. 8(9)");
    }

    [Fact]
    public void Consent_expires_at_the_end_of_the_earliest_validity()
    {
        var n = Given.That(Filed("MY", "JP", ["KR"]), new NotificationAcknowledged("JP", AuthorityRole.Import, T0), new NotificationAcknowledged("KR", AuthorityRole.Transit, T0));
        n = Apply(n, Procedure.DecideOnConsent(n, Ca("JP"), Consent(TestStart.Day(8), TestStart.Day(8).AddYears(0).AddDays(211)), T0));
        n = Apply(n, Procedure.DecideOnConsent(n, Ca("KR"), Consent(TestStart.Day(8), TestStart.Day(128), contract: false), T0));
        Assert.Equal(TestStart.Day(128), n.ConsentValidUntil);
        var expiry = Assert.Single(ProcedureDeadlines.Of(n));
        Assert.Equal(TestStart.At(129, 0, 0), expiry.DueAt);

        Assert.Empty(Procedure.ValidityEnded(n, Actor.Deadlines, new EndConsentValidity(), expiry.DueAt.AddTicks(-1)).Events);
        var expired = Given.Single<ConsentExpired>(Procedure.ValidityEnded(n, Actor.Deadlines, new EndConsentValidity(), expiry.DueAt));
        Assert.Equal(NotificationStatus.Expired, Given.That(n, expired).Status);
    }

    [Fact]
    public void The_file_records_which_states_have_a_step_pending()
    {
        var n = Filed("MY", "JP", ["KR"]);
        Assert.Equal(["JP", "KR"], n.PendingFor);

        n = Given.That(n, new NotificationAcknowledged("JP", AuthorityRole.Import, T0), new InformationRequested("IR-1", "JP", "?", T0));
        Assert.Equal(["MY", "KR"], n.PendingFor); // the export authority must answer; Japan waits

        n = Given.That(n, new InformationProvided("IR-1", "JP", "!", [], T0), new NotificationAcknowledged("KR", AuthorityRole.Transit, T0));
        n = Apply(n, Procedure.DecideOnConsent(n, Ca("JP"), Consent(), T0));
        n = Apply(n, Procedure.DecideOnConsent(n, Ca("KR"), Consent(contract: false), T0));
        Assert.Empty(n.PendingFor);
        Assert.Empty(n.PendingSteps);
    }

    [Fact]
    public void The_recorded_pending_steps_give_each_state_the_inbox_computed_from_the_whole_file()
    {
        var n = Filed("MY", "JP", ["KR"]);
        var states = new[] { "MY", "JP", "KR", "DE" };
        void Same(NotificationState file)
        {
            foreach (var now in new[] { T0, T0.AddDays(10), T0.AddDays(70) })
            {
                foreach (var state in states)
                {
                    Assert.Equal(Inbox.For(file, state, now), file.PendingSteps.Where(p => p.State == state).Select(p => Inbox.AsOf(p, now)));
                }
            }
        }

        Same(n);
        n = Given.That(n, new NotificationAcknowledged("JP", AuthorityRole.Import, T0), new InformationRequested("IR-1", "JP", "?", T0));
        Same(n);
        n = Given.That(n, new InformationProvided("IR-1", "JP", "!", [], T0), new NotificationAcknowledged("KR", AuthorityRole.Transit, T0));
        Same(n);
        Assert.Contains(Inbox.For(n, "KR", T0.AddDays(70)), i => i.Overdue); // so the comparison covers overdue steps too
        n = Apply(n, Procedure.DecideOnConsent(n, Ca("JP"), Consent(), T0));
        Same(n);
    }

    [Fact]
    public void The_inbox_lists_each_authoritys_pending_steps_overdue_first()
    {
        var n = Filed("JP", "KR");
        var kr = Inbox.For(n, "KR", T0).ToList();
        Assert.Equal([Inbox.Acknowledge], kr.Select(i => i.Step));
        Assert.False(kr[0].Overdue);
        Assert.True(Inbox.For(n, "KR", T0.AddDays(10)).Single().Overdue);

        n = Given.That(n, new NotificationAcknowledged("KR", AuthorityRole.Import, T0), new InformationRequested("IR-1", "KR", "Analysis?", T0));
        Assert.Empty(Inbox.For(n, "KR", T0));
        Assert.Equal([Inbox.AnswerInformationRequest], Inbox.For(n, "JP", T0).Select(i => i.Step));
    }
}
