using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.Shipments;

public enum ShipmentStatus
{
    Announced,
    InTransit,
    Received,
    Rejected,
    CannotBeCompleted,
    InterimCompleted,
    Completed,
    Returned,
}

public sealed record Custody(string Carrier, string SignedBy, DateTimeOffset At);

public sealed record Crossing(string State, string CustomsOffice, CrossingDirection Direction, DateTimeOffset At);

public sealed record Receipt(string FacilityId, DateTimeOffset ReceivedAt, decimal Quantity, string Unit, bool Discrepancy, decimal DifferencePercent,
    bool ConfirmedLate, bool AfterConsentValidity, DateTimeOffset ConfirmedAt);

/// <summary>
/// A certificate of disposal or recovery: the interim facility's own (EU Art. 15(4)), or the final one, which after an
/// interim operation names the subsequent facility that issued it and when the waste was delivered there (Art. 15(5)).
/// </summary>
public sealed record Certificate(string Operation, bool Interim, DateTimeOffset CompletedAt, string Reference, bool CertifiedLate, DateTimeOffset CertifiedAt,
    string? SubsequentFacilityId = null, DateTimeOffset? DeliveredAt = null, string? OnwardNotification = null);

/// <summary>A take-back obligation: why, since when, by when (Basel Art. 8: 90 days; Art. 9(2): 30 days), and whether met.
/// <see cref="InformedAt"/>: when the state of export was informed (the clock's start); <see cref="AgreedDays"/>: another period the states agreed.</summary>
public sealed record TakeBack(string Reason, string Basis, DateTimeOffset InformedAt, DateTimeOffset DueAt, decimal Quantity, DateTimeOffset? CompletedAt, string? AlternativeFacility,
    int? AgreedDays = null, bool SecretariatInformed = false, string? InformedBy = null);

public sealed record IllegalTrafficFinding(string FoundBy, string Cause, string Details, bool ExporterAtFault, DateTimeOffset FoundAt);

/// <summary>An accident during the movement or disposal (Basel Art. 13(1), 13(3)(f)), as a state concerned reported it.</summary>
public sealed record Accident(string ReportedBy, DateTimeOffset HappenedAt, string Place, string? State, string WhatHappened, string MeasuresTaken, DateTimeOffset ReportedAt);

/// <summary>A deadline of the shipment: pending until its step is done; overdue once it passed without it.</summary>
public sealed record ShipmentDeadline(ShipmentDeadlineKind Kind, DateTimeOffset DueAt, string Basis, bool Overdue);

/// <summary>The state of one shipment, rebuilt from its stream (inline projection; also the write model).</summary>
public sealed record ShipmentState
{
    public required string Id { get; init; }
    public long Version { get; init; }
    public required string NotificationNumber { get; init; }
    public required int ShipmentNumber { get; init; }
    public required ShipmentStatus Status { get; init; }
    public required MovementDocument Document { get; init; }
    public required DateTimeOffset AnnouncedAt { get; init; }

    /// <summary>The facility that must receive the waste: the notified one, or the alternative arranged under Art. 8.</summary>
    public required string FacilityId { get; init; }
    public required string StateOfExport { get; init; }
    public DateTimeOffset? DepartedAt { get; init; }
    public IReadOnlyList<Custody> Custody { get; init; } = [];
    public IReadOnlyList<Crossing> Crossings { get; init; } = [];
    public Receipt? Receipt { get; init; }
    public string? RejectionReason { get; init; }
    public decimal RejectedQuantity { get; init; }
    public IReadOnlyList<TakeBack> TakeBacks { get; init; } = [];
    public IReadOnlyList<Certificate> Certificates { get; init; } = [];
    public IReadOnlyList<IllegalTrafficFinding> IllegalTraffic { get; init; } = [];
    public IReadOnlyList<Accident> Accidents { get; init; } = [];
    public IReadOnlyList<ShipmentDeadline> Deadlines { get; init; } = [];
    public DateTimeOffset LastChangedAt { get; init; }

    public TakeBack? PendingTakeBack => TakeBacks.LastOrDefault(t => t.CompletedAt is null);
    public bool IsConcluded => Status is ShipmentStatus.Completed or ShipmentStatus.Returned;
    public bool HasDiscrepancy => Receipt is { Discrepancy: true };
}

public static class ShipmentEvolution
{
    public static ShipmentState? Evolve(ShipmentState? s, object @event)
    {
        if (@event is MovementDocumentIssued issued)
        {
            return new ShipmentState
            {
                Id = issued.ShipmentId,
                NotificationNumber = issued.Document.NotificationNumber,
                ShipmentNumber = issued.Document.ShipmentNumber,
                Status = ShipmentStatus.Announced,
                Document = issued.Document,
                AnnouncedAt = issued.IssuedAt,
                FacilityId = issued.Document.Facility.Id,
                StateOfExport = issued.Document.StateOfExport,
                LastChangedAt = issued.IssuedAt,
            };
        }

        if (s is null) return null;
        var next = @event switch
        {
            ShipmentDeparted e => s with
            {
                Status = ShipmentStatus.InTransit,
                DepartedAt = e.DepartedAt,
                Custody = [.. s.Custody, new Custody(e.Carrier, e.SignedBy, e.DepartedAt)],
                Deadlines = [.. s.Deadlines, new ShipmentDeadline(ShipmentDeadlineKind.Receipt, e.DepartedAt + ShipmentRules.ReceiptExpectedWithin, ShipmentRules.ReceiptBasis, false)],
            },
            BorderCrossed e => s with { Crossings = [.. s.Crossings, new Crossing(e.State, e.CustomsOffice, e.Direction, e.At)] },
            CarrierHandedOver e => s with { Custody = [.. s.Custody, new Custody(e.ToCarrier, e.SignedBy, e.At)] },
            ShipmentReceived e => s with
            {
                Status = ShipmentStatus.Received,
                Receipt = new Receipt(e.FacilityId, e.ReceivedAt, e.Quantity, e.Unit, e.Discrepancy, e.DifferencePercent, e.ConfirmedLate, e.AfterConsentValidity, e.ConfirmedAt),
                Deadlines = Done(s.Deadlines, ShipmentDeadlineKind.Receipt)
                    .Concat(ShipmentRules.CertificateDue(s.Document.Regime, e.ReceivedAt) is { } due
                        ? [new ShipmentDeadline(ShipmentDeadlineKind.Certificate, due, ShipmentRules.CertificateBasis(s.Document.Regime), false)]
                        : []).ToArray(),
            },
            ShipmentRejected e => s with
            {
                Status = e.Full ? ShipmentStatus.Rejected : s.Status,
                RejectionReason = e.Reason,
                RejectedQuantity = s.RejectedQuantity + e.RejectedQuantity,
                TakeBacks = [.. s.TakeBacks, new TakeBack(e.Reason, ShipmentRules.TakeBackBasis, e.RejectedAt, e.TakeBackDue, e.RejectedQuantity, null, null)],
                Deadlines = [.. (e.Full ? Done(Done(s.Deadlines, ShipmentDeadlineKind.Receipt), ShipmentDeadlineKind.Certificate) : s.Deadlines),
                    new ShipmentDeadline(ShipmentDeadlineKind.TakeBack, e.TakeBackDue, ShipmentRules.TakeBackBasis, false)],
            },
            MovementCannotBeCompleted e => s with
            {
                Status = ShipmentStatus.CannotBeCompleted,
                TakeBacks = [.. s.TakeBacks, new TakeBack(e.Reason, ShipmentRules.TakeBackBasis, e.InformedAt, e.TakeBackDue, s.Receipt?.Quantity ?? s.Document.Quantity, null, null)],
                Deadlines = [.. Done(Done(s.Deadlines, ShipmentDeadlineKind.Receipt), ShipmentDeadlineKind.Certificate),
                    new ShipmentDeadline(ShipmentDeadlineKind.TakeBack, e.TakeBackDue, ShipmentRules.TakeBackBasis, false)],
            },
            AlternativeArrangementMade e => s with
            {
                Status = ShipmentStatus.InTransit,
                FacilityId = e.Facility.Id,
                Receipt = null,
                TakeBacks = s.TakeBacks.Select(t => t.CompletedAt is null ? t with { CompletedAt = e.At, AlternativeFacility = e.Facility.Id } : t).ToArray(),
                Deadlines = Done(s.Deadlines, ShipmentDeadlineKind.TakeBack)
                    .Append(new ShipmentDeadline(ShipmentDeadlineKind.Receipt, e.At + ShipmentRules.ReceiptExpectedWithin, ShipmentRules.ReceiptBasis, false)).ToArray(),
            },
            ShipmentReturned e => s with
            {
                Status = s.Status is ShipmentStatus.Rejected or ShipmentStatus.CannotBeCompleted || s.Receipt is null ? ShipmentStatus.Returned : s.Status,
                TakeBacks = s.TakeBacks.Select(t => t.CompletedAt is null ? t with { CompletedAt = e.ReturnedAt } : t).ToArray(),
                Deadlines = Done(s.Deadlines, ShipmentDeadlineKind.TakeBack),
            },
            ShipmentCompleted e => s with
            {
                Status = e.Interim ? ShipmentStatus.InterimCompleted : ShipmentStatus.Completed,
                Certificates = [.. s.Certificates, new Certificate(e.Operation, e.Interim, e.CompletedAt, e.CertificateReference, e.CertifiedLate, e.CertifiedAt,
                    e.SubsequentFacilityId, e.DeliveredAt, e.OnwardNotification)],
                // The interim certificate meets the one year after receipt (EU Art. 15(4)); the final certificate's year runs
                // from the delivery to the subsequent facility (Art. 15(5)), which only that certificate states.
                Deadlines = Done(s.Deadlines, ShipmentDeadlineKind.Certificate),
            },
            IllegalTrafficFound e => s with
            {
                IllegalTraffic = [.. s.IllegalTraffic, new IllegalTrafficFinding(e.FoundBy, e.Cause, e.Details, e.ExporterAtFault, e.FoundAt)],
                TakeBacks = e.TakeBackDue is { } due
                    ? [.. s.TakeBacks, new TakeBack("Illegal traffic: " + e.Cause, ShipmentRules.IllegalTakeBackBasis, e.FoundAt, due, s.Receipt?.Quantity ?? s.Document.Quantity, null, null)]
                    : s.TakeBacks,
                Deadlines = e.TakeBackDue is { } d
                    ? [.. s.Deadlines, new ShipmentDeadline(ShipmentDeadlineKind.TakeBack, d, ShipmentRules.IllegalTakeBackBasis, false)]
                    : s.Deadlines,
            },
            AccidentDuringMovementReported e => s with
            {
                Accidents = [.. s.Accidents, new Accident(e.ReportedBy, e.HappenedAt, e.Place, e.State, e.WhatHappened, e.MeasuresTaken, e.ReportedAt)],
            },
            TakeBackInformationRecorded e => Rescheduled(s with
            {
                TakeBacks = s.TakeBacks.Select(t => t.CompletedAt is null ? t with { InformedAt = e.InformedAt, DueAt = e.TakeBackDue, SecretariatInformed = e.SecretariatInformed, InformedBy = e.InformedBy } : t).ToArray(),
            }, e.TakeBackDue),
            TakeBackPeriodAgreed e => Rescheduled(s with
            {
                TakeBacks = s.TakeBacks.Select(t => t.CompletedAt is null ? t with { DueAt = e.TakeBackDue, AgreedDays = e.Days } : t).ToArray(),
            }, e.TakeBackDue),
            ShipmentDeadlinePassed e => s with
            {
                Deadlines = s.Deadlines.Select(d => d.Kind == e.Kind && d.DueAt == e.DueAt ? d with { Overdue = true } : d).ToArray(),
            },
            _ => null,
        };
        // The procedure's time of the fact, never the time the database recorded it (docs/architecture.md).
        return next is null ? s : @event is IProcedureFact fact ? next with { LastChangedAt = fact.OccurredAt } : next;
    }

    /// <summary>The take-back deadline moves to its new date (from the information, or the agreed period), overdue or not.</summary>
    private static ShipmentState Rescheduled(ShipmentState s, DateTimeOffset due) => s with
    {
        Deadlines = [.. Done(s.Deadlines, ShipmentDeadlineKind.TakeBack), new ShipmentDeadline(ShipmentDeadlineKind.TakeBack, due, s.PendingTakeBack?.Basis ?? ShipmentRules.TakeBackBasis, false)],
    };

    /// <summary>Drops the pending deadlines of a kind once its step is done.</summary>
    private static IReadOnlyList<ShipmentDeadline> Done(IReadOnlyList<ShipmentDeadline> deadlines, ShipmentDeadlineKind kind) =>
        deadlines.Where(d => d.Kind != kind).ToArray();
}
