using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.CodeLists;

/// <summary>PUT /api/countries/{code}: the new entry, and why (reason) and on what authority (source).</summary>
public sealed record ReviseCountryProfile(CountryProfile Profile, string Reason, string Source);

public static class RegistryRevision
{
    /// <summary>
    /// An administrator revises a state's registry entry, citing its source: a fact of the registry without a
    /// source is not used as a rule. Filed notifications keep what they recorded at filing.
    /// </summary>
    public static Decision Revise(CountryRegistryEntry? entry, Actor actor, ReviseCountryProfile command, DateTimeOffset now)
    {
        if (!actor.IsAdmin)
        {
            return Decision.Forbid("not-an-administrator", "Country registry administration (docs/operations.md)", "Only an administrator revises the country registry.");
        }

        var profile = command.Profile with { Code = command.Profile.Code.ToUpperInvariant() };
        return Decision.Accept(new CountryProfileRevised(profile.Code, profile, command.Reason.Trim(), command.Source.Trim(), now));
    }
}
