using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Shipments;

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

/// <summary>A consent as given (in writing or tacitly), with the conditions that travel with every shipment.</summary>
public sealed record ConsentTerms(
    IReadOnlyList<string> Conditions,
    DateOnly? ValidFrom,
    DateOnly? ValidUntil,
    bool ContractConfirmed,
    bool Tacit,
    DateTimeOffset DecidedAt,
    bool RequiresFinancialGuarantee = false);

/// <summary>A shipment reserved under the notification, and how it ended.</summary>
public sealed record AnnouncedShipment(string ShipmentId, int ShipmentNumber, decimal Quantity, DateOnly PlannedDeparture, ShipmentOutcome? Outcome);

/// <summary>The insurance, bond or guarantee of the movement and where its approval stands.</summary>
public sealed record FinancialGuarantee(
    GuaranteeKind Kind, string Provider, string Reference, decimal Amount, string Currency, string Coverage, DateOnly ValidUntil,
    DateTimeOffset RecordedAt, IReadOnlyList<string> ApprovedBy, DateTimeOffset? ReleasedAt);

/// <summary>An information request of one authority and, once given, the answer of the state of export.</summary>
public sealed record InformationRequest(
    string RequestId,
    string State,
    string Questions,
    DateTimeOffset RequestedAt,
    string? Answer,
    IReadOnlyList<string> Attachments,
    DateTimeOffset? AnsweredAt);

/// <summary>One state concerned and where its own part of the procedure stands.</summary>
public sealed record AuthorityState(
    string State,
    AuthorityRole Role,
    AuthorityStatus Status,
    bool AcceptsTacitConsent,
    DateTimeOffset ReceivedAt)
{
    /// <summary>Whether this authority's consent is needed before a shipment (EU: dispatch too).</summary>
    public bool MustConsent { get; init; } = true;

    /// <summary>The authority's state as the EU flow rules read it (recorded at filing; null on older files).</summary>
    public AuthorityProfile? Profile { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public ConsentTerms? Consent { get; init; }
    public string? RefusalReason { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? WithdrawalReason { get; init; }
    public DateTimeOffset? WithdrawnAt { get; init; }
    public Deadline? AcknowledgementDeadline { get; init; }
    public Deadline? DecisionDeadline { get; init; }

    public bool HasDecided => Status is AuthorityStatus.Consented or AuthorityStatus.TacitlyConsented
        or AuthorityStatus.Refused or AuthorityStatus.Withdrawn;

    public bool HasConsented => Status is AuthorityStatus.Consented or AuthorityStatus.TacitlyConsented;
}

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

    /// <summary>
    /// EU files: which part of Reg. 2024/1157 applies (intra-Union, export, import, transit through the Union); null
    /// for Basel and OECD files. Older EU files have none recorded and read as <see cref="EuFlow.IntraUnion"/>.
    /// </summary>
    public EuFlow? Flow { get; init; }
    public required NotificationParticulars Particulars { get; init; }

    /// <summary>Every authority concerned but the state of export's unless it must consent (EU dispatch).</summary>
    public required IReadOnlyList<AuthorityState> Authorities { get; init; }

    /// <summary>
    /// The states with a step pending in their inbox (acknowledge, decide, answer): the inbox reads only these
    /// files instead of every open file of the state.
    /// </summary>
    public IReadOnlyList<string> PendingFor => PendingSteps.Select(i => i.State).Distinct().ToArray();

    /// <summary>
    /// Every state's pending steps, recorded without the time-dependent overdue flag (<see cref="Inbox.AsOf"/>
    /// sets it): the inbox reads this small part of each document instead of the whole file.
    /// </summary>
    public IReadOnlyList<InboxItem> PendingSteps { get; init; } = [];

    /// <summary>Export, import and transit states: indexed for "the caller's notifications" queries.</summary>
    public required IReadOnlyList<string> StatesConcerned { get; init; }

    public IReadOnlyList<InformationRequest> InformationRequests { get; init; } = [];
    public required DateTimeOffset FiledAt { get; init; }
    public DateTimeOffset LastChangedAt { get; init; }

    /// <summary>The window in which every consent is valid: latest start, earliest end (EU Art. 9(4)).</summary>
    public DateOnly? ConsentValidFrom { get; init; }
    public DateOnly? ConsentValidUntil { get; init; }

    /// <summary>All conditions attached to the consents, prefixed with the state that set them.</summary>
    public IReadOnlyList<string> Conditions { get; init; } = [];

    /// <summary>Shipments reserved so far (numbers 1..N), with their quantities and outcomes.</summary>
    public IReadOnlyList<AnnouncedShipment> Shipments { get; init; } = [];
    public decimal QuantityAnnounced => Shipments.Sum(s => s.Quantity);
    public int ShipmentsRemaining => Particulars.IntendedShipments - Shipments.Count;
    public decimal QuantityRemaining => Particulars.TotalQuantity - QuantityAnnounced;

    /// <summary>Basel Art. 6(11): the states that required insurance or a guarantee with their consent.</summary>
    public IReadOnlyList<string> GuaranteeRequiredBy { get; init; } = [];
    public FinancialGuarantee? Guarantee { get; init; }

    /// <summary>Shipments received in a quantity differing from the announced one beyond the tolerance.</summary>
    public IReadOnlyList<ShipmentDiscrepancyFlagged> Discrepancies { get; init; } = [];

    public DateTimeOffset? ClosedAt { get; init; }
    public string? ClosureReason { get; init; }

    public string? CancellationReason { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public DateTimeOffset? ExpiredAt { get; init; }

    public string StateOfExport => Particulars.StateOfExport;
    public string StateOfImport => Particulars.StateOfImport;

    /// <summary>Cancelled, expired, closed, refused or withdrawn: no step of the consent procedure may follow.</summary>
    public bool IsTerminal => Status is NotificationStatus.Cancelled or NotificationStatus.Expired or NotificationStatus.Closed
        or NotificationStatus.Refused or NotificationStatus.Withdrawn;

    /// <summary>True when <paramref name="country"/> is the state of export, import or a transit state.</summary>
    public bool Concerns(string country) => StatesConcerned.Contains(country, StringComparer.OrdinalIgnoreCase);

    public AuthorityState? AuthorityOf(string country) =>
        Authorities.FirstOrDefault(a => string.Equals(a.State, country, StringComparison.OrdinalIgnoreCase));

    /// <summary>How long the authority's clock stood still for its answered information requests.</summary>
    public TimeSpan PausedFor(string state) =>
        InformationRequests.Where(r => r.State == state && r.AnsweredAt is not null)
            .Aggregate(TimeSpan.Zero, (sum, r) => sum + (r.AnsweredAt!.Value - r.RequestedAt));

    /// <summary>Every required consent is in force (written or tacit) and import confirmed the contract (Art. 6(3)).</summary>
    public bool AllConsentsGiven =>
        Authorities.Where(a => a.MustConsent).All(a => a.HasConsented)
        && Authorities.Where(a => a.Role == AuthorityRole.Import).All(a => a.Consent is { ContractConfirmed: true } or { Tacit: true });

    /// <summary>The instant the consent expires: the end of the earliest validity day.</summary>
    public DateTimeOffset? ConsentExpiresAt => ConsentValidUntil is { } until
        ? new DateTimeOffset(until.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
        : null;
}
