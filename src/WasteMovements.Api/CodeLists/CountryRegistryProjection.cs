using JasperFx.Events;
using Marten.Events.Aggregation;
using WasteMovements.Domain;
using WasteMovements.Domain.CodeLists;

namespace WasteMovements.Api.CodeLists;

/// <summary>Inline projection of the registry revisions: the latest revision of each state.</summary>
public partial class CountryRegistryProjection : SingleStreamProjection<CountryRegistryEntry, string>
{
    public CountryRegistryProjection()
    {
        // Only registry revisions: notification and shipment streams cost no document load.
        foreach (var type in StreamEventTypes.CountryRegistry) IncludeType(type);
    }

    public override CountryRegistryEntry? Evolve(CountryRegistryEntry? snapshot, string id, IEvent e) => e.Data switch
    {
        CountryProfileRevised r => new CountryRegistryEntry
        {
            Id = id, Profile = r.Profile, Reason = r.Reason, Source = r.Source, RevisedAt = r.RevisedAt, Version = e.Version,
        },
        _ => snapshot,
    };
}
