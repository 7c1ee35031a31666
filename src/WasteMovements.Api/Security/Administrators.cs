namespace WasteMovements.Api.Security;

/// <summary>One bootstrap administrator: the identity provider's issuer and the person's subject there.</summary>
public sealed class AdministratorEntry
{
    public string Issuer { get; set; } = "";
    public string Subject { get; set; } = "";
}

/// <summary>
/// The administrators of configuration <c>Auth:Administrators</c>: the root of trust of the register of assignments.
/// A person listed here who signs in without a role is an administrator (they then assign everyone else); the list is
/// part of the deployment's configuration, changed and reviewed like it (docs/operations.md, "Assigning people").
/// </summary>
public sealed class BootstrapAdministrators
{
    private readonly HashSet<(string Issuer, string Subject)> _people;

    public BootstrapAdministrators(IEnumerable<AdministratorEntry> entries)
    {
        var list = entries.ToArray();
        if (list.FirstOrDefault(e => string.IsNullOrWhiteSpace(e.Issuer) || string.IsNullOrWhiteSpace(e.Subject)) is { } incomplete)
        {
            throw new InvalidOperationException(
                $"Auth:Administrators: every entry names an Issuer and a Subject (found Issuer '{incomplete.Issuer}', Subject '{incomplete.Subject}').");
        }

        _people = list.Select(e => (e.Issuer.Trim(), e.Subject.Trim())).ToHashSet();
    }

    public int Count => _people.Count;

    public bool Contains(string issuer, string subject) => _people.Contains((issuer, subject));

    public static BootstrapAdministrators From(IConfiguration configuration) =>
        new(configuration.GetSection("Auth:Administrators").Get<List<AdministratorEntry>>() ?? []);
}
