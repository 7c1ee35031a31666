using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Notifications;

/// <summary>
/// What the notifier changes in the notified particulars after consent (EU 2024/1157 Art. 17(1)), or in the
/// particulars a renotification reuses (Art. 9(3)). Every field is optional: a field left out keeps the
/// particulars as they are. The body of POST .../changes and, with a reason, of POST .../renotifications.
/// </summary>
public sealed record ChangeOfParticulars(
    string Reason,
    IReadOnlyList<Carrier>? Carriers = null,
    IReadOnlyList<TransitRoute>? TransitStates = null,
    string? CustomsOfficeOfExit = null,
    string? CustomsOfficeOfEntry = null,
    string? Itinerary = null,
    int? IntendedShipments = null,
    decimal? TotalQuantity = null,
    decimal? QuantityPerShipment = null,
    DateOnly? FirstDeparture = null,
    DateOnly? LastDeparture = null,
    Facility? Facility = null,
    ContactPerson? ExporterContact = null,
    ContactPerson? ConsigneeContact = null)
{
    /// <summary>The particulars with this change applied; the fields left out stay as they are.</summary>
    public NotificationParticulars ApplyTo(NotificationParticulars p) => p with
    {
        Carriers = Carriers ?? p.Carriers,
        TransitStates = TransitStates ?? p.TransitStates,
        CustomsOfficeOfExit = CustomsOfficeOfExit ?? p.CustomsOfficeOfExit,
        CustomsOfficeOfEntry = CustomsOfficeOfEntry ?? p.CustomsOfficeOfEntry,
        Itinerary = Itinerary ?? p.Itinerary,
        IntendedShipments = IntendedShipments ?? p.IntendedShipments,
        TotalQuantity = TotalQuantity ?? p.TotalQuantity,
        QuantityPerShipment = QuantityPerShipment ?? p.QuantityPerShipment,
        FirstDeparture = FirstDeparture ?? p.FirstDeparture,
        LastDeparture = LastDeparture ?? p.LastDeparture,
        Facility = Facility ?? p.Facility,
        Exporter = ExporterContact is null ? p.Exporter : p.Exporter with { Contact = ExporterContact },
        Consignee = ConsigneeContact is null ? p.Consignee : p.Consignee with { Contact = ConsigneeContact },
    };
}
