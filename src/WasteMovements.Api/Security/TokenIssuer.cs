using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WasteMovements.Api.Security;

/// <summary>
/// Issues tokens signed with the configured key (development tokens, tests, the demo UI). Token times are
/// wall-clock times, checked by the JWT handler against the system clock, not the procedure's TimeProvider.
/// </summary>
public sealed class TokenIssuer(JwtSettings settings)
{
    public string Issue(string role, string subject, string? country = null, string? facility = null, TimeSpan? lifetime = null, string? undertaking = null)
    {
        var claims = new List<Claim> { new(ClaimNames.Subject, subject), new(ClaimNames.Role, role) };
        return Issue(claims, country, facility, undertaking, lifetime);
    }

    /// <summary>
    /// A token that names only the person (<c>iss</c>, <c>sub</c> and optionally <c>name</c>), as a provider with
    /// <c>People: Assignments</c> leaves it: its rights come from the person's assignment (AssignmentClaimsTransformation).
    /// </summary>
    public string IssuePerson(string subject, string? name = null, TimeSpan? lifetime = null)
    {
        var claims = new List<Claim> { new(ClaimNames.Subject, subject) };
        if (name is not null) claims.Add(new Claim("name", name));
        return Issue(claims, null, null, null, lifetime);
    }

    private string Issue(List<Claim> claims, string? country, string? facility, string? undertaking, TimeSpan? lifetime)
    {
        if (country is not null) claims.Add(new Claim(ClaimNames.Country, country.ToUpperInvariant()));
        if (facility is not null) claims.Add(new Claim(ClaimNames.Facility, facility));
        if (undertaking is not null) claims.Add(new Claim(ClaimNames.Undertaking, undertaking));

        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(settings.TokenLifetimeMinutes)),
            SigningCredentials = new SigningCredentials(settings.Key(), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
