
namespace WasteMovements.Api.Deadlines;

/// <summary>
/// The diary of deadlines on which the system acts by itself. Each one is also a durable Wolverine
/// scheduled message (<see cref="DeadlineReached"/>) stored in the same transaction as the events that
/// set it; the document lets the handler ignore stale or repeated deliveries (Wolverine may deliver twice
/// after a hard kill) and lets operators and tests see what is pending.
/// </summary>
public sealed record ScheduledDeadline
{
    public required string Id { get; init; }
    public required string Notification { get; init; }

    /// <summary>Set for a shipment's deadline (receipt, certificate, take-back); null for the notification's.</summary>
    public string? Shipment { get; init; }

    /// <summary>DecisionPeriod, ConsentValidity (notification) or Receipt, Certificate, TakeBack (shipment).</summary>
    public required string Kind { get; init; }
    public string? State { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public required string Basis { get; init; }
    public bool Done { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public string? Outcome { get; init; }
}

/// <summary>The scheduled message: the deadline <see cref="DeadlineId"/> that was due at <see cref="DueAt"/> has passed.</summary>
public sealed record DeadlineReached(string DeadlineId, DateTimeOffset DueAt);
