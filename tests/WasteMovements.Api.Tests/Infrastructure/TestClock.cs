namespace WasteMovements.Api.Tests.Infrastructure;

/// <summary>
/// A TimeProvider the tests move by hand: deadlines are tested without sleeping. Not FakeTimeProvider: the HTTP
/// tests share one host and each starts again at the suite's start instant, and FakeTimeProvider refuses to go back
/// in time (docs/dependencies.md, "The test clock").
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    private readonly object _gate = new();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }

    public void Set(DateTimeOffset to)
    {
        lock (_gate) _now = to;
    }
}
