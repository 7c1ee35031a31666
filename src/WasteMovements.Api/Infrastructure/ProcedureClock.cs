namespace WasteMovements.Api.Infrastructure;

/// <summary>
/// The procedure's clock shifted by a fixed offset (configuration <c>Clock:Offset</c>, Development only). The
/// process tests of docs/reliability.md use it to run a real process "just before midnight", so that a
/// consent valid until today expires seconds later through the ordinary API and the durable scheduler.
/// </summary>
public sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    public TimeSpan Offset { get; } = offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public static TimeProvider FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var offset = configuration.GetValue<TimeSpan?>("Clock:Offset");
        if (offset is null || offset == TimeSpan.Zero) return System;
        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException($"Clock:Offset shifts the procedure's time and is refused in the {environment.EnvironmentName} environment.");
        }

        return new ShiftedTimeProvider(offset.Value);
    }
}

public static class ProcedureClock
{
    /// <summary>
    /// The wall-clock instant at which Wolverine's durable scheduler (which runs on the system clock) must
    /// deliver a deadline that falls due at <paramref name="dueAt"/> on the procedure's clock.
    /// </summary>
    public static DateTimeOffset ToWallClock(TimeProvider clock, DateTimeOffset dueAt) =>
        clock is ShiftedTimeProvider shifted ? dueAt - shifted.Offset : dueAt;
}
