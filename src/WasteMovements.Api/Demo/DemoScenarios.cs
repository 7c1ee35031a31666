using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Demo;

/// <summary>A step the demo takes through the API after filing: which state, which route, an optional condition or question.</summary>
public sealed record DemoStep(string Country, string Route, string? Condition = null);

/// <summary>Demo notifications between real states, under each regime, left at different steps of the procedure.</summary>
public static class DemoScenarios
{
    private static DemoStep Ack(string country) => new(country, "acknowledgements");
    private static DemoStep Consent(string country, string? condition = null) => new(country, "decisions", condition);

    public static IEnumerable<(NotificationParticulars Notification, DemoStep[] Steps)> Notifications()
    {
        var all = Particulars().ToArray();
        // EU, partially consented: Belgium's tacit transit consent is pending (Art. 9(1)).
        yield return (all[0], [Ack("NL"), Ack("BE"), Consent("DE", "Financial guarantee lodged before the first shipment"), Consent("NL", "Receipt confirmed within 2 working days")]);
        // EU, awaiting information from France.
        yield return (all[1], [Ack("DE"), new DemoStep("DE", "information-requests", "Please send the chlorine content analysis.")]);
        // OECD, acknowledged: Korea's tacit consent falls 30 days after acknowledgement.
        yield return (all[2], [Ack("KR")]);
        // Basel, consented by Japan in writing and Korea in writing.
        yield return (all[3], [Ack("KR"), Ack("JP"), Consent("JP", "Shipments by sea to Akita port only"), Consent("KR", "Transit by day only")]);
    }

    private static IEnumerable<NotificationParticulars> Particulars()
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
        // Basel: lead batteries from Malaysia to Japan, through Korea (Korea decides in writing: no sourced Art. 6(4) declaration).
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

    /// <summary>A pre-consent of the Netherlands for the Rotterdam facility (EU 2024/1157 Art. 14), 10 years from a year ago.</summary>
    public static Domain.PreconsentedFacilities.RegisterPreconsentedFacility PreconsentedRotterdam(DateOnly today) =>
        new("NL-PC-0001", "NL", "NL-FAC-ROTTERDAM-1", "Metals Recovery Rotterdam", "NL-REC-0042", "Facility Road 10, NL",
            "Secondary lead smelter with acid neutralisation", ["R4"], ["A1160", "Y31", "Y34"], 20000m, "t", today.AddYears(-1), null, "Demo decision NL-2025-PC-1");
}
