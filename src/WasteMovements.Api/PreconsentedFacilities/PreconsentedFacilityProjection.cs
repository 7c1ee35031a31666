using JasperFx.Events;
using Marten.Events.Aggregation;
using WasteMovements.Domain;
using WasteMovements.Domain.PreconsentedFacilities;

namespace WasteMovements.Api.PreconsentedFacilities;

/// <summary>Inline projection of the register of pre-consented facilities: one document per entry (EU 2024/1157 Art. 14).</summary>
public partial class PreconsentedFacilityProjection : SingleStreamProjection<PreconsentedFacilityEntry, string>
{
    public PreconsentedFacilityProjection()
    {
        // Only the register's events: notification and shipment streams cost no document load.
        foreach (var type in StreamEventTypes.PreconsentRegister) IncludeType(type);
    }

    public override PreconsentedFacilityEntry? Evolve(PreconsentedFacilityEntry? snapshot, string id, IEvent e) =>
        PreconsentedFacilityEntry.Evolve(snapshot, e.Data, e.Version);
}
