using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Notifications;

public enum ChangeKind
{
    /// <summary>EU 2024/1157 Art. 17(1)-(2): needs every authority concerned to say no new notification is required.</summary>
    Essential,
    /// <summary>A correction of contact or descriptive details that leaves the consented movement as it was (docs/law.md).</summary>
    NonEssential,
}

/// <summary>One item of the particulars a change touches, whether it is essential and why.</summary>
public sealed record ChangedItem(string Item, bool Essential, string Article);

/// <summary>
/// Which items of the particulars differ between two versions and whether the change is essential. EU 2024/1157
/// Art. 17(1) deems essential, "inter alia", changes in the quantity of waste, the routing (including alternative
/// routings), the date or dates of shipment and the carrier or carriers. The Regulation has no annex listing
/// essential changes; the facility is treated as essential because the consent is given for it (Art. 9(3), 13(1)(b)).
/// Contact details and the description of a facility or carrier that stays the same are not details of the consent
/// (recital 18 distinguishes minor clerical matters): a non-essential change. The choice is in docs/law.md.
/// </summary>
public static class ChangeClassifier
{
    public const string Art17 = "EU 2024/1157 Art. 17(1)";
    public const string Art17Facility = "EU 2024/1157 Art. 17(1) (inter alia), Art. 9(3), 13(1)(b)";
    public const string NotOfTheConsent = "not a detail of the consent (EU 2024/1157 recital 18; docs/law.md)";

    public static IReadOnlyList<ChangedItem> Compare(NotificationParticulars before, NotificationParticulars after)
    {
        var items = new List<ChangedItem>();
        if (before.TotalQuantity != after.TotalQuantity || before.IntendedShipments != after.IntendedShipments
            || before.QuantityPerShipment != after.QuantityPerShipment)
        {
            items.Add(new ChangedItem("quantity", true, Art17));
        }

        if (!Same(before.Transits, after.Transits) || before.CustomsOfficeOfExit != after.CustomsOfficeOfExit
            || before.CustomsOfficeOfEntry != after.CustomsOfficeOfEntry || before.Itinerary != after.Itinerary)
        {
            items.Add(new ChangedItem("routing", true, Art17));
        }

        if (before.FirstDeparture != after.FirstDeparture || before.LastDeparture != after.LastDeparture)
        {
            items.Add(new ChangedItem("dates of shipment", true, Art17));
        }

        if (!Same(before.Carriers.Select(CarrierIdentity), after.Carriers.Select(CarrierIdentity)))
        {
            items.Add(new ChangedItem("carriers", true, Art17));
        }
        else if (!Same(before.Carriers.Select(CarrierText), after.Carriers.Select(CarrierText)))
        {
            items.Add(new ChangedItem("carrier details", false, NotOfTheConsent));
        }

        if (FacilityIdentity(before.Facility) != FacilityIdentity(after.Facility))
        {
            items.Add(new ChangedItem("facility", true, Art17Facility));
        }
        else if (before.Facility != after.Facility)
        {
            items.Add(new ChangedItem("facility details", false, NotOfTheConsent));
        }

        if (before.Exporter.Contact != after.Exporter.Contact || before.Consignee.Contact != after.Consignee.Contact)
        {
            items.Add(new ChangedItem("contact details", false, NotOfTheConsent));
        }

        return items;
    }

    /// <summary>Essential when any item is (EU 2024/1157 Art. 17(1)).</summary>
    public static ChangeKind KindOf(IReadOnlyList<ChangedItem> items) =>
        items.Any(i => i.Essential) ? ChangeKind.Essential : ChangeKind.NonEssential;

    /// <summary>EU 2024/1157 Art. 17(3): the states the changed particulars concern that the notification did not.</summary>
    public static IReadOnlyList<string> NewStatesConcerned(NotificationState n, NotificationParticulars after) =>
        new[] { after.StateOfExport, after.StateOfImport }.Concat(after.Transits.Select(t => t.State))
            .Select(s => s.ToUpperInvariant()).Distinct().Where(s => !n.Concerns(s)).ToArray();

    private static string CarrierIdentity(Carrier c) => $"{c.Name.Trim().ToUpperInvariant()}|{c.RegistrationNumber?.Trim().ToUpperInvariant()}";

    // Records compare lists by reference: the means of transport are compared by their text.
    private static string CarrierText(Carrier c) => $"{CarrierIdentity(c)}|{c.Address}|{c.Contact}|{string.Join(',', c.MeansOfTransport)}";

    private static string FacilityIdentity(Facility f) =>
        $"{f.Id}|{f.Name.Trim().ToUpperInvariant()}|{f.SiteAddress.Trim().ToUpperInvariant()}|{f.Latitude}|{f.Longitude}";

    private static bool Same<T>(IEnumerable<T> a, IEnumerable<T> b) => a.SequenceEqual(b);
}
