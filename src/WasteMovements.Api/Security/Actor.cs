using System.Security.Claims;

namespace WasteMovements.Api.Security;

public static class Roles
{
    public const string Authority = "authority";
    public const string Facility = "facility";
    public const string Auditor = "auditor";
    public const string Admin = "admin";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Authority, Facility, Auditor, Admin };
}

public static class ClaimNames
{
    public const string Role = "role";
    public const string Country = "country";
    public const string Facility = "facility";
    public const string Subject = "sub";
}

/// <summary>
/// The caller as the token describes them: the person (<c>sub</c>), their role, and the state
/// (authorities) or facility (facilities) they act for.
/// </summary>
public sealed record Actor(string Person, string Role, string? Country, string? Facility)
{
    public static Actor From(ClaimsPrincipal user) => new(
        user.FindFirst(ClaimNames.Subject)?.Value ?? "anonymous",
        user.FindFirst(ClaimNames.Role)?.Value ?? "",
        user.FindFirst(ClaimNames.Country)?.Value?.ToUpperInvariant(),
        user.FindFirst(ClaimNames.Facility)?.Value);

    public bool IsAuthority => Role == Roles.Authority && Country is not null;
    public bool IsFacility => Role == Roles.Facility && Facility is not null;
    public bool IsAuditor => Role == Roles.Auditor;
    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>What is recorded as the acting authority or facility in event metadata.</summary>
    public string ActingFor => Role switch
    {
        Roles.Authority => $"authority:{Country}",
        Roles.Facility => $"facility:{Facility}",
        _ => Role,
    };
}
