using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.GreenList;

/// <summary>
/// What an Annex VII document asks of its facility (EU 2024/1157 Art. 18(8)-(9)). No consent follows an Annex VII
/// document, so it asks nothing of the authorities.
/// </summary>
public static class AnnexVIIInbox
{
    public const string ConfirmReceipt = "confirm-receipt";
    public const string CertifyRecovery = "certify-recovery";

    /// <summary>Art. 18(8)-(9): the facility's receipt (within two working days of receipt), then its recovery certificate.</summary>
    public static string? NextStep(AnnexVIIDocumentState d) =>
        d.Status == AnnexVIIStatus.Filled ? "facility confirms receipt within 2 working days of receipt (Art. 18(8))"
        : d.AwaitsRecoveryCertificate ? $"facility certifies recovery by {d.RecoveryDueBy:yyyy-MM-dd} at the latest (Art. 18(9))"
        : null;

    /// <summary>
    /// The facility's pending step on <paramref name="d"/>: confirming receipt once the shipment date has come (the
    /// two working days run from the receipt, which only the facility knows, so no day is given), then certifying
    /// recovery by the end of the day one year after receipt (Art. 18(9)).
    /// </summary>
    public static IEnumerable<InboxItem> ForFacility(AnnexVIIDocumentState d, string facilityId, DateTimeOffset now)
    {
        if (d.FacilityId != facilityId) yield break;
        var what = $"Annex VII document {d.Id}: {d.Particulars.QuantityTonnes} t {d.Particulars.WasteCode} {d.Particulars.Description}";
        if (d.Status == AnnexVIIStatus.Filled && DateOnly.FromDateTime(now.UtcDateTime) >= d.Particulars.ShipmentDate)
        {
            yield return new InboxItem(d.Id, ConfirmReceipt, facilityId, AuthorityRole.Import, null,
                "within 2 working days of receipt (EU 2024/1157 Art. 18(8))", false, false, null, "Confirm receipt of " + what);
        }
        else if (d is { AwaitsRecoveryCertificate: true, RecoveryDueBy: { } by })
        {
            var due = new DateTimeOffset(by.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
            yield return new InboxItem(d.Id, CertifyRecovery, facilityId, AuthorityRole.Import, due,
                "within 30 days of completing the recovery, at most one year after receipt (EU 2024/1157 Art. 18(9))", due < now, false, null,
                "Certify recovery of " + what);
        }
    }
}
