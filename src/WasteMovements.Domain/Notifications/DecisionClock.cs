using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Notifications;

/// <summary>
/// When the OECD and EU decision periods start (docs/law.md, "The decision clock"): OECD C(2001)107 and
/// Reg. 1013/2006 Art. 9(1) from the destination's acknowledgement; Reg. 2024/1157 Art. 9(1) from the
/// destination's Art. 8(12) information that the notification is properly completed, which needs every
/// authority concerned satisfied (Art. 8(6) dispatch, 8(11) destination and transit) and no request open.
/// </summary>
public static class DecisionClock
{
    public const string Article812 = "EU 2024/1157 Art. 8(12)";

    /// <summary>The instant the period starts (null: not yet) and the event it runs from, with its article.</summary>
    public static (DateTimeOffset? Start, string From) Start(NotificationState n) => n.Regime switch
    {
        { Regime: ControlRegime.Eu, Instrument: RegimeInfo.Eu2024Instrument } when DestinationInUnion(n) =>
            (n.CompletenessConfirmedAt, "the destination's Art. 8(12) information (EU 2024/1157 Art. 9(1))"),
        // Exports and transit through the Union (Titles IV, VI): the destination is a third country's authority acting under
        // its own instrument (OECD C(2001)107: 30 days from its acknowledgement); Title II applies only mutatis mutandis
        // (Art. 38(1), 44(1), 49(1)) and nothing makes it give the Art. 8(12) information [K] (docs/law.md, "The decision clock").
        { Regime: ControlRegime.Eu, Instrument: RegimeInfo.Eu2024Instrument } =>
            (ImportAcknowledgedAt(n), "the destination's acknowledgement (EU 2024/1157 Art. 38(1), 44(1), 49(1); OECD C(2001)107)"),
        { Regime: ControlRegime.Eu } => (ImportAcknowledgedAt(n), "the destination's acknowledgement (EC 1013/2006 Art. 8(2), 9(1))"),
        _ => (ImportAcknowledgedAt(n), "the acknowledgement (OECD C(2001)107)"),
    };

    /// <summary>Whether the file waits for the destination's Art. 8(12) information.</summary>
    public static bool AwaitsCompleteness(NotificationState n) =>
        n.Regime is { Regime: ControlRegime.Eu, Instrument: RegimeInfo.Eu2024Instrument } && DestinationInUnion(n) && n.CompletenessConfirmedAt is null && !n.IsTerminal;

    /// <summary>Whether the destination is a Member State's authority (Titles II, V and Art. 32), which gives the Art. 8(12) information.</summary>
    public static bool DestinationInUnion(NotificationState n) =>
        n.Flow is null or EuFlow.IntraUnion or EuFlow.OutermostRegion or EuFlow.ImportFromOecd or EuFlow.ImportFromThirdCountry or EuFlow.ImportFromOverseasTerritory;

    /// <summary>
    /// Why the destination may not yet inform all that the notification is properly completed, or null when it may:
    /// an authority concerned has not said it is satisfied (Art. 8(11)) or has a request open (Art. 8(7)-(9)).
    /// </summary>
    public static Refusal? CompletenessRefusal(NotificationState n)
    {
        var unsatisfied = n.Authorities.Where(a => a.Role != AuthorityRole.Export && a.AcknowledgedAt is null && !a.HasDecided)
            .Select(a => a.State).ToArray();
        if (unsatisfied.Length > 0)
        {
            return new Refusal("authority-not-satisfied", "EU 2024/1157 Art. 8(11), 8(12)",
                $"The authorities of {string.Join(", ", unsatisfied)} have not said they are satisfied with notification {n.Id}; it is not properly completed.");
        }

        var open = n.InformationRequests.Where(r => r.AnsweredAt is null).Select(r => $"{r.State} ({r.RequestId})").ToArray();
        return open.Length > 0
            ? new Refusal("information-request-open", "EU 2024/1157 Art. 8(7)-(9), 8(12)",
                $"Information requested by {string.Join(", ", open)} is not yet provided; notification {n.Id} is not properly completed.")
            : null;
    }

    private static DateTimeOffset? ImportAcknowledgedAt(NotificationState n) =>
        n.Authorities.FirstOrDefault(x => x.Role == AuthorityRole.Import)?.AcknowledgedAt;
}
