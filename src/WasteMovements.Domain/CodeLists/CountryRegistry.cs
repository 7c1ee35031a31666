using System.Text.Json;

namespace WasteMovements.Domain.CodeLists;

/// <summary>
/// An import prohibition a state has notified under Basel Art. 4(1)(a) through Art. 13. <see cref="Codes"/>
/// holds Y, A or B codes, or "*" for all wastes; <see cref="Operations"/> holds operation codes, prefixes
/// with "*" ("D*") or "*" for all.
/// </summary>
public sealed record ImportProhibition(
    IReadOnlyList<string> Codes,
    IReadOnlyList<string> Operations,
    string? NotifiedUnderArticle,
    string? Source,
    string? Notes)
{
    public bool Covers(IEnumerable<string> wasteCodes, string operation) =>
        (Codes.Contains("*") || wasteCodes.Any(c => Codes.Contains(c, StringComparer.OrdinalIgnoreCase)))
        && Operations.Any(o => o == "*" || string.Equals(o, operation, StringComparison.OrdinalIgnoreCase)
                               || (o.EndsWith('*') && operation.StartsWith(o[..^1], StringComparison.OrdinalIgnoreCase)));
}

/// <summary>
/// What the procedure needs to know about a state: Basel Party status, Annex VII membership (OECD, EU,
/// Liechtenstein), OECD and EU membership, Ban Amendment acceptance, the Art. 6(4) declaration that it
/// does not require written transit consent, Art. 11 agreements and Art. 4(1) import prohibitions.
/// </summary>
public sealed record CountryProfile
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public bool BaselParty { get; init; }
    public bool AnnexVII { get; init; }
    public bool Oecd { get; init; }
    public bool Eu { get; init; }
    public bool BanAmendmentAccepted { get; init; }
    /// <summary>The state declared under Basel Art. 6(4) that it does not require written consent to transit.</summary>
    public bool TacitTransitConsent { get; init; }

    /// <summary>
    /// Where the Art. 6(4) declaration is published (e.g. the Secretariat's country fact sheet, with its date). A
    /// declaration without a source is not used as a rule (<see cref="HasSourcedTacitTransitDeclaration"/>): deeming
    /// consent from a state that never declared it would make the movement illegal traffic (Basel Art. 9(1)(b)).
    /// </summary>
    public string? TacitTransitConsentSource { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasSourcedTacitTransitDeclaration => TacitTransitConsent && !string.IsNullOrWhiteSpace(TacitTransitConsentSource);
    public IReadOnlyList<Art11Agreement> Art11Agreements { get; init; } = [];
    public IReadOnlyList<ImportProhibition> ImportProhibitions { get; init; } = [];

    /// <summary>
    /// Basel Art. 1(1)(b), 3: wastes this state defines as hazardous under its national law, as it informed the
    /// Secretariat. A definition without a source is not used as a rule (<see cref="DefinesAsHazardous"/>).
    /// </summary>
    public IReadOnlyList<NationalDefinition> NationalDefinitions { get; init; } = [];

    /// <summary>
    /// The state this territory is part of (outermost regions, overseas countries and territories, other dependent
    /// territories): Basel Annex VII lists states, so Annex VII, Party status and the Ban Amendment are read from it
    /// (<see cref="CountryRegistry.Effective"/>). Used only with <see cref="PartOfSource"/>.
    /// </summary>
    public string? PartOf { get; init; }
    public string? PartOfSource { get; init; }

    /// <summary>Where the territory stands towards the Union (TFEU Art. 349, 355): in it (outermost region) or outside (OCT).</summary>
    public EuTerritoryStatus? EuStatus { get; init; }

    public string? Notes { get; init; }

    /// <summary>The state whose jurisdiction this is: the parent of a territory with a sourced <see cref="PartOf"/>, else itself.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Sovereign => !string.IsNullOrWhiteSpace(PartOf) && !string.IsNullOrWhiteSpace(PartOfSource) ? PartOf : Code;

    /// <summary>An overseas country or territory (TFEU Annex II): outside the Union, EU 2024/1157 Art. 49 and 56 apply.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool OverseasCountryOrTerritory => EuStatus == EuTerritoryStatus.OverseasCountryOrTerritory;

    /// <summary>Basel Art. 1(1)(b): a sourced national definition of this state covers one of the codes.</summary>
    public bool DefinesAsHazardous(IEnumerable<string> wasteCodes) =>
        NationalDefinitions.Any(d => !string.IsNullOrWhiteSpace(d.Source) && wasteCodes.Any(c => d.Codes.Contains(c, StringComparer.OrdinalIgnoreCase)));

    /// <summary>
    /// Basel Art. 11: an agreement of this state covers a movement with <paramref name="other"/> in this direction
    /// (an agreement has a direction: the US agreements with Malaysia, the Philippines and Costa Rica cover imports
    /// into the US only). The OECD Decision operates as an Art. 11 arrangement between OECD members for recovery only.
    /// </summary>
    public bool HasArt11AgreementWith(CountryProfile other, Art11Direction direction, string operation) =>
        Art11Agreements.Any(a => a.Covers(other.Code, direction, operation))
        || (CodeListCatalog.IsRecovery(operation) && Art11Agreements.Any(a => a.Partner == "OECD") && other.Art11Agreements.Any(a => a.Partner == "OECD"));
}

/// <summary>A territory's place towards the Union (TFEU Art. 349, 355 and Annex II).</summary>
public enum EuTerritoryStatus
{
    /// <summary>TFEU Art. 349: part of its Member State and of the Union (EU 2024/1157 Art. 32).</summary>
    OutermostRegion,
    /// <summary>TFEU Art. 355(2), Annex II: outside the Union (EU 2024/1157 Art. 49, 56).</summary>
    OverseasCountryOrTerritory,
    /// <summary>Part of a Member State and of the Union without being an outermost region (e.g. the Aaland Islands, TFEU Art. 355(4)).</summary>
    PartOfMemberState,
}

/// <summary>Basel Art. 3: wastes a state defines as hazardous under its national legislation, with where it said so.</summary>
public sealed record NationalDefinition(IReadOnlyList<string> Codes, string? Source, string? Notes = null);

public sealed record CountryRegistryData(
    string List,
    string Title,
    IReadOnlyList<CodeListSource> Sources,
    string Compiled,
    IReadOnlyList<CountryProfile> Entries);

/// <summary>The country registry as shipped (CodeLists/Data/country-registry.json).</summary>
public sealed class CountryRegistry
{
    private readonly Dictionary<string, CountryProfile> _byCode;

    public CountryRegistry(IEnumerable<CountryProfile> profiles) =>
        _byCode = profiles.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<CountryProfile> All => _byCode.Values;

    public CountryProfile? Find(string? code) => code is null ? null : _byCode.GetValueOrDefault(code);

    /// <summary>
    /// The entry as the law reads it: a territory with a sourced <see cref="CountryProfile.PartOf"/> takes its state's
    /// Basel Party status, Annex VII membership and Ban Amendment acceptance (Basel Annex VII and Art. 4A speak of
    /// states); it is in the Union only as an outermost region or other part of a Member State (TFEU Art. 349, 355),
    /// and the OECD Decision is taken to apply to it only then (an OCT is a destination of EU 2024/1157 Art. 49).
    /// The entry keeps its own code, name, agreements and prohibitions.
    /// </summary>
    public CountryProfile? Effective(string? code)
    {
        var entry = Find(code);
        if (entry is null || entry.Sovereign == entry.Code || Find(entry.Sovereign) is not { } state) return entry;
        var inUnion = state.Eu && entry.EuStatus is EuTerritoryStatus.OutermostRegion or EuTerritoryStatus.PartOfMemberState;
        return entry with
        {
            BaselParty = state.BaselParty,
            AnnexVII = state.AnnexVII,
            BanAmendmentAccepted = state.BanAmendmentAccepted,
            Eu = inUnion,
            Oecd = inUnion ? state.Oecd : entry.Oecd,
        };
    }

    public static CountryRegistryData LoadEmbeddedData()
    {
        using var stream = CodeListCatalog.ReadResource("country-registry.json");
        return JsonSerializer.Deserialize<CountryRegistryData>(stream, CodeListCatalog.Json)
               ?? throw new InvalidOperationException("country-registry.json is empty");
    }

    public static CountryRegistry LoadEmbedded() => new(LoadEmbeddedData().Entries);
}

/// <summary>
/// An administrator revised a state's registry entry (Party status, Annex VII, OECD/EU membership, Ban
/// Amendment, tacit transit declaration, Art. 11 agreements, import prohibitions), citing the source.
/// Notifications already filed keep what they recorded at filing.
/// </summary>
public sealed record CountryProfileRevised(string Code, CountryProfile Profile, string Reason, string Source, DateTimeOffset RevisedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => RevisedAt;
}

/// <summary>The current registry entry of a state as revised through the API (stream <c>country:{code}</c>).</summary>
public sealed record CountryRegistryEntry
{
    public required string Id { get; init; }
    public required CountryProfile Profile { get; init; }
    public required string Reason { get; init; }
    public required string Source { get; init; }
    public required DateTimeOffset RevisedAt { get; init; }
    public long Version { get; init; }

    public const string StreamKeyPrefix = "country:";

    public static string StreamKey(string code) => StreamKeyPrefix + code.ToUpperInvariant();
}
