using JasperFx.Events;
using JasperFx.Events.Grouping;
using Marten;
using Marten.Events.Aggregation;
using Marten.Events.Projections;
using WasteMovements.Domain.IllegalTraffic;
using WasteMovements.Domain.GreenList;
using WasteMovements.Domain.Reports;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Reports;

/// <summary>
/// Async multi-stream projection (run by the Marten async daemon in the API): each shipment fact goes to
/// the report of the state of export and of the state of import for the year it happened.
/// </summary>
public partial class AnnualReportProjection : MultiStreamProjection<AnnualReport, string>
{
    public AnnualReportProjection()
    {
        CustomGrouping(new ShipmentFactGrouper());
        IncludeType<ShipmentReceived>();
        IncludeType<ShipmentReturned>();
        IncludeType<IllegalTrafficFound>();
        // Basel Art. 8, 13(3)(b)(iii): the alternative arrangement for a disposal that did not proceed as intended.
        IncludeType<AlternativeArrangementMade>();
        // Basel Art. 13(3)(f): accidents during the movement or disposal.
        IncludeType<AccidentDuringMovementReported>();
        // Illegal-traffic cases of their own (Basel Art. 9(1)(a)): found, then attributed.
        IncludeType<IllegalTrafficCaseOpened>();
        IncludeType<ResponsibilityAttributed>();
        // EU 2024/1157 Art. 18: the facility's receipt of an Annex VII document, counted in its own section.
        IncludeType<AnnexVIIReceiptConfirmed>();
    }

    public override async ValueTask<AnnualReport?> EvolveAsync(AnnualReport? snapshot, string id, IQuerySession session, IEvent e, CancellationToken cancellation)
    {
        if (e.Data is IllegalTrafficCaseOpened or ResponsibilityAttributed)
        {
            var keys = id.Split(':');
            var r = snapshot ?? AnnualReport.Empty(keys[0], int.Parse(keys[1]));
            return e.Data switch
            {
                IllegalTrafficCaseOpened o => AnnualReporting.CaseOpened(r, o),
                ResponsibilityAttributed a => AnnualReporting.CaseAttributed(r, a),
                _ => r,
            } with { Version = e.Sequence };
        }

        if (e.Data is AnnexVIIReceiptConfirmed received)
        {
            var document = await session.LoadAsync<AnnexVIIDocumentState>(received.DocumentId, cancellation);
            if (document is null) return snapshot;
            var key = id.Split(':');
            return AnnexVIIReporting.Received(snapshot ?? AnnualReport.Empty(key[0], int.Parse(key[1])), document, received) with { Version = e.Sequence };
        }

        var shipmentId = e.Data switch
        {
            ShipmentReceived r => r.ShipmentId,
            ShipmentReturned r => r.ShipmentId,
            IllegalTrafficFound f => f.ShipmentId,
            AlternativeArrangementMade a => a.ShipmentId,
            AccidentDuringMovementReported a => a.ShipmentId,
            _ => null,
        };
        if (shipmentId is null) return snapshot;
        var shipment = await session.LoadAsync<ShipmentState>(shipmentId, cancellation);
        if (shipment is null) return snapshot;

        var parts = id.Split(':');
        var report = snapshot ?? AnnualReport.Empty(parts[0], int.Parse(parts[1]));
        return e.Data switch
        {
            ShipmentReceived r => AnnualReporting.Received(report, shipment, r),
            ShipmentReturned r => AnnualReporting.Returned(report, shipment, r),
            IllegalTrafficFound f => AnnualReporting.Illegal(report, shipment, f),
            AlternativeArrangementMade a => AnnualReporting.AlternativeArranged(report, shipment, a),
            AccidentDuringMovementReported a => AnnualReporting.Accident(report, shipment, a),
            _ => report,
        } with { Version = e.Sequence };
    }

    /// <summary>Looks the shipments up once per batch to find their states of export and import.</summary>
    private sealed class ShipmentFactGrouper : IAggregateGrouper<string>
    {
        public async Task Group(IQuerySession session, IReadOnlyList<IEvent> events, IEventGrouping<string> grouping)
        {
            foreach (var e in events)
            {
                if (e.Data is IllegalTrafficCaseOpened o)
                {
                    grouping.AddEvent(AnnualReport.Key(o.StateOfExport, o.FoundAt.UtcDateTime.Year), e);
                    grouping.AddEvent(AnnualReport.Key(o.StateOfImport, o.FoundAt.UtcDateTime.Year), e);
                }
            }

            var attributions = events.Where(e => e.Data is ResponsibilityAttributed).ToList();
            if (attributions.Count > 0)
            {
                var caseIds = attributions.Select(e => ((ResponsibilityAttributed)e.Data).CaseId).Distinct().ToArray();
                var cases = (await session.LoadManyAsync<IllegalTrafficCase>(caseIds)).ToDictionary(c => c.Id);
                foreach (var e in attributions)
                {
                    if (!cases.TryGetValue(((ResponsibilityAttributed)e.Data).CaseId, out var c)) continue;
                    foreach (var key in AnnualReporting.ReportsFor(c)) grouping.AddEvent(key, e);
                }
            }

            var receipts = events.Where(e => e.Data is AnnexVIIReceiptConfirmed).ToList();
            if (receipts.Count > 0)
            {
                var documentIds = receipts.Select(e => ((AnnexVIIReceiptConfirmed)e.Data).DocumentId).Distinct().ToArray();
                var documents = (await session.LoadManyAsync<AnnexVIIDocumentState>(documentIds)).ToDictionary(d => d.Id);
                foreach (var e in receipts)
                {
                    var r = (AnnexVIIReceiptConfirmed)e.Data;
                    if (!documents.TryGetValue(r.DocumentId, out var document)) continue;
                    foreach (var key in AnnexVIIReporting.ReportsFor(document, r)) grouping.AddEvent(key, e);
                }
            }

            var facts = events.Select(e => (Event: e, Shipment: e.Data switch
            {
                ShipmentReceived r => r.ShipmentId,
                ShipmentReturned r => r.ShipmentId,
                IllegalTrafficFound f => f.ShipmentId,
                AlternativeArrangementMade a => a.ShipmentId,
                AccidentDuringMovementReported a => a.ShipmentId,
                _ => null,
            })).Where(x => x.Shipment is not null).ToList();
            if (facts.Count == 0) return;

            var ids = facts.Select(f => f.Shipment!).Distinct().ToArray();
            var shipments = (await session.LoadManyAsync<ShipmentState>(ids)).ToDictionary(s => s.Id);
            foreach (var (e, id) in facts)
            {
                if (!shipments.TryGetValue(id!, out var shipment)) continue;
                var at = e.Data switch
                {
                    ShipmentReceived r => r.ReceivedAt,
                    ShipmentReturned r => r.ReturnedAt,
                    IllegalTrafficFound f => f.FoundAt,
                    AlternativeArrangementMade a => a.At,
                    // Dated by when it happened, not when it was reported (Art. 13(3)(f): the accidents of the year).
                    AccidentDuringMovementReported a => a.HappenedAt,
                    _ => e.Timestamp,
                };
                foreach (var key in AnnualReporting.ReportsFor(shipment, at, receipt: e.Data is ShipmentReceived)) grouping.AddEvent(key, e);
            }
        }
    }
}
