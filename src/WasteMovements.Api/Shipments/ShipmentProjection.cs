using JasperFx.Events;
using Marten.Events.Aggregation;
using WasteMovements.Domain;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Shipments;

/// <summary>Inline projection of each shipment's state (the stream key is the shipment id, e.g. DE-2026-000001-003).</summary>
public partial class ShipmentProjection : SingleStreamProjection<ShipmentState, string>
{
    public ShipmentProjection()
    {
        // Only a shipment stream's events: other streams in the same commit cost no document load.
        foreach (var type in StreamEventTypes.Shipment) IncludeType(type);
        // Rebuilds (the daemon) fetch 5,000 events per batch instead of 500: about twice the events per second
        // in docs/benchmarks.md. Inline projection of live appends is not affected.
        Options.BatchSize = 5000;
    }

    public override ShipmentState? Evolve(ShipmentState? snapshot, string id, IEvent e)
    {
        var next = ShipmentEvolution.Evolve(snapshot, e.Data);
        return next is null ? null : next with { Version = e.Version };
    }
}
