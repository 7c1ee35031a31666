using WasteMovements.Domain.CodeLists;

namespace WasteMovements.Domain.PreconsentedFacilities;

/// <summary>
/// What a pre-consent covers (EU 2024/1157 Art. 14(6), 14(13)(a)-(e); OECD C(2001)107, Case 2): the facility, its
/// technology, the R-codes, the waste identification codes, the total pre-consented quantity and the validity.
/// </summary>
public sealed record PreconsentTerms(
    string FacilityId,
    string FacilityName,
    string RegistrationNumber,
    string Address,
    string Technology,
    IReadOnlyList<string> Operations,
    IReadOnlyList<string> WasteCodes,
    decimal TotalQuantity,
    string Unit,
    DateOnly ValidFrom,
    DateOnly ValidUntil)
{
    /// <summary>Whether the pre-consent names this waste code (Y, Basel A/B, OECD or EU list code).</summary>
    public bool CoversWaste(string code) => WasteCodes.Contains(code, StringComparer.OrdinalIgnoreCase);

    public bool CoversOperation(string operation) => Operations.Contains(operation, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// EU 2024/1157 Art. 14(6), (9), (13): the competent authority with jurisdiction over the facility issued a pre-consent
/// (by its decision <see cref="DecisionReference"/>) and entered it in its register.
/// </summary>
public sealed record PreconsentedFacilityRegistered(string EntryId, string State, PreconsentTerms Terms, string DecisionReference, DateTimeOffset RegisteredAt)
    : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => RegisteredAt;
}

/// <summary>EU 2024/1157 Art. 14(11), 14(13)(f)-(g): the authority updated the pre-consent after a change, with its reason.</summary>
public sealed record PreconsentedFacilityAmended(string EntryId, PreconsentTerms Terms, string Reason, DateTimeOffset AmendedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => AmendedAt;
}

/// <summary>EU 2024/1157 Art. 14(10), 14(13)(h): the authority revoked the pre-consent, with its reasons.</summary>
public sealed record PreconsentRevoked(string EntryId, string Reason, DateTimeOffset RevokedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => RevokedAt;
}

/// <summary>
/// One entry of the register of pre-consented recovery facilities kept by the authority of destination (stream
/// <c>preconsent:{entryId}</c>; inline projection, also the write model of its steps).
/// </summary>
public sealed record PreconsentedFacilityEntry
{
    /// <summary>The stream key (<c>preconsent:NL-PC-0001</c>).</summary>
    public required string Id { get; init; }
    public required string EntryId { get; init; }
    /// <summary>The state whose competent authority issued the pre-consent and keeps the entry.</summary>
    public required string State { get; init; }
    public required PreconsentTerms Terms { get; init; }
    public required string DecisionReference { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    public DateTimeOffset LastChangedAt { get; init; }
    public int Amendments { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevocationReason { get; init; }
    public long Version { get; init; }

    public const string StreamKeyPrefix = "preconsent:";

    public static string StreamKey(string entryId) => StreamKeyPrefix + entryId.ToUpperInvariant();

    /// <summary>In force on <paramref name="day"/>: within its validity (Art. 14(9)) and not revoked by then (Art. 14(10)).</summary>
    public bool InForceOn(DateOnly day) =>
        Terms.ValidFrom <= day && day <= Terms.ValidUntil
        && (RevokedAt is not { } revoked || day < DateOnly.FromDateTime(revoked.UtcDateTime));

    /// <summary>The entry as a notification records it at filing: later changes to the register do not change an old file.</summary>
    public PreconsentRecord Record() => new(EntryId, State, Terms, DecisionReference, Version);

    public static PreconsentedFacilityEntry? Evolve(PreconsentedFacilityEntry? entry, object @event, long version) => @event switch
    {
        PreconsentedFacilityRegistered r => new PreconsentedFacilityEntry
        {
            Id = StreamKey(r.EntryId), EntryId = r.EntryId, State = r.State, Terms = r.Terms, DecisionReference = r.DecisionReference,
            RegisteredAt = r.RegisteredAt, LastChangedAt = r.RegisteredAt, Version = version,
        },
        PreconsentedFacilityAmended a when entry is not null => entry with { Terms = a.Terms, Amendments = entry.Amendments + 1, LastChangedAt = a.AmendedAt, Version = version },
        PreconsentRevoked v when entry is not null => entry with { RevokedAt = v.RevokedAt, RevocationReason = v.Reason, LastChangedAt = v.RevokedAt, Version = version },
        _ => entry,
    };
}

/// <summary>The register entry a notification to a pre-consented facility was filed under, as it stood then.</summary>
public sealed record PreconsentRecord(string EntryId, string State, PreconsentTerms Terms, string DecisionReference, long Version);

/// <summary>The register's periods and shared checks (docs/law.md 3.6).</summary>
public static class PreconsentRules
{
    /// <summary>EU 2024/1157 Art. 14(9): a pre-consent is valid for 10 years unless the decision states otherwise.</summary>
    public const int ValidityYears = 10;

    /// <summary>The last day of the 10 years from <paramref name="from"/>.</summary>
    public static DateOnly DefaultValidUntil(DateOnly from) => from.AddYears(ValidityYears).AddDays(-1);

    /// <summary>
    /// The terms' operations may be pre-consented: recovery operations only (Art. 14 concerns recovery facilities), and
    /// not a facility that only carries out R13 (Art. 14(1), second subparagraph).
    /// </summary>
    public static Common.Refusal? CheckOperations(PreconsentTerms terms)
    {
        var disposal = terms.Operations.FirstOrDefault(o => !CodeListCatalog.IsRecovery(o));
        if (disposal is not null)
        {
            return new Common.Refusal("preconsent-recovery-only", "EU 2024/1157 Art. 14(1); OECD C(2001)107 (pre-consented facilities)",
                $"A facility is pre-consented for recovery only; {disposal} is a disposal operation.");
        }

        if (terms.Operations.Count > 0 && terms.Operations.All(o => string.Equals(o, "R13", StringComparison.OrdinalIgnoreCase)))
        {
            return new Common.Refusal("preconsent-not-for-r13", "EU 2024/1157 Art. 14(1)",
                "A facility carrying out only R13 (storage pending recovery) cannot be pre-consented.");
        }

        return null;
    }
}
