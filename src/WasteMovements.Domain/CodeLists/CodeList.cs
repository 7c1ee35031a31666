using System.Text.Json;
using System.Text.Json.Serialization;

namespace WasteMovements.Domain.CodeLists;

/// <summary>Where a list's content comes from, with the confidence marker of docs/law.md ([V], [C], [K]).</summary>
public sealed record CodeListSource(string Name, string Reference, string Confidence, string? Notes);

/// <summary>
/// One code of a list. Lists are dated: a code is in force from <see cref="ValidFrom"/> (inclusive) until
/// <see cref="ValidUntil"/> (exclusive), so validation uses the list as it stood on the filing date
/// (e.g. A1180 deleted and A1181 added on 1 January 2025 by decision BC-15/18).
/// </summary>
public sealed record CodeEntry
{
    public required string Code { get; init; }
    public required string Description { get; init; }
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidUntil { get; init; }

    /// <summary>List-specific attributes: UN class of an H code, kind and interim flag of an operation...</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Attributes { get; init; }

    public bool InForceOn(DateOnly date) =>
        (ValidFrom is null || date >= ValidFrom) && (ValidUntil is null || date < ValidUntil);

    public string? Attribute(string name) =>
        Attributes is not null && Attributes.TryGetValue(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Null => null,
                _ => v.GetRawText(),
            }
            : null;
}

/// <summary>A code list shipped as data in the repository, with its sources and compilation date.</summary>
public sealed record CodeList
{
    public required string List { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<CodeListSource> Sources { get; init; }
    public required string Compiled { get; init; }
    public required IReadOnlyList<CodeEntry> Entries { get; init; }

    private Dictionary<string, CodeEntry>? _byCode;

    private Dictionary<string, CodeEntry> ByCode =>
        _byCode ??= Entries.ToDictionary(e => e.Code, StringComparer.OrdinalIgnoreCase);

    public CodeEntry? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>True when the code exists and is in force on the given date.</summary>
    public bool IsValid(string? code, DateOnly on) =>
        code is not null && Find(code) is { } e && e.InForceOn(on);

    public bool Contains(string? code) => code is not null && ByCode.ContainsKey(code);
}
