using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.PreconsentedFacilities;

/// <summary>POST /api/preconsented-facilities/{entryId}/revocation: the duly reasoned revocation (Art. 14(10)).</summary>
public sealed record RevokePreconsent(string Reason);

public static partial class PreconsentRegister
{
    /// <summary>
    /// EU 2024/1157 Art. 14(10): the authority may revoke a pre-consent at any time, with reasons. From the day of the
    /// revocation no filing may claim it; notifications filed before keep what they recorded.
    /// </summary>
    public static Decision Revoke(PreconsentedFacilityEntry? entry, Actor actor, RevokePreconsent c, DateTimeOffset now)
    {
        if (entry is null) return Decision.Refuse(NotRegistered("this entry"));
        if (!actor.IsAuthorityOf(entry.State)) return Decision.Refuse(NotTheAuthority(entry.State, actor));
        if (entry.RevokedAt is not null)
        {
            return Decision.Refuse("preconsent-revoked", "EU 2024/1157 Art. 14(10)",
                $"The pre-consent {entry.EntryId} was already revoked on {entry.RevokedAt:yyyy-MM-dd}.");
        }

        return Decision.Accept(new PreconsentRevoked(entry.EntryId, c.Reason.Trim(), now));
    }
}
