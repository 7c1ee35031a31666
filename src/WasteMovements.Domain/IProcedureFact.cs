namespace WasteMovements.Domain;

/// <summary>
/// An event of the procedure, with the instant at which it took effect on the procedure's clock (the
/// <see cref="TimeProvider"/> the decision was given). Rules and deadlines read this instant; the time at which
/// the database recorded the event is evidence for auditors only (docs/architecture.md, "Which clock").
/// </summary>
public interface IProcedureFact
{
    DateTimeOffset OccurredAt { get; }
}
