using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Notifications;

public enum ChangeAnswerKind
{
    /// <summary>EU 2024/1157 Art. 17(2): the authority considers that no new notification is required.</summary>
    NoNewNotificationRequired,
    /// <summary>The change needs a new notification (Art. 17(2), first sentence).</summary>
    NewNotificationRequired,
}

/// <summary>POST .../changes/{changeId}/answers: an authority concerned answers an essential change.</summary>
public sealed record AnswerChange(ChangeAnswerKind Answer, string? Reason)
{
    /// <summary>From the route, not the body.</summary>
    public string ChangeId { get; init; } = "";
}

public static partial class Procedure
{
    /// <summary>
    /// EU 2024/1157 Art. 17(2): each authority concerned informs the notifier, within 5 working days of receiving the
    /// change, whether a new notification is required. The change comes into force when every authority asked said
    /// none is required; one authority requiring a new notification ends the change, and the particulars stay as they
    /// were. The text gives silence no meaning: a late answer is recorded as late, and no answer keeps the change out of force.
    /// </summary>
    public static Decision AnswerChange(NotificationState n, Actor actor, AnswerChange command, DateTimeOffset now)
    {
        if (!n.Concerns(actor.State)) return Decision.Refuse(NotConcerned(n, actor));
        var change = n.Changes.FirstOrDefault(c => string.Equals(c.ChangeId, command.ChangeId, StringComparison.OrdinalIgnoreCase));
        if (change is null)
        {
            return Decision.Refuse(new Refusal("change-not-found", "EU 2024/1157 Art. 17(1)",
                $"Notification {n.Id} has no change {command.ChangeId}.", RefusalKind.NotFound));
        }

        var answer = change.Answers.FirstOrDefault(a => string.Equals(a.State, actor.State, StringComparison.OrdinalIgnoreCase));
        if (answer is null)
        {
            return Decision.Forbid("not-asked-about-change", "EU 2024/1157 Art. 17(2)",
                change.Kind == ChangeKind.NonEssential
                    ? $"Change {change.ChangeId} is not essential and was in force when recorded; no answer is asked."
                    : $"{actor.State} recorded change {change.ChangeId}; the other authorities concerned answer it.");
        }

        if (change.Status != ChangeStatus.AwaitingAnswers)
        {
            return Decision.Refuse("change-not-awaiting-answers", "EU 2024/1157 Art. 17(2)",
                $"Change {change.ChangeId} is {change.Status}: it waits for no more answers.");
        }

        if (answer.AnsweredAt is not null)
        {
            return Decision.Refuse("change-already-answered", "EU 2024/1157 Art. 17(2)",
                $"{answer.State} answered change {change.ChangeId} on {answer.AnsweredAt:yyyy-MM-dd}.");
        }

        if (command.Answer == ChangeAnswerKind.NewNotificationRequired)
        {
            return Decision.Accept(new NewNotificationRequired(change.ChangeId, answer.State, command.Reason?.Trim() ?? "", now));
        }

        var late = answer.Due.DueAt is { } due && now > due;
        var accepted = new NotificationChangeAccepted(change.ChangeId, answer.State, late, now);
        var allAnswered = change.Answers.All(a => a.State == answer.State || a.NoNewNotificationRequired == true);
        return allAnswered
            ? Decision.Accept(accepted, new NotificationChangeInForce(change.ChangeId, change.Version, now))
            : Decision.Accept(accepted);
    }
}
