using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Law;

/// <summary>
/// EU 2024/1157 Art. 12(3)-(4) (issue 13 item 8): an objection to a shipment for recovery stands until it is lifted
/// within the decision period; one still standing when the period ends makes the notification cease to be valid.
/// </summary>
public sealed class ObjectionTests
{
    private static readonly DateTimeOffset T0 = Given.Now;

    private static Actor Ca(string country) => Actor.Authority($"officer.{country}", country);

    private static NotificationState Completed(string operation = "R4") =>
        Given.That(NotificationEvolution.Create(Filing.Filed(Samples.Notification("DE", "NL", ["BE"], operation: operation), "DE-2026-000001", Given.Registry, T0)),
            new NotificationAcknowledged("NL", AuthorityRole.Import, T0), new NotificationAcknowledged("BE", AuthorityRole.Transit, T0),
            new NotificationCompletenessConfirmed("NL", T0));

    private static NotificationState Objected()
    {
        var n = Completed();
        var refusal = Procedure.DecideOnConsent(n, Ca("NL"), new DecideOnConsent(ConsentDecisionKind.Refuse, null, null, null, false, "Facility permit suspended (Art. 12(1)(b))"), TestStart.At(2));
        return Given.That(n, Given.Single<ConsentRefused>(refusal));
    }

    [Fact]
    public void A_refusal_of_a_recovery_shipment_is_an_objection_that_does_not_end_the_file_at_once_Art_12()
    {
        var n = Objected();
        Assert.Equal(AuthorityStatus.Objected, n.AuthorityOf("NL")!.Status);
        Assert.False(n.IsTerminal);
        var due = n.AuthorityOf("NL")!.DecisionDeadline!.DueAt!.Value;
        Assert.Contains(ProcedureDeadlines.Of(n), d => d is { Kind: DeadlineKind.DecisionPeriod, State: "NL" } && d.DueAt == due && d.Basis.Contains("Art. 12(4)"));
    }

    [Fact]
    public void A_refusal_of_a_disposal_shipment_ends_the_procedure_Art_11()
    {
        var n = Completed("D10");
        n = Given.That(n, new ConsentRefused("NL", AuthorityRole.Import, "Can be recovered (Art. 11(1)(a))", TestStart.At(2)));
        Assert.Equal(NotificationStatus.Refused, n.Status);
    }

    [Fact]
    public void The_objection_can_be_lifted_within_the_period_and_the_authority_decides_again_Art_12_3()
    {
        var n = Objected();
        var lifted = Given.Single<ObjectionLifted>(Procedure.LiftObjection(n, Ca("NL"), new LiftObjection("Permit renewed"), TestStart.At(10)));
        n = Given.That(n, lifted);
        Assert.Equal(AuthorityStatus.Acknowledged, n.AuthorityOf("NL")!.Status);
        Assert.Null(n.AuthorityOf("NL")!.RefusalReason);
        Given.Single<ConsentGranted>(Procedure.DecideOnConsent(n, Ca("NL"),
            new DecideOnConsent(ConsentDecisionKind.Consent, [], TestStart.Day(11), TestStart.Day(200), true, null), TestStart.At(11)));
    }

    [Fact]
    public void An_objection_cannot_be_lifted_after_the_period_Art_12_3_12_4()
    {
        var n = Objected();
        var due = n.AuthorityOf("NL")!.DecisionDeadline!.DueAt!.Value;
        Given.Refused(Procedure.LiftObjection(n, Ca("NL"), new LiftObjection("Too late"), due), "objection-period-ended", "EU 2024/1157 Art. 12(3), 12(4)");
        Given.Refused(Procedure.LiftObjection(n, Ca("BE"), new LiftObjection("Not mine"), TestStart.At(3)), "no-objection-to-lift", "EU 2024/1157 Art. 12(3)");
    }

    [Fact]
    public void An_objection_still_standing_when_the_period_ends_makes_the_notification_cease_to_be_valid_Art_12_4()
    {
        var n = Objected();
        var due = n.AuthorityOf("NL")!.DecisionDeadline!.DueAt!.Value;
        Assert.Empty(Procedure.DecisionPeriodEnded(n, Actor.Deadlines, new EndDecisionPeriod("NL"), due.AddTicks(-1)).Events);
        var ceased = Given.Single<NotificationCeasedToBeValid>(Procedure.DecisionPeriodEnded(n, Actor.Deadlines, new EndDecisionPeriod("NL"), due));
        Assert.Equal(["NL"], ceased.ObjectingStates);
        Assert.Equal("EU 2024/1157 Art. 12(4)", ceased.Article);

        n = Given.That(n, ceased);
        Assert.Equal(NotificationStatus.CeasedToBeValid, n.Status);
        Assert.True(n.IsTerminal);
        Given.Refused(Procedure.DecideOnConsent(n, Ca("DE"), new DecideOnConsent(ConsentDecisionKind.Refuse, null, null, null, false, "x"), due),
            "notification-ceased-to-be-valid", "EU 2024/1157 Art. 12(4)");
    }
}
