namespace WasteMovements.Domain.Common;

/// <summary>
/// The shape of every step of the procedure: the file as it stands, who acts, what they ask, and the procedure
/// clock's instant (never read from a clock inside the step). It returns the events that record the facts, or a
/// refusal naming the rule and its article. Each event says by its type which stream it belongs to
/// (<see cref="StreamEventTypes"/>), so the write pipeline needs no per-step routing.
/// </summary>
public delegate Decision Step<in TState, in TCommand>(TState state, Actor actor, TCommand command, DateTimeOffset now);
