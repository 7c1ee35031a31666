using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Demo;

/// <summary>Demo notifications between real states, under each regime.</summary>
public static class DemoScenarios
{
    public static IEnumerable<NotificationParticulars> Notifications()
    {
        // EU: lead-acid batteries from Germany to a Dutch smelter, through Belgium (general notification).
        yield return Notification("DE", "NL", ["BE"], "R4", "A1160", ["Y31", "Y34"], ["H8", "H11"], "Spent lead-acid batteries",
            "NL-FAC-ROTTERDAM-1", "Metals Recovery Rotterdam", 51.9, 4.4, NotificationKind.General, 12, 240m);
        // EU: halogenated solvents from France to German incineration (single notification).
        yield return Notification("FR", "DE", [], "D10", "A3150", ["Y41"], ["H3", "H6.1"], "Waste halogenated organic solvents",
            "DE-FAC-BREMEN-INC", "Sonderabfallverbrennung Bremen", 53.1, 8.8, NotificationKind.Single, 1, 18m);
        // OECD: spent catalysts from Japan to Korea for recovery.
        yield return Notification("JP", "KR", [], "R8", "A2030", ["Y22"], ["H11"], "Spent catalysts containing copper",
            "KR-FAC-ULSAN-2", "Ulsan Catalyst Recovery", 35.5, 129.3, NotificationKind.General, 6, 120m);
        // Basel: lead batteries from Malaysia to Japan, through Korea (tacit transit consent declared).
        yield return Notification("MY", "JP", ["KR"], "R4", "A1160", ["Y31", "Y34"], ["H8"], "Spent lead-acid batteries",
            "JP-FAC-AKITA-1", "Akita Lead Smelter", 39.7, 140.1, NotificationKind.General, 8, 160m);
    }

    private static NotificationParticulars Notification(
        string export, string import, string[] transits, string operation, string baselCode, string[] yCodes, string[] hCodes,
        string designation, string facilityId, string facilityName, double lat, double lon, NotificationKind kind, int shipments, decimal total) =>
        new(
            export, import,
            transits.Select(t => new TransitRoute(t, $"{t} border entry", $"{t} border exit", $"{t}-CUSTOMS-IN", $"{t}-CUSTOMS-OUT")).ToList(),
            $"{export}-CUSTOMS-EXIT", $"{import}-CUSTOMS-ENTRY", "As agreed with the carriers",
            kind, "No environmentally sound capacity for this operation in the state of export",
            new Party($"{export} Waste Export Ltd", $"Harbour Road 1, {export}", $"{export}-EXP-001", new ContactPerson("Export Officer", "+00 000", "export@example.org")),
            [new Generator($"{export} Industrial Site", $"Industrial Park 5, {export}", null, new ContactPerson("Site Manager", null, null), $"{export} industrial park", "Maintenance and production residues")],
            new Party($"{facilityName} Operator", $"Facility Road 10, {import}", $"{import}-CON-001", new ContactPerson("Consignee Contact", null, "consignee@example.org")),
            new Facility(facilityId, facilityName, $"Facility Road 10, {import}", $"Facility Road 10, {import}", new ContactPerson("Plant Manager", null, null), lat, lon, "Permitted treatment plant"),
            [new Carrier("Continental Carriers", "Logistics Park 3", "CAR-001", new ContactPerson("Dispatcher", null, null), ["road"])],
            ["road"],
            shipments, total, Units.Tonnes, kind == NotificationKind.General ? total / shipments : null,
            new DateOnly(2027, 1, 4), new DateOnly(2027, 12, 17),
            new WasteDescription(designation, "See attached analysis", baselCode, null, yCodes, hCodes, null, null, null, "solid", ["drum"], null, false, false),
            operation, null, false,
            new Insurance("Demo Insurance", "POL-DEMO", 1_000_000m, "EUR"),
            new Contract($"CTR-{export}-{import}-2026", new DateOnly(2026, 10, 1)),
            new Declaration("Export Officer", new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero), true));
}
