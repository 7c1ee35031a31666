using WasteMovements.Domain.PreconsentedFacilities;

namespace WasteMovements.Domain.Notifications;

public enum AuthorityRole
{
    Export,
    Import,
    Transit,
}

/// <summary>
/// A competent authority concerned by the notification, as established at filing. Whether a transit state
/// accepts tacit consent (Basel Art. 6(4)) is copied from the registry at filing so that a later registry
/// edit does not change an old file. <paramref name="Profile"/> (EU files filed since flows were recorded): what
/// EU 2024/1157 Titles IV-VI need to know of the authority's state; absent on older events, which read as intra-Union.
/// </summary>
public sealed record ConcernedAuthority(string State, AuthorityRole Role, bool AcceptsTacitConsent, AuthorityProfile? Profile = null);

/// <summary>
/// Basel Art. 6(1): the competent authority of the state of export filed the notification and transmitted
/// it to the authorities of the states of import and transit. <paramref name="Flow"/>: for an EU file, which part of
/// EU 2024/1157 it falls in (Title II, IV, V or VI); null on events stored before it was recorded, read as intra-Union.
/// <see cref="Preconsent"/> is the register entry the filing was checked against (EU 2024/1157 Art. 14), as it stood on
/// the filing date; absent on older events.
/// </summary>
public sealed record NotificationFiled(
    string NotificationNumber,
    NotificationParticulars Particulars,
    RegimeInfo Regime,
    IReadOnlyList<ConcernedAuthority> Authorities,
    DateTimeOffset FiledAt,
    EuFlow? Flow = null,
    RenotificationLink? Renotifies = null,
    PreconsentRecord? Preconsent = null) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => FiledAt;
}

/// <summary>
/// Basel Art. 6(4) (transit: promptly), OECD (import: 3 working days), EU 2024/1157 Art. 8(11)-(12): the
/// authority acknowledged receipt of a complete notification.
/// </summary>
public sealed record NotificationAcknowledged(string State, AuthorityRole Role, DateTimeOffset AcknowledgedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => AcknowledgedAt;
}

/// <summary>
/// EU 2024/1157 Art. 8(12): the destination's authority informed the notifier and the other authorities concerned
/// that the notification is properly completed (every authority concerned satisfied, Art. 8(6), 8(11)). The 30-day
/// decision period of Art. 9(1) runs from this information.
/// </summary>
public sealed record NotificationCompletenessConfirmed(string State, DateTimeOffset ConfirmedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => ConfirmedAt;
}

/// <summary>Basel Art. 6(2), 6(4); EU Art. 8: an authority asked for more information. Its clock pauses.</summary>
public sealed record InformationRequested(string RequestId, string State, string Questions, DateTimeOffset RequestedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => RequestedAt;
}

/// <summary>The state of export answered an information request; the asking authority's clock runs again.</summary>
public sealed record InformationProvided(
    string RequestId, string State, string Answer, IReadOnlyList<string> Attachments, DateTimeOffset AnsweredAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => AnsweredAt;
}

/// <summary>
/// Basel Art. 6(2)-(4), EU Art. 9-10: written consent, with its conditions and validity window, and for the
/// state of import its confirmation that a contract requiring environmentally sound management exists
/// (Art. 6(3)(b)).
/// </summary>
public sealed record ConsentGranted(
    string State,
    AuthorityRole Role,
    IReadOnlyList<string> Conditions,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    bool ContractConfirmed,
    DateTimeOffset DecidedAt,
    bool RequiresFinancialGuarantee = false) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => DecidedAt;
}

/// <summary>Basel Art. 6(2), 6(4); EU Art. 11-12: the authority refused (objected to) the movement, with its reason.</summary>
/// <summary>EU 2024/1157 Art. 12(3): the authority lifted its objection within the decision period; it decides again.</summary>
public sealed record ObjectionLifted(string State, string Reason, DateTimeOffset LiftedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => LiftedAt;
}

/// <summary>
/// EU 2024/1157 Art. 12(4): an objection was not resolved within the 30 days; the notification ceased to be valid.
/// <see cref="State"/>: the objecting authority whose decision period ended (the deadline that fired, so the state that
/// originates the fact between nodes, docs/exchange-origins.md); null on events stored before it was recorded.
/// </summary>
public sealed record NotificationCeasedToBeValid(IReadOnlyList<string> ObjectingStates, DateTimeOffset CeasedAt, string Article, string? State = null) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => CeasedAt;
}

public sealed record ConsentRefused(string State, AuthorityRole Role, string Reason, DateTimeOffset DecidedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => DecidedAt;
}

/// <summary>
/// Basel Art. 6(4), OECD, EU Art. 9(1): a transit state that does not require written consent gave no answer
/// within its period and is deemed to consent.
/// </summary>
public sealed record TransitConsentDeemed(string State, DateTimeOffset DeemedAt, DateOnly? ValidUntil, string Article) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => DeemedAt;
}

/// <summary>OECD Decision C(2001)107 (amber): no objection from the destination within 30 days of acknowledgement.</summary>
public sealed record ConsentDeemed(string State, AuthorityRole Role, DateTimeOffset DeemedAt, DateOnly? ValidUntil, string Article) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => DeemedAt;
}

/// <summary>EU 2024/1157 Art. 9(7)-(8), OECD: the state that consented withdrew its consent; later shipments are refused.</summary>
public sealed record ConsentWithdrawn(string State, string Reason, DateTimeOffset WithdrawnAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => WithdrawnAt;
}

/// <summary>The state of export cancelled the notification; no shipment may follow.</summary>
public sealed record NotificationCancelled(string Reason, DateTimeOffset CancelledAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => CancelledAt;
}

/// <summary>The consent's validity ended (EU Art. 9(4): the earliest validity end set by any authority).</summary>
public sealed record ConsentExpired(DateOnly ValidUntil, DateTimeOffset ExpiredAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => ExpiredAt;
}
