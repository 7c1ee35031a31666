using WasteMovements.Domain.CodeLists;

namespace WasteMovements.Api.CodeLists;

/// <summary>The country registry the rules are checked against.</summary>
public sealed class CountryRegistryProvider
{
    private readonly CountryRegistry _shipped = CountryRegistry.LoadEmbedded();

    public Task<CountryRegistry> CurrentAsync(CancellationToken ct) => Task.FromResult(_shipped);
}
