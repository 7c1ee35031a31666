using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.Tokens;
using WasteMovements.Api.Infrastructure;

namespace WasteMovements.Api.Security;

public static class Policies
{
    public const string Authority = "authority";
    public const string AuthorityOrAuditor = "authority-or-auditor";
    public const string Facility = "facility";
    public const string Undertaking = "undertaking";
    /// <summary>Anyone who may read Annex VII documents: authorities, facilities, undertakings, auditors (each sees its own).</summary>
    public const string GreenList = "green-list";
    public const string Auditor = "auditor";
    public const string Admin = "admin";
    /// <summary>Administrators and auditors: the register of assignments is read by both (docs/decisions/0018-assignments.md).</summary>
    public const string AdminOrAuditor = "admin-or-auditor";
    /// <summary>Anyone signed in, with or without an assignment: who am I (GET /api/me).</summary>
    public const string Person = "person";
}

public static class SecuritySetup
{
    /// <summary>
    /// The claim a token must carry and does not: sub always; a role, if it has one, that is known, with the country,
    /// facility or undertaking that role needs. A token without a role is a person without rights until assigned
    /// (AssignmentClaimsTransformation; 403 no-assignment), not a bad credential.
    /// </summary>
    public static string? MissingClaim(System.Security.Claims.ClaimsPrincipal user)
    {
        static bool Has(System.Security.Claims.ClaimsPrincipal u, string claim) => !string.IsNullOrWhiteSpace(u.FindFirst(claim)?.Value);
        if (!Has(user, ClaimNames.Subject)) return "sub";
        var role = user.FindFirst(ClaimNames.Role)?.Value;
        if (role is null) return null;
        if (!Roles.All.Contains(role)) return "a role (authority, facility, undertaking, auditor, admin)";
        if (role == Roles.Authority && !Has(user, ClaimNames.Country)) return "country";
        if (role == Roles.Facility && !Has(user, ClaimNames.Facility)) return "facility";
        if (role == Roles.Undertaking && !Has(user, ClaimNames.Undertaking)) return "undertaking";
        return null;
    }

    public static void AddWasteMovementsSecurity(this WebApplicationBuilder builder)
    {
        var settings = JwtSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<TokenIssuer>();
        // Issue 18: a person without a role gets the one of their assignment (Security/AssignmentClaims.cs).
        builder.Services.AddSingleton(BootstrapAdministrators.From(builder.Configuration));
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authentication.IClaimsTransformation, AssignmentClaimsTransformation>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                // Keep the claim names of the contract (role, country, facility, sub) as they are.
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = settings.Key(),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = ClaimNames.Subject,
                    RoleClaimType = ClaimNames.Role,
                };
                // A signed token that does not say who acts in which capacity is not a credential of this API:
                // 401, like a bad signature (issue 8), rather than a 403 for a caller we cannot name.
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        if (MissingClaim(context.Principal!) is { } missing) context.Fail($"The token lacks {missing}.");
                        return Task.CompletedTask;
                    },
                };
            });

        // Every policy needs the person (sub): each appended event records who acted, never "anonymous".
        builder.Services.AddAuthorizationBuilder()
            // [Authorize] alone needs a role too: a person without an assignment reads nothing (403 no-assignment).
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(ClaimNames.Subject).RequireClaim(ClaimNames.Role).Build())
            .AddPolicy(Policies.Person, p => p.RequireAuthenticatedUser().RequireClaim(ClaimNames.Subject))
            .AddPolicy(Policies.AdminOrAuditor, p => p.RequireClaim(ClaimNames.Subject).RequireClaim(ClaimNames.Role, Roles.Admin, Roles.Auditor))
            .AddPolicy(Policies.Authority, p => p.RequireClaim(ClaimNames.Role, Roles.Authority).RequireClaim(ClaimNames.Country).RequireClaim(ClaimNames.Subject))
            .AddPolicy(Policies.AuthorityOrAuditor, p => p.RequireClaim(ClaimNames.Subject).RequireAssertion(c =>
                (c.User.HasClaim(ClaimNames.Role, Roles.Authority) && c.User.HasClaim(x => x.Type == ClaimNames.Country))
                || c.User.HasClaim(ClaimNames.Role, Roles.Auditor)))
            .AddPolicy(Policies.Facility, p => p.RequireClaim(ClaimNames.Role, Roles.Facility).RequireClaim(ClaimNames.Facility).RequireClaim(ClaimNames.Subject))
            .AddPolicy(Policies.Undertaking, p => p.RequireClaim(ClaimNames.Role, Roles.Undertaking).RequireClaim(ClaimNames.Undertaking).RequireClaim(ClaimNames.Subject))
            .AddPolicy(Policies.GreenList, p => p.RequireClaim(ClaimNames.Subject).RequireAssertion(c =>
                (c.User.HasClaim(ClaimNames.Role, Roles.Authority) && c.User.HasClaim(x => x.Type == ClaimNames.Country))
                || (c.User.HasClaim(ClaimNames.Role, Roles.Facility) && c.User.HasClaim(x => x.Type == ClaimNames.Facility))
                || (c.User.HasClaim(ClaimNames.Role, Roles.Undertaking) && c.User.HasClaim(x => x.Type == ClaimNames.Undertaking))
                || c.User.HasClaim(ClaimNames.Role, Roles.Auditor)))
            .AddPolicy(Policies.Auditor, p => p.RequireClaim(ClaimNames.Role, Roles.Auditor).RequireClaim(ClaimNames.Subject))
            .AddPolicy(Policies.Admin, p => p.RequireClaim(ClaimNames.Role, Roles.Admin).RequireClaim(ClaimNames.Subject));

        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
    }
}

/// <summary>Answers 401 and 403 with problem details instead of empty bodies.</summary>
/// <remarks>
/// Not a Wolverine message handler although its name and <c>HandleAsync</c> match Wolverine's discovery
/// conventions: without the attribute <c>codegen write</c> tries to generate a handler for "messages" of type
/// <see cref="RequestDelegate"/> and fails.
/// </remarks>
[Wolverine.Attributes.WolverineIgnore]
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Challenged)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Problems.Result(Problems.Create(StatusCodes.Status401Unauthorized, "unauthenticated", "Authentication required",
                "Send a valid bearer token (Authorization: Bearer <JWT>).")).ExecuteAsync(context);
            return;
        }

        if (result.Forbidden)
        {
            if (NoAssignment.Problem(context.User) is { } unassigned)
            {
                await Problems.Result(unassigned).ExecuteAsync(context);
                return;
            }

            await Problems.Result(Problems.Create(StatusCodes.Status403Forbidden, "forbidden-role", "Not permitted for your role",
                "Your role may not use this route.")).ExecuteAsync(context);
            return;
        }

        await _default.HandleAsync(next, context, policy, result);
    }
}
