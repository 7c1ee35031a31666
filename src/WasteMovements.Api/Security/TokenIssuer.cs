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
