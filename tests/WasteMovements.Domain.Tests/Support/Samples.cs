using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Tests.Support;

/// <summary>Valid notifications between real states, to be varied with `with`; dates are relative to <see cref="TestStart"/>.</summary>
public static class Samples
{
    public static NotificationParticulars Notification(
        string export = "DE",
        string import = "NL",
        string[]? transits = null,
        string operation = "R4",
        NotificationKind kind = NotificationKind.General,
        int? shipments = null,
        decimal total = 100m,
        string? facilityId = null) =>
        new(
            StateOfExport: export,
            StateOfImport: import,
            TransitStates: (transits ?? []).Select(t => new TransitRoute(t, $"{t} entry", $"{t} exit", $"{t}-CO-IN", $"{t}-CO-OUT")).ToList(),
            CustomsOfficeOfExit: $"{export}-CO-EXIT",
            CustomsOfficeOfEntry: $"{import}-CO-ENTRY",
            Itinerary: "Road via the motorway network",
            Kind: kind,
            ReasonForExport: "No domestic capacity for recovery of lead from spent batteries",
            Exporter: new Party("Batterie Recycling Export GmbH", "Hafenstrasse 1, 20457 Hamburg", "DE-EXP-0001",
                new ContactPerson("Erika Mustermann", "+49 40 000000", "erika@example.org")),
            Generators: [new Generator("Autowerkstatt Nord", "Werkstrasse 5, 22041 Hamburg", null,
                new ContactPerson("Max Mustermann", null, null), "Hamburg workshop", "Replacement of vehicle batteries")],
            Consignee: new Party("Metals Recovery BV", "Industrieweg 10, Rotterdam", "NL-REC-0042",
                new ContactPerson("Jan Jansen", "+31 10 000000", "jan@example.org")),
            Facility: new Facility(facilityId ?? "NL-FAC-ROTTERDAM-1", "Metals Recovery Rotterdam", "Industrieweg 10, Rotterdam",
                "Industrieweg 10, 3044 Rotterdam", new ContactPerson("Piet de Vries", null, "piet@example.org"), 51.9, 4.4,
                "Secondary lead smelter with acid neutralisation"),
            // Every carrier a test moves waste with is named here (EU 2024/1157 Art. 17: another carrier is a change).
            Carriers:
            [
                new Carrier("Trans Europa Logistik", "Ring 3, Bremen", "DE-CAR-77", new ContactPerson("Karl Fahrer", null, null), ["road"]),
                new Carrier("Sea Carrier", "Port Klang", null, new ContactPerson("Dispatcher", null, null), ["sea"]),
                new Carrier("Atlantic Lines", "Tema Port", null, new ContactPerson("Dispatcher", null, null), ["sea"]),
            ],
            MeansOfTransport: ["road"],
            IntendedShipments: shipments ?? (kind == NotificationKind.Single ? 1 : 10),
            TotalQuantity: total,
            Unit: Units.Tonnes,
            QuantityPerShipment: kind == NotificationKind.General ? total / (shipments ?? 10) : null,
            FirstDeparture: TestStart.Day(8),
            LastDeparture: TestStart.Day(8).AddYears(1).AddDays(-1),
            Waste: new WasteDescription("Spent lead-acid batteries, whole", "Lead 60-70 %, sulphuric acid 10-20 %, polypropylene",
                "A1160", null, ["Y31", "Y34"], ["H8", "H11"], "8", "UN2794", "BATTERIES, WET, FILLED WITH ACID", "solid",
                ["box"], "Keep upright; acid-resistant pallets", false, false),
            Operation: operation,
            SubsequentOperation: null,
            PreconsentedFacility: false,
            Insurance: new Insurance("Allianz", "POL-123", 500000m, "EUR"),
            Contract: new Contract("CTR-17", TestStart.Day(-53)),
            Declaration: new Declaration("Erika Mustermann", TestStart.At(-3, 10), true));
}
