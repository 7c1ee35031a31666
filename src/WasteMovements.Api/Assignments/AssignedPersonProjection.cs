using JasperFx.Events;
using Marten.Events.Aggregation;
using WasteMovements.Domain;
using WasteMovements.Domain.Assignments;

namespace WasteMovements.Api.Assignments;

/// <summary>Inline projection of the register of assignments: one document per person, keyed by the stream (<c>person:P-...</c>).</summary>
public partial class AssignedPersonProjection : SingleStreamProjection<AssignedPerson, string>
{
    public AssignedPersonProjection()
    {
        foreach (var type in StreamEventTypes.Assignments) IncludeType(type);
    }

    public override AssignedPerson? Evolve(AssignedPerson? snapshot, string id, IEvent e) => AssignedPerson.Evolve(snapshot, e.Data, e.Version);
}
