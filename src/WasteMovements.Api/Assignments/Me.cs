using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Assignments;

namespace WasteMovements.Api.Assignments;

/// <summary>
/// Who the caller is: the identity provider's issuer and subject, the person id the register of assignments knows
/// them by, the rights this request has (role and what they act for), where those come from (<c>token</c>: the
/// token's own claims; <c>assignment</c>; <c>configuration</c>: a bootstrap administrator; <c>none</c>) and the
/// current assignment as recorded.
/// </summary>
public sealed record Me(
    string? Issuer,
    string Subject,
    string? Name,
    string? PersonId,
    string? Role,
    string? State,
    string? Facility,
    string? Undertaking,
    string RightsFrom,
    Assignment? Assignment);

public static class MeEndpoint
{
    /// <summary>GET /api/me: open to anyone signed in, with or without an assignment (a person without one learns their id here).</summary>
    [WolverineGet("/api/me", Name = "GetMe")]
    [Authorize(Policy = Policies.Person)]
    public static async Task<Me> Get(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var issuer = AssignmentClaimsTransformation.IssuerOf(user);
        var subject = user.FindFirst(ClaimNames.Subject)!.Value;
        var record = issuer is null ? null : await session.LoadAsync<AssignedPerson>(Persons.StreamKeyOf(issuer, subject), ct);
        var role = user.FindFirst(ClaimNames.Role)?.Value;
        var rightsFrom = user.FindFirst(AssignmentClaimsTransformation.RightsFromClaim) is { } from
                         && from.Subject?.AuthenticationType == AssignmentClaimsTransformation.IdentityType
            ? from.Value
            : role is null ? "none" : "token";
        return new Me(issuer, subject, user.FindFirst("name")?.Value ?? record?.DisplayName, issuer is null ? null : Persons.Id(issuer, subject),
            role, user.FindFirst(ClaimNames.Country)?.Value, user.FindFirst(ClaimNames.Facility)?.Value, user.FindFirst(ClaimNames.Undertaking)?.Value,
            rightsFrom, record?.Current);
    }
}
