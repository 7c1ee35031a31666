using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.PreconsentedFacilities;

namespace WasteMovements.Domain.Notifications;

/// <summary>
/// POST .../changes: the change as the notifier gave it, the registry in force to check the changed particulars, and
/// the records those particulars name, loaded by the endpoint as for a filing: the pre-consent register entry as it
/// stands today (EU 2024/1157 Art. 14) and the notification an onward delivery follows (Art. 15(7)-(8)).
/// </summary>
public sealed record RecordChange(ChangeOfParticulars Change, CountryRegistry Registry, PreconsentedFacilityEntry? Preconsent = null, NotificationState? Earlier = null);

public static partial class Procedure
{
    /// <summary>
    /// EU 2024/1157 Art. 17(1): the notifier informs the authorities concerned of a change after consent; the state of
    /// export's authority records it (the file goes through it, Basel Art. 6(1)). An essential change waits for every
    /// other authority concerned to say that no new notification is required (Art. 17(2)); one that involves other
    /// authorities needs a new notification (Art. 17(3)); a non-essential change is in force at once. The changed
    /// particulars pass the filing checks again (<see cref="Filing.Check"/>).
    /// </summary>
    public static Decision RecordChange(NotificationState n, Actor actor, RecordChange command, DateTimeOffset now)
    {
        if (OnlyStateOfExport(n, actor, "records a change of the notified particulars") is { } notExport) return Decision.Refuse(notExport);
        if (Open(n) is { } closed) return Decision.Refuse(closed);
        if (n.Status != NotificationStatus.Consented)
        {
            return Decision.Refuse("change-before-consent", "EU 2024/1157 Art. 17(1)",
                $"Notification {n.Id} is {n.Status}: a change under Art. 17 is made to a consented notification; before consent the authorities examine the notification as filed.");
        }

        if (n.PendingChange is { } pending)
        {
            return Decision.Refuse("change-already-pending", "EU 2024/1157 Art. 17(2)",
                $"Change {pending.ChangeId} still waits for the answers of {string.Join(", ", pending.Answers.Where(a => a.AnsweredAt is null).Select(a => a.State))}; record the next change once they have answered.");
        }

        var after = command.Change.ApplyTo(n.Particulars);
        var items = ChangeClassifier.Compare(n.Particulars, after);
        if (items.Count == 0)
        {
            return Decision.Refuse("change-changes-nothing", "EU 2024/1157 Art. 17(1)",
                "The change gives the particulars as they already are.");
        }

        var newStates = ChangeClassifier.NewStatesConcerned(n, after);
        if (newStates.Count > 0)
        {
            return Decision.Refuse("change-involves-other-authorities", "EU 2024/1157 Art. 17(3)",
                $"The change involves {string.Join(", ", newStates)}, not concerned by notification {n.Id}: a new notification is submitted " +
                $"(POST /api/notifications/{n.Id}/renotifications reuses these particulars).");
        }

        if (after.TotalQuantity < n.QuantityAnnounced || after.IntendedShipments < n.Shipments.Count)
        {
            return Decision.Refuse("change-below-shipments-announced", "EU 2024/1157 Art. 17(1)",
                $"{n.Shipments.Count} shipments ({n.QuantityAnnounced} {n.Particulars.Unit}) are already announced; the changed notification cannot cover fewer.");
        }

        // Art. 9(4)-(5): a change of dates cannot stretch the consents' validity; that takes a new notification. Only the
        // dates the change moves are compared: the notified period may be longer than the validity the authorities gave.
        var p = n.Particulars;
        if ((n.ConsentValidUntil is { } until && after.LastDeparture != p.LastDeparture && after.LastDeparture > until)
            || (n.ConsentValidFrom is { } from && after.FirstDeparture != p.FirstDeparture && after.FirstDeparture < from))
        {
            return Decision.Refuse("change-outside-consent-validity", "EU 2024/1157 Art. 9(4), 9(5)",
                $"The consents are valid from {n.ConsentValidFrom:yyyy-MM-dd} to {n.ConsentValidUntil:yyyy-MM-dd}; shipments from {after.FirstDeparture:yyyy-MM-dd} to {after.LastDeparture:yyyy-MM-dd} need a new notification.");
        }

        // The pre-consent claim is checked against the entry as it stands on the change date, not as recorded at filing:
        // a pre-consent revoked or past its validity no longer gives the shortened procedure (EU 2024/1157 Art. 14(9)-(10),
        // 14(14); docs/law.md 3.6, 3.8), so a new particulars version cannot rest on it. The record on the file stays.
        if (Filing.Check(after, actor, command.Registry, now, command.Preconsent, command.Earlier) is { } refusal) return Decision.Refuse(refusal);

        var kind = ChangeClassifier.KindOf(items);
        var changeId = $"CH-{n.Changes.Count + 1}";
        var version = n.ParticularsVersion + 1;
        var reason = command.Change.Reason.Trim();
        if (kind == ChangeKind.NonEssential)
        {
            return Decision.Accept(
                new NotificationChangeRecorded(changeId, version, kind, items, after, reason, [], now),
                new NotificationChangeInForce(changeId, version, now));
        }

        var askFrom = n.Authorities.Where(a => a.Role != AuthorityRole.Export).Select(a => a.State).ToArray();
        return Decision.Accept(new NotificationChangeRecorded(changeId, version, kind, items, after, reason, askFrom, now));
    }
}
