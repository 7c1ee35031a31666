using Marten;
using WasteMovements.Domain.CodeLists;

namespace WasteMovements.Api.CodeLists;

/// <summary>
/// The registry the rules are checked against: the shipped data (CodeLists/Data/country-registry.json)
/// with the administrators' revisions on top. Revisions are cached for a few seconds per node and the
/// cache is dropped on this node's own revisions.
/// </summary>
public sealed class CountryRegistryProvider(IDocumentStore store)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private readonly CountryRegistryData _shipped = CountryRegistry.LoadEmbeddedData();
    private (CountryRegistry Registry, DateTime LoadedAt)? _cache;

    public CountryRegistryData Shipped => _shipped;

    public async Task<CountryRegistry> CurrentAsync(CancellationToken ct)
    {
        if (_cache is { } cached && DateTime.UtcNow - cached.LoadedAt < CacheFor) return cached.Registry;

        await using var session = store.QuerySession();
        var revisions = await session.Query<CountryRegistryEntry>().ToListAsync(ct);
        var byCode = _shipped.Entries.ToDictionary(e => e.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var revision in revisions) byCode[revision.Profile.Code] = revision.Profile;

        var registry = new CountryRegistry(byCode.Values);
        _cache = (registry, DateTime.UtcNow);
        return registry;
    }

    public void Invalidate() => _cache = null;
}
