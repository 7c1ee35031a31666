using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;

namespace WasteMovements.Tests.Support;

/// <summary>Shared fixtures of the pure domain tests: the shipped registry and code lists.</summary>
public static class Given
{
    public static readonly CountryRegistry Registry = CountryRegistry.LoadEmbedded();
    public static readonly CodeListCatalog Codes = CodeListCatalog.LoadEmbedded();
    public static readonly DateTimeOffset Now = TestStart.Now;

    public static void Refused(Decision decision, string rule, string article)
    {
        Assert.True(decision.IsRefused, "expected a refusal, got events: " + string.Join(", ", decision.Events.Select(e => e.GetType().Name)));
        Assert.Equal(rule, decision.Refusal!.Rule);
        Assert.Equal(article, decision.Refusal.Article);
        Assert.Empty(decision.Events);
    }

    public static T Single<T>(Decision decision)
    {
        Assert.False(decision.IsRefused, decision.Refusal?.Detail);
        return Assert.IsType<T>(Assert.Single(decision.Events));
    }
}
