namespace WasteMovements.Domain.Notifications;

/// <summary>
/// EU 2024/1157 Art. 17(1): the notifier's authority recorded a change of the consented particulars and so informed
/// the authorities concerned. <see cref="Particulars"/> is the whole changed version (number <see cref="Version"/>),
/// kept verbatim so that a replay shows what each version said. <see cref="AnswersFrom"/>: the authorities whose
/// answer an essential change waits for (Art. 17(2)); empty for a non-essential change.
/// </summary>
public sealed record NotificationChangeRecorded(
    string ChangeId,
    int Version,
    ChangeKind Kind,
    IReadOnlyList<ChangedItem> Items,
    NotificationParticulars Particulars,
    string Reason,
    IReadOnlyList<string> AnswersFrom,
    DateTimeOffset RecordedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => RecordedAt;
}

/// <summary>EU 2024/1157 Art. 17(2): an authority concerned considers that no new notification is required and informs the notifier.</summary>
public sealed record NotificationChangeAccepted(string ChangeId, string State, bool Late, DateTimeOffset AcceptedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => AcceptedAt;
}

/// <summary>EU 2024/1157 Art. 17(2): an authority concerned requires a new notification; the change does not come into force.</summary>
public sealed record NewNotificationRequired(string ChangeId, string State, string Reason, DateTimeOffset RequiredAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => RequiredAt;
}

/// <summary>
/// The changed particulars are in force from now: at once for a non-essential change, once every authority concerned
/// said no new notification is required for an essential one (EU 2024/1157 Art. 17(2)). Shipments announced from now
/// move under version <see cref="Version"/>.
/// </summary>
public sealed record NotificationChangeInForce(string ChangeId, int Version, DateTimeOffset InForceAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => InForceAt;
}
