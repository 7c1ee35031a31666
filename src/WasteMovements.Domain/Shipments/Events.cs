using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.Shipments;

// ---- On the notification stream -------------------------------------------------------------------

/// <summary>
/// Prior information of a shipment (Annex V B; EU 2024/1157 Art. 16(2)): reserves the shipment number and
/// its quantity against the notification, so that concurrent announcements cannot exceed its caps.
/// </summary>
public sealed record ShipmentAnnounced(
    string NotificationNumber, string ShipmentId, int ShipmentNumber, decimal Quantity, string Unit, DateOnly PlannedDeparture, DateTimeOffset AnnouncedAt,
    int? ParticularsVersion = null) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => AnnouncedAt;
}

public enum ShipmentOutcome
{
    Completed,
    Returned,
}

/// <summary>A shipment under the notification reached its end (final certificate, or take-back completed).</summary>
public sealed record ShipmentConcluded(string NotificationNumber, string ShipmentId, ShipmentOutcome Outcome, DateTimeOffset ConcludedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => ConcludedAt;
}

/// <summary>A shipment was received in a quantity differing from the announced one beyond the tolerance.</summary>
public sealed record ShipmentDiscrepancyFlagged(
    string NotificationNumber, string ShipmentId, decimal Announced, decimal Received, decimal DifferencePercent, DateTimeOffset FlaggedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => FlaggedAt;
}

/// <summary>Every announced shipment is concluded and no more may follow: the notification is closed.</summary>
public sealed record NotificationClosed(string NotificationNumber, string Reason, DateTimeOffset ClosedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => ClosedAt;
}

public enum GuaranteeKind
{
    Insurance,
    Bond,
    Guarantee,
}

/// <summary>
/// What a guarantee declares it covers (EU 2024/1157 Art. 7(1), 7(4)): the cost of transport, of the recovery or
/// disposal (interim operations included) and of storage for 90 days, each with the amount set aside for it, for the
/// cases of take-back (Art. 22) and of illegal shipment (Art. 25).
/// </summary>
public sealed record GuaranteeCover(bool Transport, bool Treatment, bool StorageNinetyDays, decimal? TransportAmount = null, decimal? TreatmentAmount = null, decimal? StorageAmount = null)
{
    /// <summary>The items the Regulation asks for that this cover lacks.</summary>
    public IReadOnlyList<string> Missing() =>
        [.. Transport ? [] : new[] { "transport" }, .. Treatment ? [] : new[] { "recovery or disposal" }, .. StorageNinetyDays ? [] : new[] { "storage for 90 days" }];
}

/// <summary>Basel Art. 6(11), EU 2024/1157 Art. 7: the insurance, bond or guarantee covering the movement.</summary>
public sealed record FinancialGuaranteeRecorded(
    GuaranteeKind Kind, string Provider, string Reference, decimal Amount, string Currency, string Coverage, DateOnly ValidUntil, DateTimeOffset RecordedAt,
    GuaranteeCover? Cover = null, int? FirstShipment = null, int? LastShipment = null) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => RecordedAt;
}

/// <summary>The authority that requires the guarantee approved it (EU: the competent authority of dispatch, Art. 7(1)).</summary>
public sealed record FinancialGuaranteeApproved(string State, DateTimeOffset ApprovedAt, string? Reference = null) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => ApprovedAt;
}

/// <summary>EU 2024/1157 Art. 7(5), 7(9): released once the completion certificate of every shipment it covers has arrived.</summary>
public sealed record FinancialGuaranteeReleased(string State, DateTimeOffset ReleasedAt, string? Reference = null) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => ReleasedAt;
}

// ---- On the shipment stream -----------------------------------------------------------------------

/// <summary>
/// The movement document (Basel Annex V B): what travels with the waste, as issued at announcement. <c>Flow</c>: the
/// notification's EU flow (periods of the facility differ in OECD flows, EU 2024/1157 Art. 44(2)(i), 53(2)(e)); null on
/// documents issued before it was recorded and for Basel and OECD files.
/// </summary>
public sealed record MovementDocument(
    string NotificationNumber,
    int ShipmentNumber,
    int IntendedShipments,
    NotificationKind NotificationKind,
    RegimeInfo Regime,
    Party Exporter,
    IReadOnlyList<Generator> Generators,
    Party Consignee,
    Facility Facility,
    IReadOnlyList<Carrier> Carriers,
    string StateOfExport,
    string StateOfImport,
    IReadOnlyList<TransitRoute> TransitStates,
    IReadOnlyList<string> MeansOfTransport,
    WasteDescription Waste,
    string Operation,
    string? SubsequentOperation,
    decimal Quantity,
    string Unit,
    string Packaging,
    int Packages,
    DateOnly PlannedDeparture,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<string> ConsentsBy,
    DateOnly? ConsentValidUntil,
    EuFlow? Flow = null,
    // The version of the notified particulars the document was issued from (EU 2024/1157 Art. 17); null before versions: 1.
    int? ParticularsVersion = null);

public sealed record MovementDocumentIssued(string ShipmentId, MovementDocument Document, DateTimeOffset IssuedAt) : IProcedureFact, IShipmentFact
{
    DateTimeOffset IProcedureFact.OccurredAt => IssuedAt;
}

/// <summary>Annex V B item 6: the movement started; the first carrier takes charge and signs.</summary>
public sealed record ShipmentDeparted(string NotificationNumber, string ShipmentId, DateTimeOffset DepartedAt, string Carrier, string SignedBy) : IProcedureFact, IShipmentFact
{
    DateTimeOffset IProcedureFact.OccurredAt => DepartedAt;
}

public enum CrossingDirection
{
    Exit,
    Entry,
}

/// <summary>The shipment crossed a border: the state crossed records the customs office, exit or entry.</summary>
public sealed record BorderCrossed(string NotificationNumber, string ShipmentId, string State, string CustomsOffice, CrossingDirection Direction, DateTimeOffset At) : IProcedureFact, IShipmentFact
{
    DateTimeOffset IProcedureFact.OccurredAt => At;
}

/// <summary>
/// Basel Art. 6(9): each person who takes charge of the movement signs the document. <see cref="RecordedBy"/>: the state
/// concerned whose authority recorded the hand-over (any state concerned may; it originates the fact between nodes,
/// docs/exchange-origins.md); null on events stored before it was recorded.
/// </summary>
public sealed record CarrierHandedOver(string NotificationNumber, string ShipmentId, string FromCarrier, string ToCarrier, string SignedBy, DateTimeOffset At,
    string? RecordedBy = null) : IProcedureFact, IShipmentFact
{
    DateTimeOffset IProcedureFact.OccurredAt => At;
}

/// <summary>
/// Basel Art. 6(9), Annex V B item 14; EU Art. 16(5): the facility confirmed receipt and the quantity received.
/// <see cref="Discrepancy"/> is set when it differs from the announced quantity beyond the tolerance.
/// </summary>
public sealed record ShipmentReceived(
    string NotificationNumber, string ShipmentId, string FacilityId, DateTimeOffset ReceivedAt, decimal Quantity, string Unit,
    bool Discrepancy, decimal DifferencePercent, bool ConfirmedLate, bool AfterConsentValidity, DateTimeOffset ConfirmedAt) : IProcedureFact, IShipmentFact
{
    DateTimeOffset IProcedureFact.OccurredAt => ConfirmedAt;
}

/// <summary>The facility rejected all or part of the shipment: Basel Art. 8 take-back clock of 90 days starts.</summary>
public sealed record ShipmentRejected(
    string NotificationNumber, string ShipmentId, string FacilityId, string Reason, decimal RejectedQuantity, bool Full, DateTimeOffset RejectedAt, DateTimeOffset TakeBackDue) : IProcedureFact, IShipmentFact
{
    DateTimeOffset IProcedureFact.OccurredAt => RejectedAt;
}

/// <summary>Basel Art. 8: the movement cannot be completed as the contract says; the state of import informed the state of export.</summary>
public sealed record MovementCannotBeCompleted(string NotificationNumber, string ShipmentId, string InformedBy, string Reason, DateTimeOffset InformedAt, DateTimeOffset TakeBackDue) : IProcedureFact, IShipmentFact
{
    DateTimeOffset IProcedureFact.OccurredAt => InformedAt;
}

/// <summary>Basel Art. 8: instead of take-back, an alternative environmentally sound arrangement (another facility).</summary>
public sealed record AlternativeArrangementMade(string NotificationNumber, string ShipmentId, Facility Facility, string Details, DateTimeOffset At) : IProcedureFact, IShipmentFact
{
    DateTimeOffset IProcedureFact.OccurredAt => At;
}

/// <summary>Basel Art. 8, 9(2): the waste was taken back into the state of export.</summary>
public sealed record ShipmentReturned(string NotificationNumber, string ShipmentId, DateTimeOffset ReturnedAt) : IProcedureFact, IShipmentFact
{
    DateTimeOffset IProcedureFact.OccurredAt => ReturnedAt;
}

/// <summary>
/// Annex V B item 14; EU Art. 15(4), 16(6): the certificate of disposal or recovery, with the operation
/// actually performed. An interim operation (D13-D15, R12, R13) is followed by a final certificate.
/// </summary>
public sealed record ShipmentCompleted(
    string NotificationNumber, string ShipmentId, string Operation, bool Interim, DateTimeOffset CompletedAt, string CertificateReference,
    bool CertifiedLate, DateTimeOffset CertifiedAt, string? SubsequentFacilityId = null, DateTimeOffset? DeliveredAt = null,
    string? OnwardNotification = null) : IProcedureFact, IShipmentFact
{
    DateTimeOffset IProcedureFact.OccurredAt => CertifiedAt;
}

/// <summary>Basel Art. 9: illegal traffic found, with its cause; where the exporter is at fault a 30-day take-back clock starts.</summary>
public sealed record IllegalTrafficFound(
    string NotificationNumber, string ShipmentId, string FoundBy, string Cause, string Details, bool ExporterAtFault, DateTimeOffset FoundAt, DateTimeOffset? TakeBackDue) : IProcedureFact, IShipmentFact
{
    DateTimeOffset IProcedureFact.OccurredAt => FoundAt;
}

/// <summary>
/// Basel Art. 8, 9(2); EU 2024/1157 Art. 22(2): the date the state of export was informed of the take-back (for Art. 8,
/// by the state of import, and whether the Secretariat was informed too): the take-back period runs from it.
/// </summary>
public sealed record TakeBackInformationRecorded(
    string NotificationNumber, string ShipmentId, string InformedBy, DateTimeOffset InformedAt, bool SecretariatInformed, DateTimeOffset TakeBackDue, DateTimeOffset RecordedAt) : IProcedureFact, IShipmentFact
{
    DateTimeOffset IProcedureFact.OccurredAt => RecordedAt;
}

/// <summary>Basel Art. 8, 9(2); EU 2024/1157 Art. 22(2), 25: the states concerned agreed another take-back period, counted from the information.</summary>
public sealed record TakeBackPeriodAgreed(
    string NotificationNumber, string ShipmentId, string RecordedBy, IReadOnlyList<string> AgreedBy, int Days, string Details, DateTimeOffset TakeBackDue, DateTimeOffset AgreedAt) : IProcedureFact, IShipmentFact
{
    DateTimeOffset IProcedureFact.OccurredAt => AgreedAt;
}

public enum ShipmentDeadlineKind
{
    /// <summary>No receipt some time after departure: Basel Art. 6(9), the export authority must tell the state of import.</summary>
    Receipt,
    /// <summary>No certificate within one year of receipt: OECD; EU Art. 9(6), 16(6).</summary>
    Certificate,
    /// <summary>Take-back not done in time: Basel Art. 8 (90 days), Art. 9(2) (30 days).</summary>
    TakeBack,
}

/// <summary>A shipment deadline passed without the step: the item is overdue in the inboxes.</summary>
public sealed record ShipmentDeadlinePassed(string NotificationNumber, string ShipmentId, ShipmentDeadlineKind Kind, DateTimeOffset DueAt, string Basis, DateTimeOffset At) : IProcedureFact, IShipmentFact
{
    DateTimeOffset IProcedureFact.OccurredAt => At;
}

/// <summary>
/// Basel Art. 13(1), 13(3)(f): an accident occurred during the movement or the disposal of the waste; a state concerned
/// reported when and where it happened, what happened and the measures taken. <see cref="State"/>: where it happened
/// (null at sea or unknown).
/// </summary>
public sealed record AccidentDuringMovementReported(
    string NotificationNumber, string ShipmentId, string ReportedBy, DateTimeOffset HappenedAt, string Place, string? State, string WhatHappened,
    string MeasuresTaken, DateTimeOffset ReportedAt) : IProcedureFact, IShipmentFact
{
    DateTimeOffset IProcedureFact.OccurredAt => ReportedAt;
}
