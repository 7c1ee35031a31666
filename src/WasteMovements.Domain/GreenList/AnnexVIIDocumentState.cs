namespace WasteMovements.Domain.GreenList;

public enum AnnexVIIStatus
{
    /// <summary>Filled and signed by the person who arranges the shipment (Art. 18(5)); the facility's receipt is awaited.</summary>
    Filled,
    /// <summary>The recovery facility or laboratory confirmed receipt (Art. 18(8)); for recovery, its certificate is awaited.</summary>
    Received,
    /// <summary>The facility certified that the recovery has been completed (Art. 18(9)).</summary>
    Recovered,
}

public sealed record AnnexVIIReceipt(string SignedBy, DateOnly ReceivedOn, decimal QuantityReceivedTonnes, bool Late, DateTimeOffset ConfirmedAt);

public sealed record AnnexVIIRecovery(string SignedBy, DateOnly CompletedOn, bool Late, DateTimeOffset CertifiedAt);

public sealed record AnnexVIIInspection(string State, string Inspector, DateOnly InspectedOn, string Place, string Finding, DateTimeOffset RecordedAt);

/// <summary>
/// One Annex VII document as it stands (stream key e.g. <c>DE-2026-G000001</c>: the state of dispatch, the year, G for
/// the green-list information and a number of that state's sequence). Immutable: each fact makes a new state.
/// </summary>
public sealed record AnnexVIIDocumentState
{
    public required string Id { get; init; }
    public required AnnexVIIParticulars Particulars { get; init; }
    /// <summary>The undertaking whose person filled and signed the document (the person who arranges the shipment).</summary>
    public required string ArrangerId { get; init; }
    public required string FilledBy { get; init; }
    public required DateTimeOffset FilledAt { get; init; }
    public AnnexVIIStatus Status { get; init; }
    public AnnexVIIReceipt? ConsigneeReceipt { get; init; }
    public AnnexVIIReceipt? FacilityReceipt { get; init; }
    public AnnexVIIRecovery? Recovery { get; init; }
    public IReadOnlyList<AnnexVIIInspection> Inspections { get; init; } = [];
    /// <summary>Art. 18(9): the recovery certificate is due no later than one year after receipt (and 30 days after completion).</summary>
    public DateOnly? RecoveryDueBy { get; init; }
    public long Version { get; init; }

    // Small columns the list queries (duplicated by the projection's schema).
    public string[] StatesConcerned { get; init; } = [];
    public string FacilityId { get; init; } = "";
    public string? ConsigneeId { get; init; }
    public int Year { get; init; }

    public bool Concerns(string state) => StatesConcerned.Contains(state, StringComparer.OrdinalIgnoreCase);

    /// <summary>A recovery certificate is asked for a recovery operation only (Art. 18(9) names the recovery facility).</summary>
    public bool AwaitsRecoveryCertificate => Status == AnnexVIIStatus.Received && Particulars.Operation.StartsWith('R');
}

public static class AnnexVIIEvolution
{
    public static AnnexVIIDocumentState? Evolve(AnnexVIIDocumentState? state, object @event) => @event switch
    {
        AnnexVIIDocumentFilled e => new AnnexVIIDocumentState
        {
            Id = e.DocumentId,
            Particulars = e.Particulars,
            ArrangerId = e.ArrangerId,
            FilledBy = e.SignedBy,
            FilledAt = e.FilledAt,
            Status = AnnexVIIStatus.Filled,
            StatesConcerned = e.Particulars.StatesConcerned.ToArray(),
            FacilityId = e.Particulars.Facility.Id,
            ConsigneeId = e.Particulars.ConsigneeId,
            Year = e.Particulars.ShipmentDate.Year,
        },
        AnnexVIIReceiptConfirmed { By: AnnexVIIReceiver.Consignee } e when state is not null => state with
        {
            ConsigneeReceipt = new AnnexVIIReceipt(e.SignedBy, e.ReceivedOn, e.QuantityReceivedTonnes, e.Late, e.ConfirmedAt),
        },
        AnnexVIIReceiptConfirmed e when state is not null => state with
        {
            FacilityReceipt = new AnnexVIIReceipt(e.SignedBy, e.ReceivedOn, e.QuantityReceivedTonnes, e.Late, e.ConfirmedAt),
            Status = AnnexVIIStatus.Received,
            RecoveryDueBy = state.Particulars.Operation.StartsWith('R') ? e.ReceivedOn.AddYears(1) : null,
        },
        AnnexVIIRecoveryCertified e when state is not null => state with
        {
            Recovery = new AnnexVIIRecovery(e.SignedBy, e.CompletedOn, e.Late, e.CertifiedAt),
            Status = AnnexVIIStatus.Recovered,
            RecoveryDueBy = null,
        },
        AnnexVIIInspectionRecorded e when state is not null => state with
        {
            Inspections = [.. state.Inspections, new AnnexVIIInspection(e.State, e.Inspector, e.InspectedOn, e.Place, e.Finding, e.RecordedAt)],
        },
        _ => state,
    };
}
