namespace WasteMovements.Domain.Reports.PartII;

/// <summary>One row of the Part II table of accidents during the movement or disposal, with the measures taken (Basel Art. 13(3)(f)).</summary>
public sealed record AccidentRow(
    int Year, string ReportingState, TradeDirection Direction, string PartnerState, string ShipmentId, string NotificationNumber, DateOnly Date,
    string Place, string? State, string WhatHappened, string MeasuresTaken, string ReportedBy);

public static class AccidentTable
{
    public static IReadOnlyList<AccidentRow> Of(AnnualReport report) =>
        report.Accidents.Select(a => new AccidentRow(report.Year, report.State, a.Direction, a.Counterpart, a.ShipmentId, a.NotificationNumber,
                DateOnly.FromDateTime(a.HappenedAt.UtcDateTime), a.Place, a.State, a.WhatHappened, a.MeasuresTaken, a.ReportedBy))
            .OrderBy(r => r.Date).ThenBy(r => r.ShipmentId, StringComparer.Ordinal).ToArray();
}
