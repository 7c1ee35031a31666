using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace WasteMovements.Api.Security;

/// <summary>Token settings from configuration section <c>Auth</c> (signing key, issuer, audience of the development tokens; the providers).</summary>
public sealed class JwtSettings
{
    /// <summary>
    /// The key checked into appsettings.Development.json. It is public, so the host refuses to start
    /// with it in any environment other than Development and Testing.
    /// </summary>
    public const string DevelopmentSigningKey = "wastemovements-development-signing-key-not-for-production-use-0001";

    public string Issuer { get; set; } = "wastemovements";
    public string Audience { get; set; } = "wastemovements-api";
    public string SigningKey { get; set; } = "";
    public int TokenLifetimeMinutes { get; set; } = 480;
    /// <summary>The OpenID Connect providers whose tokens the API accepts and whose sign-in the UI offers (IdentityProviders.cs).</summary>
    public List<IdentityProviderSettings> Providers { get; set; } = [];

    public SymmetricSecurityKey Key() => new(Encoding.UTF8.GetBytes(SigningKey));

    public static JwtSettings From(IConfiguration configuration)
    {
        var settings = new JwtSettings();
        configuration.GetSection("Auth").Bind(settings);
        return settings;
    }

    public void EnsureUsable(IHostEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(SigningKey) || Encoding.UTF8.GetByteCount(SigningKey) < 32)
        {
            throw new InvalidOperationException("Auth:SigningKey must be set to at least 32 bytes (env Auth__SigningKey).");
        }

        if (SigningKey == DevelopmentSigningKey && !environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            throw new InvalidOperationException(
                $"The development signing key may not be used in the {environment.EnvironmentName} environment: set Auth__SigningKey.");
        }

        IdentityProviders.EnsureUsable(this, environment);
    }
}

/// <summary>Stops the host at start-up when the signing key is missing, short, or the development key in production, or a provider is misconfigured.</summary>
public sealed class SigningKeyGuard(JwtSettings settings, IHostEnvironment environment) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        settings.EnsureUsable(environment);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
