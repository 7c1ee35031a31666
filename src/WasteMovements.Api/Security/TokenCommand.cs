using JasperFx.CommandLine;

namespace WasteMovements.Api.Security;

public sealed class TokenInput
{
    [Description("Role: authority, facility, undertaking, auditor or admin; none for a token that names only the person (rights from the assignment)")]
    public string RoleFlag { get; set; } = Roles.Authority;

    [Description("ISO 3166-1 alpha-2 code of the state an authority acts for")]
    public string? CountryFlag { get; set; }

    [Description("Facility id a facility user acts for")]
    public string? FacilityFlag { get; set; }

    [Description("Undertaking id an undertaking user acts for (person who arranges a green-list shipment, or consignee)")]
    public string? UndertakingFlag { get; set; }

    [Description("The person (sub claim)")]
    public string SubFlag { get; set; } = "developer";

    [Description("Lifetime in hours")]
    public int HoursFlag { get; set; } = 8;
}

/// <summary>
/// <c>dotnet run --project src/WasteMovements.Api -- token --role authority --country DE --sub alice</c>
/// prints a development token and nothing else on stdout, so scripts can capture it.
/// </summary>
[Description("Prints a development JWT signed with the configured key", Name = "token")]
public sealed class TokenCommand : JasperFxAsyncCommand<TokenInput>
{
    /// <summary><c>--role none</c>: a token with only the person, whose rights come from their assignment (issue 18).</summary>
    public const string NoRole = "none";

    /// <summary>Where the token goes: stdout, kept apart from the command line's messages (Program.cs).</summary>
    public static TextWriter Output { get; set; } = Console.Out;

    public override Task<bool> Execute(TokenInput input)
    {
        if (input.RoleFlag != NoRole && !Roles.All.Contains(input.RoleFlag))
        {
            Console.Error.WriteLine($"--role must be one of: {string.Join(", ", Roles.All)}");
            return Task.FromResult(false);
        }

        if (input.RoleFlag == Roles.Authority && string.IsNullOrWhiteSpace(input.CountryFlag))
        {
            Console.Error.WriteLine("--country is required for an authority");
            return Task.FromResult(false);
        }

        if (input.RoleFlag == Roles.Facility && string.IsNullOrWhiteSpace(input.FacilityFlag))
        {
            Console.Error.WriteLine("--facility is required for a facility");
            return Task.FromResult(false);
        }

        if (input.RoleFlag == Roles.Undertaking && string.IsNullOrWhiteSpace(input.UndertakingFlag))
        {
            Console.Error.WriteLine("--undertaking is required for an undertaking");
            return Task.FromResult(false);
        }

        // Development tokens: without an explicit environment, read the Development settings.
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                          ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                          ?? "Development";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();

        var settings = JwtSettings.From(configuration);
        settings.EnsureUsable(new SimpleEnvironment(environment));

        var token = input.RoleFlag == NoRole
            ? new TokenIssuer(settings).IssuePerson(input.SubFlag, lifetime: TimeSpan.FromHours(input.HoursFlag))
            : new TokenIssuer(settings).Issue(input.RoleFlag, input.SubFlag, input.CountryFlag, input.FacilityFlag, TimeSpan.FromHours(input.HoursFlag), input.UndertakingFlag);
        Output.WriteLine(token);
        return Task.FromResult(true);
    }

    private sealed class SimpleEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "WasteMovements.Api";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } =
            new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
