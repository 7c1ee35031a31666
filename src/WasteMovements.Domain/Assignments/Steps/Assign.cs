using System.Text.RegularExpressions;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Assignments;

/// <summary>
/// POST /api/admin/assignments: assign the person the identity provider names by <see cref="Issuer"/> and
/// <see cref="Subject"/> to act in <see cref="Role"/> for a state (authority), a facility or an undertaking, on the
/// basis recorded in <see cref="Reference"/> (the designation letter, decision or ticket).
/// </summary>
public sealed record AssignPerson(
    string Issuer,
    string Subject,
    string? DisplayName,
    AssignedRole Role,
    string? State,
    string? Facility,
    string? Undertaking,
    string Reference);

/// <summary>The register of assignments: who acts for which competent authority, facility or undertaking (docs/law.md 6b).</summary>
public static partial class Assigning
{
    /// <summary>The basis of the rules the system sets itself (not a rule of the Convention or the Regulation).</summary>
    public const string SystemRule = "WasteMovements assignment rules (docs/law.md 6b)";

    /// <summary>Basel Art. 5(1): each Party designates its competent authorities; an officer acts for one state's authority.</summary>
    public const string DesignationArticle = "Basel Art. 5(1)";

    /// <summary>
    /// The step with the registry it checks a state against: an authority assignment names a state the country registry
    /// holds (Basel Art. 5(1)); a facility or undertaking assignment names an id of the form the filings use; the
    /// role names exactly the target it needs; a person holds one assignment at a time (revoke it first); an
    /// administrator does not assign themselves (every assignment is made by a second person).
    /// </summary>
    public static Step<AssignedPerson?, AssignPerson> Assign(CountryRegistry registry) =>
        (person, actor, command, now) => Assign(person, actor, command, now, registry);

    public static Decision Assign(AssignedPerson? person, Actor actor, AssignPerson c, DateTimeOffset now, CountryRegistry registry)
    {
        if (!actor.IsAdmin) return Decision.Refuse(NotAdministrator(actor));
        var issuer = c.Issuer.Trim();
        var subject = c.Subject.Trim();
        var id = Persons.Id(issuer, subject);
        if (person is not null && (person.Issuer != issuer || person.Subject != subject))
        {
            // 96 bits of SHA-256: not expected to happen; refused rather than merging two people.
            throw new InvalidOperationException($"Stream {person.Id} holds {person.Name}, not {Persons.Name(issuer, subject)}.");
        }

        if (Own(actor, issuer, subject)) return Decision.Refuse(OwnAssignment(Persons.Name(issuer, subject)));
        if (Target(c) is { } mismatch) return Decision.Refuse(mismatch);

        var state = c.State?.Trim().ToUpperInvariant();
        if (c.Role == AssignedRole.Authority && registry.Find(state) is null)
        {
            return Decision.Refuse("assignment-state-unknown", DesignationArticle,
                $"The country registry holds no state {state}: an officer is assigned to the competent authority of a state the registry knows.");
        }

        var facility = c.Facility?.Trim();
        var undertaking = c.Undertaking?.Trim();
        foreach (var (what, value) in new[] { ("facility", facility), ("undertaking", undertaking) })
        {
            if (value is not null && !PartyId().IsMatch(value))
            {
                return Decision.Refuse("assignment-party-id-invalid", SystemRule,
                    $"'{value}' is not a {what} id: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (the form filings name a {what} by).");
            }
        }

        if (person?.Current is { } current)
        {
            return Decision.Refuse("already-assigned", SystemRule,
                $"{person.Name} is assigned as {current.ActingFor} since {current.AssignedAt:yyyy-MM-dd}; a person holds one assignment at a time: revoke it first.");
        }

        return Decision.Accept(new PersonAssigned(id, issuer, subject, Blank(c.DisplayName), c.Role,
            c.Role == AssignedRole.Authority ? state : null, facility, undertaking, actor.Identity, c.Reference.Trim(), now));
    }

    /// <summary>The role names exactly the target it acts for: an authority a state, a facility its id, an undertaking its id; auditors and administrators none.</summary>
    private static Refusal? Target(AssignPerson c)
    {
        var (state, facility, undertaking) = (Blank(c.State) is not null, Blank(c.Facility) is not null, Blank(c.Undertaking) is not null);
        var (named, needs) = c.Role switch
        {
            AssignedRole.Authority => (state && !facility && !undertaking, "the state it acts for"),
            AssignedRole.Facility => (facility && !state && !undertaking, "the facility it acts for"),
            AssignedRole.Undertaking => (undertaking && !state && !facility, "the undertaking it acts for"),
            _ => (!state && !facility && !undertaking, "no state, facility or undertaking"),
        };
        return named ? null : new Refusal("assignment-target-mismatch", SystemRule,
            $"An assignment as {c.Role.ToString().ToLowerInvariant()} names {needs}, and nothing else (state, facility, undertaking).");
    }

    private static bool Own(Actor actor, string issuer, string subject) =>
        string.Equals(actor.Person, subject, StringComparison.Ordinal) && (actor.Issuer is null || string.Equals(actor.Issuer, issuer, StringComparison.Ordinal));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    internal static Refusal NotAdministrator(Actor actor) =>
        new("not-an-administrator", SystemRule, $"Only an administrator assigns people and revokes assignments; you act as {actor.ActingFor}.", RefusalKind.NotPermitted);

    internal static Refusal OwnAssignment(string person) =>
        new("own-assignment", SystemRule, $"You are {person}: an administrator does not assign or revoke themselves; ask another administrator.", RefusalKind.NotPermitted);

    /// <summary>The form filings name a facility or undertaking by (Notifications/FileNotificationValidator).</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PartyId();
}
