using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Notifications;

/// <summary>POST .../completeness-confirmations: the destination informs all that the notification is properly completed.</summary>
public sealed record ConfirmCompleteness;

public static partial class Procedure
{
    /// <summary>
    /// EU 2024/1157 Art. 8(12): once the authorities concerned are satisfied (dispatch Art. 8(6), destination and
    /// transit Art. 8(11)), the destination's authority informs the notifier and the other authorities that the
    /// notification is properly completed; the 30 days of Art. 9(1) run from this information. Only under 2024/1157:
    /// under the OECD Decision and 1013/2006 the acknowledgement starts the clock.
    /// </summary>
    public static Decision ConfirmCompleteness(NotificationState n, Actor actor, ConfirmCompleteness command, DateTimeOffset now)
    {
        if (!n.Concerns(actor.State)) return Decision.Refuse(NotConcerned(n, actor));
        if (!string.Equals(actor.State, n.StateOfImport, StringComparison.OrdinalIgnoreCase))
        {
            return Decision.Forbid("not-state-of-destination", DecisionClock.Article812,
                $"Only the authority of destination ({n.StateOfImport}) informs that notification {n.Id} is properly completed.");
        }

        if (Open(n) is { } closed) return Decision.Refuse(closed);
        if (n.Regime is not { Regime: ControlRegime.Eu, Instrument: RegimeInfo.Eu2024Instrument })
        {
            return Decision.Refuse("completeness-confirmation-not-applicable", "EU 2024/1157 Art. 8(12), 85(3)",
                $"Notification {n.Id} is under {n.Regime.Instrument}; its decision period runs from the destination's acknowledgement, not from an Art. 8(12) information.");
        }

        if (!DecisionClock.DestinationInUnion(n))
        {
            return Decision.Refuse("completeness-confirmation-not-applicable", "EU 2024/1157 Art. 8(12), 38(1), 44(1)",
                $"The destination of notification {n.Id} ({n.StateOfImport}) is outside the Union; its decision period runs from its acknowledgement.");
        }

        if (n.CompletenessConfirmedAt is { } at)
        {
            return Decision.Refuse("completeness-already-confirmed", DecisionClock.Article812,
                $"{n.StateOfImport} informed that notification {n.Id} is properly completed on {at:yyyy-MM-dd}.");
        }

        if (DecisionClock.CompletenessRefusal(n) is { } notYet) return Decision.Refuse(notYet);
        return Decision.Accept(new NotificationCompletenessConfirmed(n.StateOfImport, now));
    }
}
