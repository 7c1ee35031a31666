using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Domain.Interim;

/// <summary>
/// Interim operations (Basel Annex IV D13-D15, R12-R13; EU 2024/1157 Art. 15): the notification names every subsequent
/// facility and its operation; an onward delivery to another country is a new notification linked to the first
/// (Art. 15(7)-(8)). Pure: the endpoint loads the earlier notification the filing names.
/// </summary>
public static class InterimOperations
{
    /// <summary>The article of the duty to name the subsequent facilities, per regime.</summary>
    public static string SubsequentArticle(ControlRegime regime) =>
        regime == ControlRegime.Eu ? "EU 2024/1157 Art. 15(1)" : "Basel Annex V A items 4, 18; Annex IV (D13-D15, R12-R13)";

    public static Refusal? CheckFiling(NotificationParticulars p, ControlRegime regime, NotificationState? earlier)
    {
        var interim = ShipmentRules.IsInterim(p.Operation.ToUpperInvariant());
        var article = SubsequentArticle(regime);
        if (!interim && p.Subsequent.Count > 0)
        {
            return new Refusal("subsequent-facilities-without-interim", "Basel Annex IV (D13-D15, R12-R13); EU 2024/1157 Art. 15(1)",
                $"{p.Operation} is not an interim operation (D13-D15, R12, R13): a notification names subsequent facilities only after an interim operation.");
        }

        if (interim)
        {
            // Art. 15(1): all the facilities of the subsequent interim or non-interim operations; the chain ends with a
            // non-interim one, which is the notification's subsequent operation.
            var last = p.Subsequent.Count == 0 ? null : p.Subsequent[^1];
            var detail = last is null
                ? $"{p.Operation} is an interim operation: name every facility of the subsequent operations (subsequentFacilities)."
                : ShipmentRules.IsInterim(last.Operation.ToUpperInvariant())
                    ? $"The last subsequent facility ({last.Facility.Id}) carries out {last.Operation}, an interim operation: name the facility of the non-interim operation."
                    : !string.Equals(last.Operation, p.SubsequentOperation, StringComparison.OrdinalIgnoreCase)
                        ? $"The subsequent operation is {p.SubsequentOperation}, but the last subsequent facility ({last.Facility.Id}) carries out {last.Operation}."
                        : null;
            if (detail is not null) return new Refusal("subsequent-facilities-incomplete", article, detail);
        }

        if (p.EarlierNotification is { } number)
        {
            if (earlier is null || !string.Equals(earlier.Id, number, StringComparison.OrdinalIgnoreCase))
            {
                return new Refusal("earlier-notification-unknown", "EU 2024/1157 Art. 15(7)-(8)", $"No notification {number} to link this onward delivery to.");
            }

            var mismatch = !ShipmentRules.IsInterim(earlier.Particulars.Operation.ToUpperInvariant())
                ? $"{earlier.Id} is for {earlier.Particulars.Operation}, not an interim operation: there is no onward delivery to notify."
                : !string.Equals(earlier.StateOfImport, p.StateOfExport, StringComparison.OrdinalIgnoreCase)
                    ? $"The waste of {earlier.Id} went to {earlier.StateOfImport}; an onward delivery leaves from there, not from {p.StateOfExport}."
                    : !earlier.Particulars.Subsequent.Any(f => string.Equals(f.Facility.Id, p.Facility.Id, StringComparison.Ordinal)
                                                              && string.Equals(f.State, p.StateOfImport, StringComparison.OrdinalIgnoreCase))
                        ? $"{earlier.Id} does not name {p.Facility.Id} in {p.StateOfImport} among its subsequent facilities (Art. 15(1))."
                        : null;
            if (mismatch is not null) return new Refusal("earlier-notification-mismatch", "EU 2024/1157 Art. 15(1), (7)-(8)", mismatch);
        }

        return null;
    }
}
