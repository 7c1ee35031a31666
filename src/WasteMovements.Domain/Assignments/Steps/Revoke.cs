using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Assignments;

/// <summary>POST /api/admin/assignments/{person}/revocations: end the person's current assignment, with the reason.</summary>
public sealed record RevokeAssignment(string Reason);

public static partial class Assigning
{
    /// <summary>
    /// Revoking: by an administrator other than the person, of an assignment in force (revoking what is not assigned
    /// is refused, so the history holds no empty revocations). It takes effect on the person's next request: the
    /// claims transformation reads the record on every request.
    /// </summary>
    public static Decision Revoke(AssignedPerson? person, Actor actor, RevokeAssignment c, DateTimeOffset now)
    {
        if (!actor.IsAdmin) return Decision.Refuse(NotAdministrator(actor));
        if (person is null)
        {
            return Decision.Refuse(new Refusal("not-assigned", SystemRule, "No person with this id has ever been assigned.", RefusalKind.NotFound));
        }

        if (Own(actor, person.Issuer, person.Subject)) return Decision.Refuse(OwnAssignment(person.Name));
        if (person.Current is null)
        {
            return Decision.Refuse("not-assigned", SystemRule,
                $"{person.Name} holds no assignment (the last one was revoked on {person.RevokedAt:yyyy-MM-dd}); there is nothing to revoke.");
        }

        return Decision.Accept(new AssignmentRevoked(person.PersonId, actor.Identity, c.Reason.Trim(), now));
    }
}
