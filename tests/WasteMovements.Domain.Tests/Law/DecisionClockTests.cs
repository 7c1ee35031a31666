using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Law;

/// <summary>
/// Issue 13 items 8, 9 and 14: the EU decision clock runs from the Art. 8(12) information (EU 2024/1157 Art. 9(1)),
/// periods are counted per Regulation 1182/71 Art. 3, a count needing a calendar the engine lacks is visible, and
/// treatment under 1013/2006 consents ends by 21 May 2027 (Art. 85(5)). Calendars in the counting tests are made
/// here from offsets of TestStart, so they hold at every clock shift.
/// </summary>
public sealed class DecisionClockTests
{
    private static readonly DateTimeOffset T0 = Given.Now;

    private static Actor Ca(string country) => Actor.Authority($"officer.{country}", country);

    private static NotificationState Filed(string export, string import, string[]? transits = null) =>
        NotificationEvolution.Create(Filing.Filed(Samples.Notification(export, import, transits), $"{export}-2026-000001", Given.Registry, T0));

    /// <summary>A calendar of the made-up state XX covering the test years, with holidays at the given day offsets.</summary>
    private static WorkingDays Calendar(params int[] holidays) =>
        new([new HolidayCalendar("XX", "test", holidays.Select(d => new HolidayDate(TestStart.Day(d), "holiday")).ToArray(),
            TestStart.Year - 1, TestStart.Year + 2)]);

    [Fact]
    public void A_period_in_days_runs_from_the_day_after_the_event_to_the_end_of_its_last_day_1182_71_Art_3()
    {
        // TestStart is a Monday; an event late on Monday: 4 days end at the end of Friday, whatever the hour of the event.
        var end = Periods.Days(TestStart.At(0, 17, 30), 4, "XX", rollOver: true, Calendar());
        Assert.Equal(TestStart.At(5, 0, 0), end.DueAt);
        Assert.Null(end.CalendarMissing);
    }

    [Fact]
    public void A_period_ending_on_a_weekend_or_holiday_rolls_over_to_the_next_working_day_1182_71_Art_3_4()
    {
        // 5 days from Monday end on Saturday: Art. 3(4) runs to the end of Monday; with Monday a holiday, Tuesday.
        Assert.Equal(TestStart.At(8, 0, 0), Periods.Days(T0, 5, "XX", rollOver: true, Calendar()).DueAt);
        Assert.Equal(TestStart.At(9, 0, 0), Periods.Days(T0, 5, "XX", rollOver: true, Calendar(7)).DueAt);
        // Outside EU law (Basel, OECD) there is no roll-over: the end of Saturday.
        Assert.Equal(TestStart.At(6, 0, 0), Periods.Days(T0, 5, "XX", rollOver: false, Calendar()).DueAt);
        // A holiday inside the period counts (Art. 3(3)).
        Assert.Equal(TestStart.At(3, 0, 0), Periods.Days(T0, 2, "XX", rollOver: true, Calendar(1)).DueAt);
    }

    [Fact]
    public void Working_days_skip_weekends_and_the_acting_states_holidays_1182_71_Art_3_3()
    {
        // 3 working days from Monday: Tuesday to Thursday; a holiday on Wednesday moves the end to Friday.
        Assert.Equal(TestStart.At(4, 0, 0), Periods.WorkingDaysAfter(T0, 3, "XX", Calendar()).DueAt);
        Assert.Equal(TestStart.At(5, 0, 0), Periods.WorkingDaysAfter(T0, 3, "XX", Calendar(2)).DueAt);
    }

    [Fact]
    public void A_count_without_a_calendar_for_the_state_or_year_is_marked_calendar_missing_never_counted_on_weekends()
    {
        var pastYears = new WorkingDays([new HolidayCalendar("XX", "test", [], TestStart.Year - 3, TestStart.Year - 1)]);
        var beyond = Periods.Days(T0, 30, "XX", rollOver: true, pastYears);
        Assert.Null(beyond.DueAt);
        Assert.Contains("calendar missing", beyond.CalendarMissing);
        Assert.Contains($"not {TestStart.Day(30).Year}", beyond.CalendarMissing);

        var none = Periods.WorkingDaysAfter(T0, 3, "YY", Calendar());
        Assert.Null(none.DueAt);
        Assert.Contains("no public-holiday calendar of YY", none.CalendarMissing);
        Assert.Contains("1182/71 Art. 3", none.CalendarMissing);
    }

    [Fact]
    public void An_EU_transit_authority_without_a_shipped_calendar_gets_no_tacit_consent_deadline_but_a_visible_calendar_missing()
    {
        // Bulgaria has no shipped calendar (docs/law.md, "Holiday calendars"): its tacit consent is not scheduled.
        var n = Given.That(Filed("DE", "NL", ["BG"]), new NotificationAcknowledged("NL", AuthorityRole.Import, T0),
            new NotificationAcknowledged("BG", AuthorityRole.Transit, T0), new NotificationCompletenessConfirmed("NL", T0));
        var bg = n.AuthorityOf("BG")!.DecisionDeadline!;
        Assert.Null(bg.DueAt);
        Assert.Contains("calendar missing", bg.CalendarMissing);
        Assert.DoesNotContain(ProcedureDeadlines.Of(n), d => d.State == "BG");
        Assert.Contains(Inbox.For(n, "BG", T0), i => i.Step == Inbox.Decide && i.DueAt is null && i.Basis.Contains("calendar missing"));
        Assert.Empty(Procedure.DecisionPeriodEnded(n, Actor.Deadlines, new EndDecisionPeriod("BG"), TestStart.At(60)).Events);
    }

    [Fact]
    public void The_EU_decision_period_runs_from_the_Art_8_12_information_not_from_the_acknowledgement_Art_9_1()
    {
        var n = Given.That(Filed("DE", "NL", ["BE"]), new NotificationAcknowledged("NL", AuthorityRole.Import, T0),
            new NotificationAcknowledged("BE", AuthorityRole.Transit, T0));
        Assert.Null(n.AuthorityOf("BE")!.DecisionDeadline!.DueAt);
        Assert.Contains("Art. 8(12)", n.AuthorityOf("BE")!.DecisionDeadline!.Basis);
        Assert.DoesNotContain(ProcedureDeadlines.Of(n), d => d.State == "BE");
        Assert.Contains(Inbox.For(n, "NL", T0), i => i.Step == Inbox.ConfirmCompleteness);

        var confirmed = Given.Single<NotificationCompletenessConfirmed>(Procedure.ConfirmCompleteness(n, Ca("NL"), new ConfirmCompleteness(), TestStart.At(3)));
        Assert.Equal(new NotificationCompletenessConfirmed("NL", TestStart.At(3)), confirmed);
        n = Given.That(n, confirmed);
        var due = n.AuthorityOf("BE")!.DecisionDeadline!.DueAt!.Value;
        // The end of the 30th day after the information, or of the next Belgian working day (1182/71 Art. 3(4)).
        Assert.InRange(due, TestStart.At(34, 0, 0), TestStart.At(38, 0, 0));
        Assert.Equal(TimeSpan.Zero, due.TimeOfDay);
        Assert.Contains(ProcedureDeadlines.Of(n), d => d is { Kind: DeadlineKind.DecisionPeriod, State: "BE" } && d.DueAt == due);
        Assert.DoesNotContain(Inbox.For(n, "NL", T0), i => i.Step == Inbox.ConfirmCompleteness);

        // No pause after the Art. 8(12) information: Art. 9(1) gives none.
        n = Given.That(n, new InformationRequested("IR-1", "BE", "Route?", TestStart.At(10)));
        Assert.Equal(due, n.AuthorityOf("BE")!.DecisionDeadline!.DueAt);
        Assert.False(n.AuthorityOf("BE")!.DecisionDeadline!.Paused);
    }

    [Fact]
    public void Only_the_destination_informs_that_the_notification_is_properly_completed_Art_8_12()
    {
        var n = Given.That(Filed("DE", "NL", ["BE"]), new NotificationAcknowledged("NL", AuthorityRole.Import, T0),
            new NotificationAcknowledged("BE", AuthorityRole.Transit, T0));
        var refused = Procedure.ConfirmCompleteness(n, Ca("BE"), new ConfirmCompleteness(), T0);
        Given.Refused(refused, "not-state-of-destination", "EU 2024/1157 Art. 8(12)");
        Assert.Equal(RefusalKind.NotPermitted, refused.Refusal!.Kind);
        Given.Refused(Procedure.ConfirmCompleteness(n, Ca("FR"), new ConfirmCompleteness(), T0), "not-concerned", "Basel Art. 2(13)");
    }

    [Fact]
    public void The_notification_is_not_properly_completed_while_an_authority_concerned_is_not_satisfied_Art_8_11()
    {
        var n = Given.That(Filed("DE", "NL", ["BE"]), new NotificationAcknowledged("NL", AuthorityRole.Import, T0));
        Given.Refused(Procedure.ConfirmCompleteness(n, Ca("NL"), new ConfirmCompleteness(), T0), "authority-not-satisfied", "EU 2024/1157 Art. 8(11), 8(12)");
        Assert.DoesNotContain(Inbox.For(n, "NL", T0), i => i.Step == Inbox.ConfirmCompleteness);
    }

    [Fact]
    public void The_notification_is_not_properly_completed_while_a_request_is_open_Art_8_7_to_8_9()
    {
        var n = Given.That(Filed("DE", "NL", ["BE"]), new NotificationAcknowledged("NL", AuthorityRole.Import, T0),
            new NotificationAcknowledged("BE", AuthorityRole.Transit, T0), new InformationRequested("IR-1", "BE", "Route?", T0));
        Given.Refused(Procedure.ConfirmCompleteness(n, Ca("NL"), new ConfirmCompleteness(), T0), "information-request-open", "EU 2024/1157 Art. 8(7)-(9), 8(12)");

        n = Given.That(n, new InformationProvided("IR-1", "BE", "Motorway", [], TestStart.At(2)));
        Given.Single<NotificationCompletenessConfirmed>(Procedure.ConfirmCompleteness(n, Ca("NL"), new ConfirmCompleteness(), TestStart.At(2)));
    }

    [Fact]
    public void The_Art_8_12_information_is_given_once_and_only_under_2024_1157()
    {
        var n = Given.That(Filed("DE", "NL"), new NotificationAcknowledged("NL", AuthorityRole.Import, T0), new NotificationCompletenessConfirmed("NL", T0));
        Given.Refused(Procedure.ConfirmCompleteness(n, Ca("NL"), new ConfirmCompleteness(), T0), "completeness-already-confirmed", "EU 2024/1157 Art. 8(12)");

        var oecd = Given.That(Filed("JP", "KR"), new NotificationAcknowledged("KR", AuthorityRole.Import, T0));
        Given.Refused(Procedure.ConfirmCompleteness(oecd, Ca("KR"), new ConfirmCompleteness(), T0), "completeness-confirmation-not-applicable", "EU 2024/1157 Art. 8(12), 85(3)");
    }

    [Fact]
    public void An_export_to_a_third_country_runs_from_the_destinations_acknowledgement_EU_Art_44_1()
    {
        // DE -> CH for recovery (Art. 44): the Swiss authority acts under the OECD Decision, not under Art. 8(12).
        var n = Given.That(Filed("DE", "CH"), new NotificationAcknowledged("CH", AuthorityRole.Import, T0));
        Assert.False(DecisionClock.AwaitsCompleteness(n));
        var ch = RegimeRules.Decision(n, n.AuthorityOf("CH")!, WorkingDays.Shipped)!;
        Assert.Equal(Periods.Days(T0, 30, "CH", rollOver: true, WorkingDays.Shipped).DueAt, ch.DueAt);
        Assert.Contains("acknowledgement", ch.Basis);
        Given.Refused(Procedure.ConfirmCompleteness(n, Ca("CH"), new ConfirmCompleteness(), T0), "completeness-confirmation-not-applicable",
            "EU 2024/1157 Art. 8(12), 38(1), 44(1)");

        // DE -> NL (Title II): the same acknowledgement starts nothing until the 8(12) information.
        var intra = Given.That(Filed("DE", "NL"), new NotificationAcknowledged("NL", AuthorityRole.Import, T0));
        Assert.True(DecisionClock.AwaitsCompleteness(intra));
        Assert.Null(RegimeRules.Decision(intra, intra.AuthorityOf("NL")!, WorkingDays.Shipped)!.DueAt);
    }

    [Fact]
    public void Under_1013_2006_the_clock_runs_from_the_destinations_acknowledgement_Art_85_3()
    {
        // Filed and acknowledged before 21 May 2026 (dates of law): the file stays under 1013/2006 (Art. 85(3)).
        var filedAt = new DateTimeOffset(RegimeInfo.Eu2024Applies.AddDays(-20).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        var n = NotificationEvolution.Create(Filing.Filed(Samples.Notification("DE", "NL", ["BE"]), "DE-2026-000001", Given.Registry, filedAt));
        n = Given.That(n, new NotificationAcknowledged("NL", AuthorityRole.Import, filedAt.AddDays(1)), new NotificationAcknowledged("BE", AuthorityRole.Transit, filedAt.AddDays(1)));
        Assert.Equal(RegimeInfo.Eu2006Instrument, n.Regime.Instrument);
        var due = n.AuthorityOf("BE")!.DecisionDeadline!.DueAt!.Value;
        Assert.InRange(due, filedAt.Date.AddDays(32), filedAt.Date.AddDays(36));
        Given.Refused(Procedure.ConfirmCompleteness(n, Ca("NL"), new ConfirmCompleteness(), filedAt.AddDays(2)), "completeness-confirmation-not-applicable", "EU 2024/1157 Art. 8(12), 85(3)");
    }

    [Fact]
    public void Treatment_under_a_1013_2006_consent_ends_by_21_May_2027_Art_85_5_and_2029_for_pre_consented_Art_85_6()
    {
        var old = new RegimeInfo(ControlRegime.Eu, RegimeInfo.Eu2006Instrument);
        Assert.Equal(new DateOnly(2027, 5, 21), ShipmentRules.TreatmentEndsBy(old, preconsented: false));
        Assert.Equal(new DateOnly(2029, 5, 21), ShipmentRules.TreatmentEndsBy(old, preconsented: true));
        Assert.Null(ShipmentRules.TreatmentEndsBy(new RegimeInfo(ControlRegime.Eu, RegimeInfo.Eu2024Instrument), preconsented: false));

        // Received in autumn 2026: the certificate is due by the end of 21 May 2027, not a year after receipt.
        var received = new DateTimeOffset(RegimeInfo.Eu2024Applies.AddMonths(4).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2027, 5, 22, 0, 0, 0, TimeSpan.Zero), ShipmentRules.CertificateDue(old, received));
        Assert.Equal(received.AddYears(1), ShipmentRules.CertificateDue(new RegimeInfo(ControlRegime.Eu, RegimeInfo.Eu2024Instrument), received));
    }

    [Fact]
    public void A_shipment_under_a_1013_2006_consent_may_not_leave_after_treatment_must_end_Art_85_5()
    {
        // Dates of law: filed and acknowledged before 21 May 2026 (Art. 85(3)); a consent valid from later in 2026 for a year.
        var law = RegimeInfo.Eu2024Applies;
        DateTimeOffset At(DateOnly d) => new(d.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        var n = NotificationEvolution.Create(Filing.Filed(Samples.Notification("DE", "NL"), "DE-2026-000001", Given.Registry, At(law.AddDays(-20))));
        n = Given.That(n, new NotificationAcknowledged("NL", AuthorityRole.Import, At(law.AddDays(-19))),
            new ConsentGranted("DE", AuthorityRole.Export, [], law.AddMonths(3), law.AddMonths(15).AddDays(-1), false, At(law.AddDays(-10))),
            new ConsentGranted("NL", AuthorityRole.Import, [], law.AddMonths(3), law.AddMonths(15).AddDays(-1), true, At(law.AddDays(-10))));
        Assert.Equal(RegimeInfo.Eu2006Instrument, n.Regime.Instrument);
        Assert.Equal(NotificationStatus.Consented, n.Status);

        var late = new AnnounceShipment(5m, "t", law.AddYears(1).AddDays(10), ["Trans Europa Logistik"], "box", 4);
        Given.Refused(Shipping.Announce(n, Actor.Authority("officer.DE", "DE"), late, At(law.AddYears(1))), "transitional-consent-ended", "EU 2024/1157 Art. 85(5)");
    }

    [Fact]
    public void The_shipped_calendars_cover_every_EU_EFTA_and_OECD_state_they_list_for_the_years_the_shifted_suite_reaches()
    {
        var data = WorkingDays.LoadEmbeddedData();
        foreach (var c in data.Calendars)
        {
            Assert.True(c.FirstYear <= 2025 && c.LastYear >= 2028, $"{c.Country} covers {c.FirstYear}-{c.LastYear}");
            Assert.All(c.Dates, d => Assert.InRange(d.Date.Year, c.FirstYear, c.LastYear));
            var profile = Given.Registry.Find(c.Country);
            Assert.True(profile is { Eu: true } or { Oecd: true } || c.Country is "CH" or "NO" or "IS" or "LI", $"{c.Country} is neither EU, EFTA nor OECD");
        }

        // The suite runs at shifts up to +400 days and counts up to 60 days ahead (docs/law.md, "Holiday calendars").
        var reach = TestStart.Day(120).Year;
        foreach (var state in TestStart.CountedStates)
        {
            Assert.True(WorkingDays.Shipped.Covers(state, new DateOnly(reach, 12, 31)), $"{state} has no calendar for {reach}");
        }
    }
}
