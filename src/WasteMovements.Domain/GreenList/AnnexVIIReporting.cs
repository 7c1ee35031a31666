using WasteMovements.Domain.Reports;

namespace WasteMovements.Domain.GreenList;

/// <summary>
/// One line of the annual report's separate section of green-listed waste (and samples) shipped with Annex VII
/// information (EU 2024/1157 Art. 18, 21 and Annex XII): by direction, the other state, the waste code, the recovery
/// operation and whether they were samples (Art. 4(5)), in tonnes received.
/// </summary>
public sealed record AnnexVIIReportLine(TradeDirection Direction, string Counterpart, string WasteCode, string Operation, bool Samples,
    decimal Tonnes, int Shipments, IReadOnlyList<string> Documents);

/// <summary>
/// How an Annex VII document's receipt by the facility counts in a state's report: apart from the notified shipments
/// (Basel Art. 13(3) covers hazardous and other wastes, which green-listed waste is not), in the year of receipt. Pure.
/// </summary>
public static class AnnexVIIReporting
{
    public static AnnualReport Received(AnnualReport report, AnnexVIIDocumentState d, AnnexVIIReceiptConfirmed e)
    {
        if (e.By != AnnexVIIReceiver.Facility) return report;
        var p = d.Particulars;
        var direction = report.State == p.StateOfDispatch ? TradeDirection.Export : TradeDirection.Import;
        var counterpart = direction == TradeDirection.Export ? p.StateOfDestination : p.StateOfDispatch;
        var lines = report.AnnexVII.ToList();
        var index = lines.FindIndex(l => l.Direction == direction && l.Counterpart == counterpart && l.WasteCode == p.WasteCode
                                         && l.Operation == p.Operation && l.Samples == p.Sample);
        if (index < 0) lines.Add(new AnnexVIIReportLine(direction, counterpart, p.WasteCode, p.Operation, p.Sample, e.QuantityReceivedTonnes, 1, [d.Id]));
        else if (!lines[index].Documents.Contains(d.Id))
        {
            var l = lines[index];
            lines[index] = l with { Tonnes = l.Tonnes + e.QuantityReceivedTonnes, Shipments = l.Shipments + 1, Documents = [.. l.Documents, d.Id] };
        }

        return report with
        {
            AnnexVII = lines.OrderBy(l => l.Direction).ThenBy(l => l.Counterpart, StringComparer.Ordinal).ThenBy(l => l.WasteCode, StringComparer.Ordinal).ToArray(),
        };
    }

    /// <summary>The reports a receipt belongs to: the state of dispatch's and the state of destination's, for the year of receipt.</summary>
    public static IEnumerable<string> ReportsFor(AnnexVIIDocumentState d, AnnexVIIReceiptConfirmed e) =>
        e.By != AnnexVIIReceiver.Facility ? [] :
        [
            AnnualReport.Key(d.Particulars.StateOfDispatch, e.ReceivedOn.Year),
            AnnualReport.Key(d.Particulars.StateOfDestination, e.ReceivedOn.Year),
        ];
}
