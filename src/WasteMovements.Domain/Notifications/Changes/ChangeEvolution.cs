using WasteMovements.Domain.CodeLists;

namespace WasteMovements.Domain.Notifications;

/// <summary>How the change facts (EU 2024/1157 Art. 17) change a notification's state; called by <see cref="NotificationEvolution"/>.</summary>
public static class ChangeEvolution
{
    /// <summary>EU 2024/1157 Art. 17(2): the authorities inform the notifier no later than five working days after receipt.</summary>
    public const int AnswerWorkingDays = 5;

    /// <summary>
    /// The period of an authority's answer to an essential change: 5 working days under Regulation 2024/1157 (Art. 17(2));
    /// Regulation 1013/2006 Art. 17, the OECD Decision and the Basel Convention set none [K] (docs/law.md 3.8).
    /// </summary>
    public static Deadline AnswerDeadline(RegimeInfo regime, string state, DateTimeOffset recordedAt) =>
        regime is { Regime: ControlRegime.Eu, Instrument: RegimeInfo.Eu2024Instrument }
            // Counted as every other working-day period (1182/71 Art. 3(3)): a state without a calendar gets no silent weekend-only count.
            ? Periods.WorkingDaysAfter(recordedAt, AnswerWorkingDays, state, WorkingDays.Shipped)
                .ToDeadline("5 working days from receipt of the change (EU 2024/1157 Art. 17(2))")
            : new Deadline(null, $"no day count under {regime.Instrument}: the change waits for the answer (docs/law.md 3.8)");

    public static NotificationState Recorded(NotificationState s, NotificationChangeRecorded e)
    {
        var answers = e.AnswersFrom.Select(state => new ChangeAnswer(state, s.AuthorityOf(state)?.Role ?? AuthorityRole.Transit,
            AnswerDeadline(s.Regime, state, e.RecordedAt), null, null, null, false)).ToArray();
        var change = new NotificationChange(e.ChangeId, e.Version, e.Kind, e.Items, e.Particulars, e.Reason, e.RecordedAt, answers,
            ChangeStatus.AwaitingAnswers, null);
        return s with { Changes = [.. s.Changes, change] };
    }

    public static NotificationState Accepted(NotificationState s, NotificationChangeAccepted e) =>
        Update(s, e.ChangeId, c => c with
        {
            Answers = c.Answers.Select(a => a.State == e.State ? a with { NoNewNotificationRequired = true, AnsweredAt = e.AcceptedAt, Late = e.Late } : a).ToArray(),
        });

    public static NotificationState Required(NotificationState s, NewNotificationRequired e) =>
        Update(s, e.ChangeId, c => c with
        {
            Status = ChangeStatus.NewNotificationRequired,
            Answers = c.Answers.Select(a => a.State == e.State ? a with { NoNewNotificationRequired = false, Reason = e.Reason, AnsweredAt = e.RequiredAt } : a).ToArray(),
        });

    public static NotificationState InForce(NotificationState s, NotificationChangeInForce e)
    {
        var change = s.Changes.FirstOrDefault(c => c.ChangeId == e.ChangeId);
        if (change is null) return s;
        var next = Update(s, e.ChangeId, c => c with { Status = ChangeStatus.InForce, InForceAt = e.InForceAt });
        return next with
        {
            Particulars = change.Particulars,
            ParticularsVersion = e.Version,
            ParticularsHistory = [.. s.ParticularsHistory, new ParticularsVersion(e.Version, e.InForceAt, e.ChangeId, change.Kind, change.Items.Select(i => i.Item).ToArray())],
        };
    }

    private static NotificationState Update(NotificationState s, string changeId, Func<NotificationChange, NotificationChange> update) =>
        s with { Changes = s.Changes.Select(c => c.ChangeId == changeId ? update(c) : c).ToArray() };
}
