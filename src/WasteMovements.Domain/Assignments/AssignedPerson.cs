using System.Security.Cryptography;
using System.Text;

namespace WasteMovements.Domain.Assignments;

/// <summary>What a person is assigned to, as the claims transformation gives it to a request.</summary>
public sealed record Assignment(
    AssignedRole Role,
    string? State,
    string? Facility,
    string? Undertaking,
    string AssignedBy,
    string Reference,
    DateTimeOffset AssignedAt)
{
    /// <summary>What the person acts for, as event metadata records it (<c>authority:DE</c>, <c>facility:...</c>, <c>auditor</c>).</summary>
    public string ActingFor => Role switch
    {
        AssignedRole.Authority => $"authority:{State}",
        AssignedRole.Facility => $"facility:{Facility}",
        AssignedRole.Undertaking => $"undertaking:{Undertaking}",
        _ => Role.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// A person known to the system by the identity provider's issuer and subject (OpenID Connect Core 1.0, 2: the pair
/// identifies the end-user), with the assignment they hold now, if any. A person holds at most one assignment at a
/// time (docs/decisions/0018-assignments.md). Inline projection of the stream <c>person:{personId}</c>, also the write
/// model of its steps and what the claims transformation reads on every request.
/// </summary>
public sealed record AssignedPerson
{
    /// <summary>The stream key, <c>person:P-...</c>.</summary>
    public required string Id { get; init; }
    public required string PersonId { get; init; }
    public required string Issuer { get; init; }
    public required string Subject { get; init; }
    public string? DisplayName { get; init; }
    /// <summary>The assignment in force; null once revoked (and before the first).</summary>
    public Assignment? Current { get; init; }
    /// <summary>How many assignments the person has held, the current one included.</summary>
    public int Assignments { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevokedBy { get; init; }
    public string? RevocationReason { get; init; }
    public DateTimeOffset LastChangedAt { get; init; }
    public long Version { get; init; }

    public const string StreamKeyPrefix = "person:";

    /// <summary>How the person is written in a problem or the admin page: <c>issuer|subject</c>.</summary>
    public string Name => Persons.Name(Issuer, Subject);

    public static AssignedPerson? Evolve(AssignedPerson? person, object @event, long version) => @event switch
    {
        PersonAssigned a => new AssignedPerson
        {
            Id = Persons.StreamKey(a.PersonId), PersonId = a.PersonId, Issuer = a.Issuer, Subject = a.Subject,
            DisplayName = a.DisplayName ?? person?.DisplayName,
            Current = new Assignment(a.Role, a.State, a.Facility, a.Undertaking, a.AssignedBy, a.Reference, a.AssignedAt),
            Assignments = (person?.Assignments ?? 0) + 1, LastChangedAt = a.AssignedAt, Version = version,
        },
        AssignmentRevoked r when person is not null => person with
        {
            Current = null, RevokedAt = r.RevokedAt, RevokedBy = r.RevokedBy, RevocationReason = r.Reason, LastChangedAt = r.RevokedAt, Version = version,
        },
        _ => person,
    };
}

/// <summary>How a person's id and stream key follow from the identity provider's issuer and subject.</summary>
public static class Persons
{
    /// <summary>
    /// <c>P-</c> and the first 24 hex digits (96 bits) of SHA-256 over issuer, a line feed and subject: stable, safe in a
    /// URL path (an issuer is a URL), and the same wherever it is computed. The record keeps the issuer and subject, and
    /// the assign step refuses a stream that holds another pair, so a collision could not merge two people.
    /// </summary>
    public static string Id(string issuer, string subject)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(issuer.Trim() + "\n" + subject.Trim()));
        return "P-" + Convert.ToHexStringLower(hash)[..24];
    }

    public static string StreamKey(string personId) => AssignedPerson.StreamKeyPrefix + personId;

    public static string StreamKeyOf(string issuer, string subject) => StreamKey(Id(issuer, subject));

    public static string Name(string issuer, string subject) => $"{issuer}|{subject}";

    /// <summary>Whether a value is a person id as <see cref="Id"/> makes them (route values are checked before a stream is read).</summary>
    public static bool IsId(string? value) =>
        value is { Length: 26 } && value.StartsWith("P-", StringComparison.Ordinal) && value[2..].All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
