using System.Text.RegularExpressions;

namespace WasteMovements.Domain.IllegalTraffic;

public enum IllegalTrafficCaseStatus
{
    /// <summary>Found; responsibility not yet attributed.</summary>
    Open,
    /// <summary>Exporter or importer at fault: the responsible state's 30-day duty runs (Basel Art. 9(2)-(3)).</summary>
    DutyPending,
    /// <summary>Responsibility undetermined: the states cooperate (Basel Art. 9(4)).</summary>
    Cooperation,
    /// <summary>Taken back, or disposal arranged.</summary>
    DutyMet,
    Closed,
}

/// <summary>Who is at fault and what follows: the responsible state, from when and by when (null: no period, Art. 9(4)).</summary>
public sealed record Responsibility(ResponsibleParty Party, string ResponsibleState, DateTimeOffset InformedAt, DateTimeOffset? DueAt, string Basis,
    int? AgreedDays, string Details, string AttributedBy, DateTimeOffset AttributedAt);

public sealed record Disposal(string Facility, string Operation, string Details, string ArrangedBy, DateTimeOffset ArrangedAt);

/// <summary>
/// A case of illegal traffic (Basel Art. 9; EU 2024/1157 Art. 24-25), on its own stream: a movement found without a
/// notification (9(1)(a)) or otherwise illegal, the responsibility the states concerned attribute, the duty that follows
/// (take-back or disposal within 30 days, or an agreed period), and its closure. Inline projection and write model.
/// </summary>
public sealed partial record IllegalTrafficCase
{
    public required string Id { get; init; }
    public long Version { get; init; }
    public required IllegalTrafficCaseStatus Status { get; init; }
    public required string FoundBy { get; init; }
    public required string Cause { get; init; }
    public required string Details { get; init; }
    public required string StateOfExport { get; init; }
    public required string StateOfImport { get; init; }
    public IReadOnlyList<string> TransitStates { get; init; } = [];
    public required string WasteDescription { get; init; }
    public decimal? Quantity { get; init; }
    public string? Unit { get; init; }
    public string? NotificationNumber { get; init; }
    public required DateTimeOffset FoundAt { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public Responsibility? Responsibility { get; init; }
    public DateTimeOffset? TakenBackAt { get; init; }
    public Disposal? Disposal { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public string? ClosureReason { get; init; }
    public DateTimeOffset LastChangedAt { get; init; }

    /// <summary>The states that found it or that it concerns: they read the case.</summary>
    public IReadOnlyList<string> StatesConcerned { get; init; } = [];

    public bool Concerns(string state) => StatesConcerned.Contains(state, StringComparer.OrdinalIgnoreCase);
    public bool IsClosed => Status == IllegalTrafficCaseStatus.Closed;
    public bool DutyMet => TakenBackAt is not null || Disposal is not null;

    public const string KeyPrefix = "ILL-";

    /// <summary>The case's number: ILL-, the state that found it, the year and a sequence (ILL-DE-2026-000001).</summary>
    public static string Key(string foundBy, int year, long number) => $"{KeyPrefix}{foundBy.ToUpperInvariant()}-{year}-{number:D6}";

    public static bool IsKey(string key) => CaseKey().IsMatch(key);

    [GeneratedRegex(@"^ILL-[A-Z]{2}-\d{4}-\d{6,}$", RegexOptions.CultureInvariant)]
    private static partial Regex CaseKey();
}

public static class IllegalTrafficEvolution
{
    public static IllegalTrafficCase? Evolve(IllegalTrafficCase? c, object @event)
    {
        if (@event is IllegalTrafficCaseOpened o)
        {
            return new IllegalTrafficCase
            {
                Id = o.CaseId, Status = IllegalTrafficCaseStatus.Open, FoundBy = o.FoundBy, Cause = o.Cause, Details = o.Details,
                StateOfExport = o.StateOfExport, StateOfImport = o.StateOfImport, TransitStates = o.TransitStates, WasteDescription = o.WasteDescription,
                Quantity = o.Quantity, Unit = o.Unit, NotificationNumber = o.NotificationNumber, FoundAt = o.FoundAt, OpenedAt = o.OpenedAt,
                StatesConcerned = new[] { o.FoundBy, o.StateOfExport, o.StateOfImport }.Concat(o.TransitStates).Distinct().ToArray(),
                LastChangedAt = o.OpenedAt,
            };
        }

        if (c is null) return null;
        var next = @event switch
        {
            ResponsibilityAttributed e => c with
            {
                Status = c.DutyMet ? IllegalTrafficCaseStatus.DutyMet : e.Party == ResponsibleParty.Undetermined ? IllegalTrafficCaseStatus.Cooperation : IllegalTrafficCaseStatus.DutyPending,
                Responsibility = new Responsibility(e.Party, e.ResponsibleState, e.InformedAt, e.DueAt, e.Basis, null, e.Details, e.AttributedBy, e.AttributedAt),
            },
            IllegalTrafficPeriodAgreed e when c.Responsibility is not null => c with
            {
                Responsibility = c.Responsibility with { DueAt = e.DueAt, AgreedDays = e.Days },
            },
            WasteTakenBack e => c with { Status = IllegalTrafficCaseStatus.DutyMet, TakenBackAt = e.ReturnedAt },
            AlternativeDisposalArranged e => c with
            {
                Status = IllegalTrafficCaseStatus.DutyMet,
                Disposal = new Disposal(e.Facility, e.Operation, e.Details, e.ArrangedBy, e.ArrangedAt),
            },
            IllegalTrafficCaseClosed e => c with { Status = IllegalTrafficCaseStatus.Closed, ClosedAt = e.ClosedAt, ClosureReason = e.Reason },
            _ => null,
        };
        return next is null ? c : @event is IProcedureFact fact ? next with { LastChangedAt = fact.OccurredAt } : next;
    }
}
