using System.Text.Json;
using WasteMovements.Domain.CodeLists;

namespace WasteMovements.Domain.Notifications.Pops;

/// <summary>Which table of limits a file reads: EU 2019/1021 Annex IV for EU files, the Basel low POP content values otherwise.</summary>
public enum PopLimitTable { Eu, Basel }

public sealed record PopSubstance(string Code, string Name);

/// <summary>
/// One dated limit: at or above it the waste's POP content must be destroyed or irreversibly transformed. A limit
/// without a source ([K] in docs/law.md) is listed but not used as a rule, as in the country registry.
/// </summary>
public sealed record PopLimit(PopLimitTable Table, string Substance, decimal LimitMgPerKg, DateOnly? From, DateOnly? Until,
    string? Source, string Confidence, string? Notes = null)
{
    public bool Sourced => !string.IsNullOrWhiteSpace(Source);

    public bool InForceOn(DateOnly day) => (From is null || day >= From) && (Until is null || day < Until);
}

/// <summary>The dated table of low POP content limits (CodeLists/Data/pop-limits.json), each limit with its source.</summary>
public sealed class PopLimits
{
    private sealed record File(IReadOnlyList<CodeListSource> Sources, IReadOnlyList<PopSubstance> Substances, IReadOnlyList<PopLimit> Limits);

    public IReadOnlyList<PopSubstance> Substances { get; }
    public IReadOnlyList<PopLimit> All { get; }

    public PopLimits(IReadOnlyList<PopSubstance> substances, IReadOnlyList<PopLimit> limits)
    {
        Substances = substances;
        All = limits;
    }

    public static readonly PopLimits Shipped = LoadEmbedded();

    public static PopLimits LoadEmbedded()
    {
        using var stream = CodeListCatalog.ReadResource("pop-limits.json");
        var file = JsonSerializer.Deserialize<File>(stream, CodeListCatalog.Json) ?? throw new InvalidOperationException("pop-limits.json is empty");
        return new PopLimits(file.Substances, file.Limits);
    }

    public bool IsSubstance(string? code) => code is not null && Substances.Any(s => string.Equals(s.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The limit of this table in force on the day for the substance, sourced or not (null: the table has none).</summary>
    public PopLimit? InForce(PopLimitTable table, string substance, DateOnly day) =>
        All.FirstOrDefault(l => l.Table == table && string.Equals(l.Substance, substance, StringComparison.OrdinalIgnoreCase) && l.InForceOn(day));
}
