namespace WasteMovements.Domain.Notifications;

public enum DeadlineKind
{
    /// <summary>An authority's decision period ends: tacit consent where silence is consent.</summary>
    DecisionPeriod,
    /// <summary>The consent's validity ends: ConsentExpired.</summary>
    ConsentValidity,
}

/// <summary>A deadline that makes the system act by itself when it passes, with its legal basis.</summary>
public sealed record DeadlineSpec(DeadlineKind Kind, string? State, DateTimeOffset DueAt, string Basis)
{
    public string Key(string notification) => $"{notification}|{Kind}|{State ?? "-"}";
}

/// <summary>
/// Which deadlines of a notification must be scheduled: tacit-consent periods of the authorities whose
/// silence is consent, and the end of the consent's validity.
/// </summary>
public static class ProcedureDeadlines
{
    public static IReadOnlyList<DeadlineSpec> Of(NotificationState n)
    {
        var specs = new List<DeadlineSpec>();
        if (n.IsTerminal) return specs;

        foreach (var a in n.Authorities)
        {
            if (!a.HasDecided && RegimeRules.SilenceIsConsent(n, a) && a.DecisionDeadline is { DueAt: { } due, Paused: false } d)
            {
                specs.Add(new DeadlineSpec(DeadlineKind.DecisionPeriod, a.State, due, d.Basis));
            }
        }

        if (n.Status is NotificationStatus.Consented && n.ConsentExpiresAt is { } expires)
        {
            specs.Add(new DeadlineSpec(DeadlineKind.ConsentValidity, null, expires, "end of the consent's validity (EU 2024/1157 Art. 9(4))"));
        }

        return specs;
    }

    /// <summary>The deadlines that are new or moved between two states of the same notification.</summary>
    public static IReadOnlyList<DeadlineSpec> Changed(NotificationState? before, NotificationState after)
    {
        var old = before is null ? [] : Of(before).ToHashSet();
        return Of(after).Where(s => !old.Contains(s)).ToArray();
    }
}
