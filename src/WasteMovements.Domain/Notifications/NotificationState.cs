namespace WasteMovements.Domain.Notifications;

public enum NotificationStatus
{
    Filed,
    Acknowledged,
    AwaitingInformation,
    Consented,
    PartiallyConsented,
    Refused,
    Withdrawn,
    Cancelled,
    Expired,
    Closed,
}

public enum AuthorityStatus
{
    /// <summary>The notification was transmitted to this authority and awaits its acknowledgement.</summary>
    Received,
    Acknowledged,
    InformationRequested,
    Consented,
    TacitlyConsented,
    Refused,
    Withdrawn,
}

/// <summary>One state concerned and where its own part of the procedure stands.</summary>
public sealed record AuthorityState(
    string State,
    AuthorityRole Role,
    AuthorityStatus Status,
    bool AcceptsTacitConsent,
    DateTimeOffset ReceivedAt);

/// <summary>
/// The current state of one notification, rebuilt from its events. It is both the write model the
/// decision functions read and the document the inline projection stores for GET /api/notifications/{number}.
/// It is never mutated: each event gives a new value.
/// </summary>
public sealed record NotificationState
{
    /// <summary>The notification number, which is also the event stream key.</summary>
    public required string Id { get; init; }

    /// <summary>The stream version this state reflects.</summary>
    public long Version { get; init; }

    public required NotificationStatus Status { get; init; }
    public required RegimeInfo Regime { get; init; }
    public required NotificationParticulars Particulars { get; init; }
    public required IReadOnlyList<AuthorityState> Authorities { get; init; }
    public required DateTimeOffset FiledAt { get; init; }
    public DateTimeOffset LastChangedAt { get; init; }

    public string StateOfExport => Particulars.StateOfExport;
    public string StateOfImport => Particulars.StateOfImport;

    /// <summary>True when <paramref name="country"/> is the state of export, import or a transit state.</summary>
    public bool Concerns(string country) =>
        string.Equals(StateOfExport, country, StringComparison.OrdinalIgnoreCase)
        || Authorities.Any(a => string.Equals(a.State, country, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The evolve function: state + event -> state. Pure, used by the projection and by replays.</summary>
public static class NotificationEvolution
{
    public static NotificationState Create(NotificationFiled e) => new()
    {
        Id = e.NotificationNumber,
        Status = NotificationStatus.Filed,
        Regime = e.Regime,
        Particulars = e.Particulars,
        Authorities = e.Authorities
            .Where(a => a.Role != AuthorityRole.Export)
            .Select(a => new AuthorityState(a.State, a.Role, AuthorityStatus.Received, a.AcceptsTacitConsent, e.FiledAt))
            .ToArray(),
        FiledAt = e.FiledAt,
        LastChangedAt = e.FiledAt,
    };

    /// <summary>Applies one event. Unknown events leave the state unchanged.</summary>
    public static NotificationState? Evolve(NotificationState? state, object @event) => @event switch
    {
        NotificationFiled filed => Create(filed),
        _ => state,
    };
}
