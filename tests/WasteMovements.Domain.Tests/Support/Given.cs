using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Tests.Support;

/// <summary>Shared fixtures of the pure domain tests: the shipped registry and code lists.</summary>
public static class Given
{
    public static readonly CountryRegistry Registry = CountryRegistry.LoadEmbedded();
    public static readonly CodeListCatalog Codes = CodeListCatalog.LoadEmbedded();
    public static readonly DateTimeOffset Now = TestStart.Now;

    /// <summary>The shipped registry with some entries replaced, as an administrator's revisions would.</summary>
    public static CountryRegistry RegistryWith(params CountryProfile[] revised) =>
        new(Registry.All.Select(p => revised.FirstOrDefault(r => r.Code == p.Code) ?? p));

    /// <summary>The file as it stands after these facts: the given of a given / when / then test.</summary>
    public static NotificationState That(NotificationState state, params object[] events) =>
        events.Aggregate(state, (s, e) => NotificationEvolution.Evolve(s, e)!);

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
