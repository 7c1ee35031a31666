using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.PreconsentedFacilities;

/// <summary>
/// POST /api/preconsented-facilities: the authority of the facility's state enters a pre-consent it issued. Without
/// <see cref="ValidUntil"/> the pre-consent runs 10 years from <see cref="ValidFrom"/> (EU 2024/1157 Art. 14(9)).
/// </summary>
public sealed record RegisterPreconsentedFacility(
    string EntryId,
    string State,
    string FacilityId,
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
    string DecisionReference)
{
    public PreconsentTerms Terms() => new(FacilityId.Trim(), FacilityName.Trim(), RegistrationNumber.Trim(), Address.Trim(), Technology.Trim(),
        Operations.Select(o => o.Trim().ToUpperInvariant()).Distinct().ToArray(), WasteCodes.Select(w => w.Trim().ToUpperInvariant()).Distinct().ToArray(),
        TotalQuantity, Unit, ValidFrom, ValidUntil ?? PreconsentRules.DefaultValidUntil(ValidFrom));
}

/// <summary>The register of pre-consented recovery facilities (EU 2024/1157 Art. 14; OECD C(2001)107, Case 2).</summary>
public static partial class PreconsentRegister
{
    /// <summary>
    /// Registering a pre-consent: only the competent authority with jurisdiction over the facility (Art. 14(1)), for
    /// recovery operations and not for an R13-only facility (Art. 14(1)); an entry is registered once, and changed
    /// afterwards by amendment (Art. 14(11)).
    /// </summary>
    public static Decision Register(PreconsentedFacilityEntry? entry, Actor actor, RegisterPreconsentedFacility c, DateTimeOffset now)
    {
        if (!actor.IsAuthorityOf(c.State)) return Decision.Refuse(NotTheAuthority(c.State, actor));
        if (entry is not null)
        {
            return Decision.Refuse("preconsent-already-registered", "EU 2024/1157 Art. 14(11)",
                $"The register already holds {entry.EntryId}; a change to a pre-consent is an amendment.");
        }

        var terms = c.Terms();
        if (PreconsentRules.CheckOperations(terms) is { } refusal) return Decision.Refuse(refusal);
        return Decision.Accept(new PreconsentedFacilityRegistered(c.EntryId.ToUpperInvariant(), c.State.ToUpperInvariant(), terms, c.DecisionReference.Trim(), now));
    }

    /// <summary>EU 2024/1157 Art. 14(1), (10), (11): the register is kept by the authority that has jurisdiction over the facility.</summary>
    internal static Refusal NotTheAuthority(string state, Actor actor) =>
        new("not-preconsent-authority", "EU 2024/1157 Art. 14(1)",
            $"Only the competent authority of {state}, which has jurisdiction over the facility, keeps its pre-consent; you act for {actor.ActingFor}.",
            RefusalKind.NotPermitted);

    internal static Refusal NotRegistered(string entryId) =>
        new("preconsent-not-registered", "EU 2024/1157 Art. 14(13)", $"The register holds no pre-consent {entryId}.", RefusalKind.NotFound);
}
