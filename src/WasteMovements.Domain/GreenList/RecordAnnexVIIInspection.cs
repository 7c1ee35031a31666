using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.GreenList;

/// <summary>An inspection of the shipment by an authority of a state concerned: when, where, and what it found.</summary>
public sealed record RecordAnnexVIIInspection(DateOnly InspectedOn, string Place, string Finding);

public static partial class GreenListProcedure
{
    /// <summary>
    /// Art. 18(4), (12) make the Annex VII information available to the competent authorities concerned and the
    /// authorities involved in inspections; an inspection (Art. 3(27)) is recorded on the document by the authority of a
    /// state the document concerns, never by another state's.
    /// </summary>
    public static Decision RecordInspection(AnnexVIIDocumentState d, Actor actor, RecordAnnexVIIInspection command, DateTimeOffset now)
    {
        if (!actor.IsAuthority || !d.Concerns(actor.State))
        {
            return Decision.Forbid("not-concerned", "EU 2024/1157 Art. 18(4)",
                $"{d.Id} concerns {string.Join(", ", d.StatesConcerned)}; you act for {actor.ActingFor}.");
        }

        if (command.InspectedOn > DateOnly.FromDateTime(now.UtcDateTime))
        {
            return Decision.Refuse("annex-vii-inspection-date", "EU 2024/1157 Art. 3(27)",
                $"An inspection on {command.InspectedOn:yyyy-MM-dd} has not taken place yet.");
        }

        return Decision.Accept(new AnnexVIIInspectionRecorded(d.Id, actor.State, actor.Person, command.InspectedOn, command.Place.Trim(), command.Finding.Trim(), now));
    }
}
