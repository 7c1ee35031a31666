using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.Shipments;

/// <summary>The pending steps a shipment gives the export authority and the facility, with their deadlines.</summary>
public static class ShipmentInbox
{
    public static IEnumerable<InboxItem> ForFacility(ShipmentState s, string facilityId, DateTimeOffset now)
    {
        if (s.FacilityId != facilityId) yield break;
        var what = $"shipment {s.ShipmentNumber} of {s.NotificationNumber}: {s.Document.Quantity} {s.Document.Unit} {s.Document.Waste.Designation}";
        if (s.Status == ShipmentStatus.InTransit)
        {
            yield return Item(s, "confirm-receipt", ShipmentDeadlineKind.Receipt, now, "Confirm receipt of " + what);
        }
        else if (s.Status is ShipmentStatus.Received or ShipmentStatus.InterimCompleted)
        {
            yield return Item(s, "certify-completion", ShipmentDeadlineKind.Certificate, now,
                (s.Status == ShipmentStatus.InterimCompleted ? "Final certificate for " : "Certify disposal or recovery of ") + what);
        }
    }

    public static IEnumerable<InboxItem> ForExportAuthority(ShipmentState s, string country, DateTimeOffset now)
    {
        if (!string.Equals(s.StateOfExport, country, StringComparison.OrdinalIgnoreCase)) yield break;
        var what = $"shipment {s.ShipmentNumber} of {s.NotificationNumber}";
        if (s.Status == ShipmentStatus.Announced)
        {
            var planned = new DateTimeOffset(s.Document.PlannedDeparture.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            yield return new InboxItem(s.NotificationNumber, "record-departure", country, AuthorityRole.Export, planned.AddDays(1),
                "planned departure", planned.AddDays(1) < now, false, s.Id, $"Record the departure of {what} (planned {s.Document.PlannedDeparture:yyyy-MM-dd})");
        }

        foreach (var d in s.Deadlines.Where(d => d.Overdue))
        {
            yield return new InboxItem(s.NotificationNumber, d.Kind switch
                {
                    ShipmentDeadlineKind.Receipt => "inform-state-of-import-no-receipt",
                    ShipmentDeadlineKind.Certificate => "inform-state-of-import-no-certificate",
                    _ => "take-back-overdue",
                }, country, AuthorityRole.Export, d.DueAt, d.Basis, true, false, s.Id,
                d.Kind == ShipmentDeadlineKind.TakeBack ? $"Take-back of {what} is overdue" : $"No {(d.Kind == ShipmentDeadlineKind.Receipt ? "receipt" : "certificate")} for {what}: inform the state of import (Basel Art. 6(9))");
        }

        if (s.PendingTakeBack is { } t && !s.Deadlines.Any(d => d is { Kind: ShipmentDeadlineKind.TakeBack, Overdue: true }))
        {
            yield return new InboxItem(s.NotificationNumber, "take-back", country, AuthorityRole.Export, t.DueAt, t.Basis, t.DueAt < now, false, s.Id,
                $"Ensure take-back of {t.Quantity} {s.Document.Unit} of {what} ({t.Reason}) or arrange an alternative");
        }

        if (s.HasDiscrepancy && !s.IsConcluded)
        {
            yield return new InboxItem(s.NotificationNumber, "review-discrepancy", country, AuthorityRole.Export, null,
                $"received {s.Receipt!.Quantity} {s.Document.Unit}, announced {s.Document.Quantity} ({s.Receipt.DifferencePercent} %)", false, false, s.Id,
                $"Quantity discrepancy on {what}");
        }
    }

    private static InboxItem Item(ShipmentState s, string step, ShipmentDeadlineKind kind, DateTimeOffset now, string summary)
    {
        var d = s.Deadlines.FirstOrDefault(x => x.Kind == kind);
        // After the interim certificate the final one's year runs from the delivery to the subsequent facility (EU Art. 15(5)).
        var basis = d?.Basis ?? (s.Status == ShipmentStatus.InterimCompleted && s.Document.Regime.Regime != ControlRegime.Basel
            ? "within one year of the delivery to the subsequent facility (EU 2024/1157 Art. 15(5))"
            : "in due course (Basel Art. 6(9))");
        return new InboxItem(s.NotificationNumber, step, s.FacilityId, AuthorityRole.Import, d?.DueAt, basis,
            d is not null && (d.Overdue || d.DueAt < now), false, s.Id, summary);
    }
}
