namespace WasteMovements.Domain.Notifications;

public enum ChangeStatus
{
    /// <summary>Waiting for the authorities concerned (EU 2024/1157 Art. 17(2)); no planned shipment may take place.</summary>
    AwaitingAnswers,
    InForce,
    /// <summary>An authority required a new notification; the particulars stay as they were.</summary>
    NewNotificationRequired,
}

/// <summary>One authority's answer to an essential change, with its period (EU 2024/1157 Art. 17(2): 5 working days).</summary>
public sealed record ChangeAnswer(string State, AuthorityRole Role, Deadline Due, bool? NoNewNotificationRequired, string? Reason, DateTimeOffset? AnsweredAt, bool Late);

/// <summary>A change of the notified particulars after consent and where it stands (EU 2024/1157 Art. 17).</summary>
public sealed record NotificationChange(
    string ChangeId,
    int Version,
    ChangeKind Kind,
    IReadOnlyList<ChangedItem> Items,
    NotificationParticulars Particulars,
    string Reason,
    DateTimeOffset RecordedAt,
    IReadOnlyList<ChangeAnswer> Answers,
    ChangeStatus Status,
    DateTimeOffset? InForceAt);

/// <summary>A version of the particulars as it came into force: version 1 at filing, each change in force the next.</summary>
public sealed record ParticularsVersion(int Version, DateTimeOffset InForceFrom, string? ChangeId, ChangeKind? Kind, IReadOnlyList<string> Items);

/// <summary>EU 2024/1157 Art. 9(3): the notification this one renotifies, and whether it is a repeat in the sense of Art. 9(3).</summary>
public sealed record RenotificationLink(string Predecessor, bool RepeatOfConsented, IReadOnlyList<string> Differences, string Reason);
