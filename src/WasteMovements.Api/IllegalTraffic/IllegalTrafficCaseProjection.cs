using JasperFx.Events;
using Marten.Events.Aggregation;
using WasteMovements.Domain;
using WasteMovements.Domain.IllegalTraffic;

namespace WasteMovements.Api.IllegalTraffic;

/// <summary>Inline projection of each illegal-traffic case (stream key ILL-DE-2026-000001); also its write model.</summary>
public partial class IllegalTrafficCaseProjection : SingleStreamProjection<IllegalTrafficCase, string>
{
    public IllegalTrafficCaseProjection()
    {
        foreach (var type in StreamEventTypes.IllegalTrafficCase) IncludeType(type);
    }

    public override IllegalTrafficCase? Evolve(IllegalTrafficCase? snapshot, string id, IEvent e)
    {
        var next = IllegalTrafficEvolution.Evolve(snapshot, e.Data);
        return next is null ? null : next with { Version = e.Version };
    }
}
