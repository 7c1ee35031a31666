namespace WasteMovements.Domain.Common;

/// <summary>How a refused step is answered: the HTTP layer maps each kind to its status code.</summary>
public enum RefusalKind
{
    /// <summary>A rule of the procedure forbids the step now (HTTP 409).</summary>
    RuleViolated,
    /// <summary>The caller's authority or facility may not act on this movement (HTTP 403).</summary>
    NotPermitted,
    /// <summary>The thing acted on does not exist (HTTP 404).</summary>
    NotFound,
}

/// <summary>
/// Why a step was refused: a stable rule id (used in the problem type URI), the legal basis, and a
/// sentence a competent authority can read.
/// </summary>
public sealed record Refusal(string Rule, string Article, string Detail, RefusalKind Kind = RefusalKind.RuleViolated);

/// <summary>
/// The outcome of a pure decision function: either the events that record the facts, or a refusal.
/// An accepted decision with no events is an idempotent no-op.
/// </summary>
public sealed record Decision
{
    private Decision(IReadOnlyList<object> events, Refusal? refusal)
    {
        Events = events;
        Refusal = refusal;
    }

    public IReadOnlyList<object> Events { get; }
    public Refusal? Refusal { get; }
    public bool IsRefused => Refusal is not null;

    public static Decision Accept(params object[] events) => new(events, null);
    public static Decision Accept(IEnumerable<object> events) => new(events.ToArray(), null);

    public static Decision Refuse(string rule, string article, string detail) =>
        new([], new Refusal(rule, article, detail));

    public static Decision Forbid(string rule, string article, string detail) =>
        new([], new Refusal(rule, article, detail, RefusalKind.NotPermitted));

    public static Decision Refuse(Refusal refusal) => new([], refusal);
}
