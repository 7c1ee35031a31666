using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Domain.Assignments;

namespace WasteMovements.Api.Security;

/// <summary>
/// Gives a signed-in person whose token carries no <c>role</c> (a provider with <c>People: Assignments</c>, whose
/// free-form role claims are removed at validation; or a development token minted without one) the role and the
/// state, facility or undertaking of their current assignment, read by issuer and subject from the register of
/// assignments on every request, so that a revocation takes effect on the next request (docs/decisions/0018-assignments.md).
/// A bootstrap administrator of <c>Auth:Administrators</c> becomes an administrator. A person with neither stays
/// without a role: every route that needs one answers 403 <c>no-assignment</c> (<see cref="NoAssignment"/>).
/// A token that carries a role (development tokens, providers with <c>People: ClaimMapping</c>) is left as it is.
/// </summary>
public sealed class AssignmentClaimsTransformation(IDocumentStore store, BootstrapAdministrators administrators) : IClaimsTransformation
{
    /// <summary>The authentication type of the identity this transformation adds (a token cannot forge it).</summary>
    public const string IdentityType = "wastemovements-assignment";

    /// <summary>Where the caller's rights come from, on the added identity: <c>assignment</c> or <c>configuration</c>.</summary>
    public const string RightsFromClaim = "rights_from";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return principal;
        if (principal.HasClaim(c => c.Type == ClaimNames.Role)) return principal;
        if (principal.Identities.Any(i => i.AuthenticationType == IdentityType)) return principal;
        if (IssuerOf(principal) is not { } issuer || principal.FindFirst(ClaimNames.Subject)?.Value is not { Length: > 0 } subject) return principal;

        // Without a role, a token's own country, facility or undertaking claims mean nothing: only the assignment's count
        // (otherwise a token's "country" would come first beside the assignment's state).
        var stripped = new ClaimsPrincipal(principal.Identities.Select(i =>
            new ClaimsIdentity(i.Claims.Where(c => !Scoped.Contains(c.Type)), i.AuthenticationType, i.NameClaimType, i.RoleClaimType)));
        var claims = new List<Claim>();
        if (administrators.Contains(issuer, subject))
        {
            claims.Add(new Claim(ClaimNames.Role, Roles.Admin));
            claims.Add(new Claim(RightsFromClaim, "configuration"));
        }
        else
        {
            await using var session = store.QuerySession();
            if (await session.LoadAsync<AssignedPerson>(Persons.StreamKeyOf(issuer, subject)) is not { Current: { } assignment }) return stripped;
            claims.AddRange(ClaimsOf(assignment));
            claims.Add(new Claim(RightsFromClaim, "assignment"));
        }

        stripped.AddIdentity(new ClaimsIdentity(claims, IdentityType, ClaimNames.Subject, ClaimNames.Role));
        return stripped;
    }

    private static readonly HashSet<string> Scoped = [ClaimNames.Country, ClaimNames.Facility, ClaimNames.Undertaking];

    /// <summary>The token's issuer: the <c>iss</c> claim (kept as named, MapInboundClaims is off), else the issuer of its <c>sub</c>.</summary>
    public static string? IssuerOf(ClaimsPrincipal user) =>
        user.FindFirst("iss")?.Value is { Length: > 0 } iss ? iss : user.FindFirst(ClaimNames.Subject)?.Issuer is { Length: > 0 } fromSub && fromSub != ClaimsIdentity.DefaultIssuer ? fromSub : null;

    private static IEnumerable<Claim> ClaimsOf(Assignment a)
    {
        yield return new Claim(ClaimNames.Role, a.Role switch
        {
            AssignedRole.Authority => Roles.Authority,
            AssignedRole.Facility => Roles.Facility,
            AssignedRole.Undertaking => Roles.Undertaking,
            AssignedRole.Auditor => Roles.Auditor,
            _ => Roles.Admin,
        });
        if (a.State is { } state) yield return new Claim(ClaimNames.Country, state);
        if (a.Facility is { } facility) yield return new Claim(ClaimNames.Facility, facility);
        if (a.Undertaking is { } undertaking) yield return new Claim(ClaimNames.Undertaking, undertaking);
    }
}

/// <summary>The 403 of a signed-in person without a role: no assignment, no rights (rule <c>no-assignment</c>).</summary>
public static class NoAssignment
{
    /// <summary>The problem for <paramref name="user"/> if they are signed in and hold no role; null otherwise.</summary>
    public static ProblemDetails? Problem(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.HasClaim(c => c.Type == ClaimNames.Role)) return null;
        var person = Persons.Name(AssignmentClaimsTransformation.IssuerOf(user) ?? "?", user.FindFirst(ClaimNames.Subject)?.Value ?? "?");
        var problem = Problems.Create(StatusCodes.Status403Forbidden, "no-assignment", "No assignment",
            $"Person {person} has no assignment; ask your administrator to assign you (GET /api/me shows your person id).");
        problem.Extensions["rule"] = "no-assignment";
        problem.Extensions["article"] = Assigning.SystemRule;
        problem.Extensions["person"] = person;
        return problem;
    }
}
