using JasperFx.Events;
using Marten.Events.Aggregation;
using WasteMovements.Domain;
using WasteMovements.Domain.GreenList;

namespace WasteMovements.Api.GreenList;

/// <summary>Inline projection of each Annex VII document (stream key e.g. DE-2026-G000001; EU 2024/1157 Art. 18).</summary>
public partial class AnnexVIIProjection : SingleStreamProjection<AnnexVIIDocumentState, string>
{
    public AnnexVIIProjection()
    {
        foreach (var type in StreamEventTypes.AnnexVII) IncludeType(type);
    }

    public override AnnexVIIDocumentState? Evolve(AnnexVIIDocumentState? snapshot, string id, IEvent e)
    {
        var next = AnnexVIIEvolution.Evolve(snapshot, e.Data);
        return next is null ? null : next with { Version = e.Version };
    }
}
