namespace WasteMovements.Domain.Reports.PartII;

/// <summary>
/// One row of the Part II table of disposals that did not proceed as intended (Basel Art. 13(3)(b)(iii)): the
/// shipment, why, and the arrangement made instead: the take-back into the state of export (Art. 8, 9(2)) or an
/// alternative facility (Art. 8), on <see cref="Date"/>, with the quantity in tonnes (or in m3 when no density was
/// declared: <see cref="Unit"/>).
/// </summary>
public sealed record NotAsIntendedRow(
    int Year, string ReportingState, TradeDirection Direction, string PartnerState, string ShipmentId, string? NotificationNumber, string? WasteCode,
    decimal Quantity, string Unit, string? Reason, string Arrangement, string? AlternativeFacility, DateOnly Date);

public static class NotAsIntendedTable
{
    public static IReadOnlyList<NotAsIntendedRow> Of(AnnualReport report) =>
        report.TakeBacks.Select(t => new NotAsIntendedRow(report.Year, report.State, t.Direction, t.Counterpart, t.ShipmentId, t.NotificationNumber, t.WasteCode,
                t.Quantity, t.Unit ?? Common.Units.Tonnes, t.Reason, t.Arrangement, t.AlternativeFacility, DateOnly.FromDateTime(t.ReturnedAt.UtcDateTime)))
            .OrderBy(r => r.Date).ThenBy(r => r.ShipmentId, StringComparer.Ordinal).ToArray();
}
