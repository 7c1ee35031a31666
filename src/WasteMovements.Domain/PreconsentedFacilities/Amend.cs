using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.PreconsentedFacilities;

/// <summary>POST /api/preconsented-facilities/{entryId}/amendments: the pre-consent as updated, and why.</summary>
public sealed record AmendPreconsentedFacility(
    string FacilityName,
    string RegistrationNumber,
    string Address,
    string Technology,
    IReadOnlyList<string> Operations,
    IReadOnlyList<string> WasteCodes,
    decimal TotalQuantity,
    string Unit,
    DateOnly ValidFrom,
    DateOnly? ValidUntil,
    string Reason);

public static partial class PreconsentRegister
{
    /// <summary>
    /// EU 2024/1157 Art. 14(11): the authority assesses a change and updates the pre-consent. The facility stays the
    /// same (a pre-consent is for a facility); a revoked pre-consent is not revived by an amendment (a new request is needed).
    /// </summary>
    public static Decision Amend(PreconsentedFacilityEntry? entry, Actor actor, AmendPreconsentedFacility c, DateTimeOffset now)
    {
        if (entry is null) return Decision.Refuse(NotRegistered("this entry"));
        if (!actor.IsAuthorityOf(entry.State)) return Decision.Refuse(NotTheAuthority(entry.State, actor));
        if (entry.RevokedAt is not null)
        {
            return Decision.Refuse("preconsent-revoked", "EU 2024/1157 Art. 14(10)",
                $"The pre-consent {entry.EntryId} was revoked on {entry.RevokedAt:yyyy-MM-dd}; a facility is pre-consented again only on a new request.");
        }

        var terms = new RegisterPreconsentedFacility(entry.EntryId, entry.State, entry.Terms.FacilityId, c.FacilityName, c.RegistrationNumber, c.Address,
            c.Technology, c.Operations, c.WasteCodes, c.TotalQuantity, c.Unit, c.ValidFrom, c.ValidUntil, entry.DecisionReference).Terms();
        if (PreconsentRules.CheckOperations(terms) is { } refusal) return Decision.Refuse(refusal);
        return Decision.Accept(new PreconsentedFacilityAmended(entry.EntryId, terms, c.Reason.Trim(), now));
    }
}
