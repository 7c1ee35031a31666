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
/// edit does not change an old file.
/// </summary>
public sealed record ConcernedAuthority(string State, AuthorityRole Role, bool AcceptsTacitConsent);

/// <summary>
/// Basel Art. 6(1): the competent authority of the state of export filed the notification and transmitted
/// it to the authorities of the states of import and transit.
/// </summary>
public sealed record NotificationFiled(
    string NotificationNumber,
    NotificationParticulars Particulars,
    RegimeInfo Regime,
    IReadOnlyList<ConcernedAuthority> Authorities,
    DateTimeOffset FiledAt);
