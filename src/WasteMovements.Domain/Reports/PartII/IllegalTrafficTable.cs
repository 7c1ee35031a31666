namespace WasteMovements.Domain.Reports.PartII;

/// <summary>
/// One row of the Part II table of illegal traffic cases (Basel Art. 9, 13(3)): the case (or the shipment it was found
/// on), the cause of Art. 9(1), whom the states held responsible (<c>exporter</c>, <c>importer</c>, <c>undetermined</c>;
/// empty while not attributed) and the date it was found.
/// </summary>
public sealed record IllegalTrafficRow(
    int Year, string ReportingState, TradeDirection Direction, string PartnerState, string Reference, string? ShipmentId, string Cause, string? Responsible, DateOnly Date);

public static class IllegalTrafficTable
{
    public static IReadOnlyList<IllegalTrafficRow> Of(AnnualReport report) =>
        report.IllegalTraffic.Select(i => new IllegalTrafficRow(report.Year, report.State, i.Direction, i.Counterpart, i.CaseId ?? i.ShipmentId,
                i.CaseId is null ? i.ShipmentId : null, i.Cause, i.Responsible ?? (i.ExporterAtFault ? "exporter" : null), DateOnly.FromDateTime(i.FoundAt.UtcDateTime)))
            .OrderBy(r => r.Date).ThenBy(r => r.Reference, StringComparer.Ordinal).ToArray();
}
