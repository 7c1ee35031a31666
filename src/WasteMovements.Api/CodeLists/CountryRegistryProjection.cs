using JasperFx.Events;
using Marten.Events.Aggregation;
using WasteMovements.Domain.CodeLists;

namespace WasteMovements.Api.CodeLists;

/// <summary>Inline projection of the registry revisions: the latest revision of each state.</summary>
public partial class CountryRegistryProjection : SingleStreamProjection<CountryRegistryEntry, string>
{
    public override CountryRegistryEntry? Evolve(CountryRegistryEntry? snapshot, string id, IEvent e) => e.Data switch
    {
        CountryProfileRevised r => new CountryRegistryEntry
        {
            Id = id, Profile = r.Profile, Reason = r.Reason, Source = r.Source, RevisedAt = r.RevisedAt, Version = e.Version,
        },
        _ => snapshot,
    };
}
