namespace WasteMovements.Domain.Notifications;

/// <summary>A pending step of an authority, with its deadline (null: no day count, e.g. Basel "promptly").</summary>
public sealed record InboxItem(
    string NotificationNumber,
    string Step,
    string State,
    AuthorityRole Role,
    DateTimeOffset? DueAt,
    string Basis,
    bool Overdue,
    bool Paused,
    string? RequestId,
    string Summary);

/// <summary>What an authority has to do on a notification now, derived from the notification's state.</summary>
public static class Inbox
{
    public const string Acknowledge = "acknowledge";
    public const string Decide = "decide";
    public const string AnswerInformationRequest = "answer-information-request";
    public const string AnswerChange = "answer-change";
    public const string ConfirmCompleteness = "confirm-completeness";

    public static IEnumerable<InboxItem> For(NotificationState n, string country, DateTimeOffset now)
    {
        if (n.IsTerminal) yield break;
        var what = $"{n.Particulars.Waste.Designation} ({n.StateOfExport} -> {n.StateOfImport}, {n.Particulars.Operation})"
            // EU 2024/1157 Art. 9(3): a repeat of a consented notification is decided as soon as possible on the earlier information.
            + (n.Renotifies is { } r ? $"; renotifies {r.Predecessor}" + (r.RepeatOfConsented ? " (repeat, Art. 9(3): decide as soon as possible)" : "") : "");

        var authority = n.AuthorityOf(country);
        if (authority is not null && authority.Role != AuthorityRole.Export && authority.AcknowledgedAt is null && !authority.HasDecided)
        {
            var d = authority.AcknowledgementDeadline;
            yield return new InboxItem(n.Id, Acknowledge, authority.State, authority.Role, d?.DueAt, BasisOf(d),
                d?.DueAt < now, false, null, "Acknowledge receipt: " + what);
        }

        // EU 2024/1157 Art. 8(12): once every authority concerned is satisfied, the destination informs all "immediately".
        if (authority is { Role: AuthorityRole.Import } && DecisionClock.AwaitsCompleteness(n) && DecisionClock.CompletenessRefusal(n) is null)
        {
            yield return new InboxItem(n.Id, ConfirmCompleteness, authority.State, authority.Role, null,
                "immediately (EU 2024/1157 Art. 8(12))", false, false, null, "Inform all that the notification is properly completed: " + what);
        }

        if (authority is { MustConsent: true, HasDecided: false } && authority.Status != AuthorityStatus.InformationRequested
            && (authority.AcknowledgedAt is not null || authority.Role == AuthorityRole.Export))
        {
            var d = authority.DecisionDeadline;
            yield return new InboxItem(n.Id, Decide, authority.State, authority.Role, d?.DueAt, BasisOf(d),
                d?.DueAt < now && !(d?.Paused ?? false), d?.Paused ?? false, null, "Consent or refuse: " + what);
        }

        if (string.Equals(country, n.StateOfExport, StringComparison.OrdinalIgnoreCase))
        {
            foreach (var request in n.InformationRequests.Where(r => r.AnsweredAt is null))
            {
                yield return new InboxItem(n.Id, AnswerInformationRequest, n.StateOfExport, AuthorityRole.Export, null,
                    n.Regime.Regime == ControlRegime.Eu
                        ? "no pause of the decision period under the EU regime (EU 2024/1157 Art. 9(1)); answer promptly (Art. 8(8): 10 working days)"
                        : "the asking authority's clock is paused until the answer (Basel Art. 6(2))", false, false, request.RequestId,
                    $"Answer {request.State}'s questions: {request.Questions}");
            }
        }

        // EU 2024/1157 Art. 17(2): each authority asked says, within its period, whether the change needs a new notification.
        if (n.PendingChange is { } change
            && change.Answers.FirstOrDefault(a => a.AnsweredAt is null && string.Equals(a.State, country, StringComparison.OrdinalIgnoreCase)) is { } answer)
        {
            yield return new InboxItem(n.Id, AnswerChange, answer.State, answer.Role, answer.Due.DueAt, BasisOf(answer.Due),
                answer.Due.DueAt < now, false, change.ChangeId,
                $"Essential change {change.ChangeId} ({string.Join(", ", change.Items.Select(i => i.Item))}): new notification required or not? " + what);
        }
    }

    /// <summary>The basis shown with a deadline; a missing calendar is said, never hidden (docs/law.md, "Counting periods").</summary>
    private static string BasisOf(Deadline? d) => d is null ? "" : d.CalendarMissing is null ? d.Basis : $"{d.Basis}; {d.CalendarMissing}";

    /// <summary>A recorded pending step as it stands at <paramref name="now"/>: overdue once its deadline has passed, unless paused.</summary>
    public static InboxItem AsOf(InboxItem step, DateTimeOffset now) =>
        step with { Overdue = step.DueAt is { } due && due < now && !step.Paused };

    /// <summary>Overdue first, then by deadline, steps without a day count last.</summary>
    public static IReadOnlyList<InboxItem> Order(IEnumerable<InboxItem> items) =>
        items.OrderByDescending(i => i.Overdue)
            .ThenBy(i => i.DueAt is null)
            .ThenBy(i => i.DueAt)
            .ThenBy(i => i.NotificationNumber, StringComparer.Ordinal)
            .ToArray();
}
