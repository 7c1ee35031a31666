using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.IllegalTraffic;

/// <summary>Who caused the illegal traffic, as the states concerned attribute it (Basel Art. 9(2)-(4); EU 2024/1157 Art. 25).</summary>
public enum ResponsibleParty
{
    /// <summary>The exporter or generator: the state of export ensures take-back or other disposal (Art. 9(2)).</summary>
    Exporter,
    /// <summary>The importer or disposer: the state of import ensures environmentally sound disposal (Art. 9(3)).</summary>
    Importer,
    /// <summary>Responsibility cannot be assigned to either: the states cooperate (Art. 9(4)).</summary>
    Undetermined,
}

/// <summary>
/// Basel Art. 9(1): a state found a movement that is illegal traffic, whether or not a notification exists (9(1)(a): never
/// notified to the states concerned, found by customs or any state). <see cref="NotificationNumber"/>: the notification it
/// claimed to move under, if any. The case's stream key is <see cref="CaseId"/> (ILL-DE-2026-000001).
/// </summary>
public sealed record IllegalTrafficCaseOpened(
    string CaseId, string FoundBy, string Cause, string Details, string StateOfExport, string StateOfImport, IReadOnlyList<string> TransitStates,
    string WasteDescription, decimal? Quantity, string? Unit, string? NotificationNumber, DateTimeOffset FoundAt, DateTimeOffset OpenedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => OpenedAt;
}

/// <summary>
/// The states concerned attributed the illegal traffic (Basel Art. 9(2)-(4)). <see cref="InformedAt"/>: when the state
/// of export was informed (9(2)) or the matter came to the state of import's attention (9(3)); the duty's period runs
/// from it. <see cref="DueAt"/> is null where no period applies (9(4)).
/// </summary>
public sealed record ResponsibilityAttributed(
    string CaseId, string AttributedBy, ResponsibleParty Party, string ResponsibleState, DateTimeOffset InformedAt, DateTimeOffset? DueAt, string Basis,
    string Details, DateTimeOffset AttributedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => AttributedAt;
}

/// <summary>Basel Art. 9(2)-(3) ("or such other period as the States concerned may agree"); EU 2024/1157 Art. 25: another period for the duty.</summary>
public sealed record IllegalTrafficPeriodAgreed(
    string CaseId, string RecordedBy, IReadOnlyList<string> AgreedBy, int Days, string Details, DateTimeOffset DueAt, DateTimeOffset AgreedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => AgreedAt;
}

/// <summary>Basel Art. 9(2)(a): the waste was taken back into the state of export.</summary>
public sealed record WasteTakenBack(string CaseId, string RecordedBy, DateTimeOffset ReturnedAt, DateTimeOffset RecordedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => RecordedAt;
}

/// <summary>Basel Art. 9(2)(b), 9(3), 9(4): the waste is disposed of otherwise, in an environmentally sound manner, at the facility named.</summary>
public sealed record AlternativeDisposalArranged(
    string CaseId, string ArrangedBy, string Facility, string Operation, string Details, DateTimeOffset ArrangedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => ArrangedAt;
}

/// <summary>The case is closed: the duty was met, or no illegal traffic remained to deal with (the reason says which).</summary>
public sealed record IllegalTrafficCaseClosed(string CaseId, string ClosedBy, string Reason, DateTimeOffset ClosedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => ClosedAt;
}
