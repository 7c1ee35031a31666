namespace WasteMovements.Domain.GreenList;

/// <summary>
/// The person who arranges the shipment filled in and signed the Annex VII document (EU 2024/1157 Art. 18(4)-(5)):
/// the general information requirements for green-listed waste destined for recovery (Art. 4(4)) and for samples
/// destined for laboratory analysis or experimental treatment trials (Art. 4(5)). No consent follows: the document
/// is information to the competent authorities concerned, not a request.
/// </summary>
public sealed record AnnexVIIDocumentFilled(string DocumentId, AnnexVIIParticulars Particulars, string ArrangerId, string SignedBy, DateTimeOffset FilledAt) : IProcedureFact
{
    public DateTimeOffset OccurredAt => FilledAt;
}

/// <summary>
/// The consignee signed upon receipt of the waste (Annex VII box 13 [K: form layout of 1013/2006 Annex VII]), or the
/// recovery facility or laboratory confirmed receipt with the quantity received (Art. 18(8); box 14 [K]).
/// </summary>
public sealed record AnnexVIIReceiptConfirmed(string DocumentId, AnnexVIIReceiver By, string SignedBy, DateOnly ReceivedOn,
    decimal QuantityReceivedTonnes, bool Late, DateTimeOffset ConfirmedAt) : IProcedureFact
{
    public DateTimeOffset OccurredAt => ConfirmedAt;
}

/// <summary>The recovery facility certified that the recovery has been completed (Art. 18(9)).</summary>
public sealed record AnnexVIIRecoveryCertified(string DocumentId, string SignedBy, DateOnly CompletedOn, bool Late, DateTimeOffset CertifiedAt) : IProcedureFact
{
    public DateTimeOffset OccurredAt => CertifiedAt;
}

/// <summary>
/// An authority involved in inspections recorded an inspection of the shipment (Art. 3(27), the information being
/// available to it under Art. 18(4) and (12)).
/// </summary>
public sealed record AnnexVIIInspectionRecorded(string DocumentId, string State, string Inspector, DateOnly InspectedOn, string Place,
    string Finding, DateTimeOffset RecordedAt) : IProcedureFact
{
    public DateTimeOffset OccurredAt => RecordedAt;
}

/// <summary>Who signs a receipt: the consignee (box 13) or the recovery facility / laboratory (Art. 18(8), box 14).</summary>
public enum AnnexVIIReceiver
{
    Consignee,
    Facility,
}
