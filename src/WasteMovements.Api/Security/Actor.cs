using System.Security.Claims;
using WasteMovements.Domain.Common;

namespace WasteMovements.Api.Security;

public static class Roles
{
    public const string Authority = "authority";
    public const string Facility = "facility";
    /// <summary>An undertaking involved in a green-list shipment: the person who arranges it, or the consignee (EU 2024/1157 Art. 18(4)).</summary>
    public const string Undertaking = "undertaking";
    public const string Auditor = "auditor";
    public const string Admin = "admin";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Authority, Facility, Undertaking, Auditor, Admin };
}

public static class ClaimNames
{
    public const string Role = "role";
    public const string Country = "country";
    public const string Facility = "facility";
    public const string Undertaking = "undertaking";
    public const string Subject = "sub";
}

/// <summary>
/// The caller as the token describes them, as the domain's one <see cref="Actor"/>: the person (<c>sub</c>), the
/// role, and the state (authorities) or facility (facilities) they act for, and the token's issuer. A token whose role
/// lacks its state or facility is refused when it is validated (SecuritySetup); a token without a role gets the one
/// of its assignment (AssignmentClaimsTransformation) or acts as Anonymous (every policy needing a role refuses it).
/// </summary>
public static class ActorClaims
{
    public static Actor From(ClaimsPrincipal user) => new(
        user.FindFirst(ClaimNames.Subject)?.Value ?? "anonymous",
        RoleOf(user.FindFirst(ClaimNames.Role)?.Value),
        user.FindFirst(ClaimNames.Country)?.Value?.ToUpperInvariant(),
        user.FindFirst(ClaimNames.Facility)?.Value,
        user.FindFirst(ClaimNames.Undertaking)?.Value,
        AssignmentClaimsTransformation.IssuerOf(user));

    private static ActorRole RoleOf(string? role) => role switch
    {
        Roles.Authority => ActorRole.Authority,
        Roles.Facility => ActorRole.Facility,
        Roles.Undertaking => ActorRole.Undertaking,
        Roles.Auditor => ActorRole.Auditor,
        Roles.Admin => ActorRole.Admin,
        // An unknown role gets no rights (tokens with one are refused at validation anyway).
        _ => ActorRole.Anonymous,
    };
}
