using WasteMovements.Domain.Common;
using WasteMovements.Domain.IllegalTraffic;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Reports;
using WasteMovements.Domain.Reports.PartII;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Reports;

/// <summary>
/// The Part II tables of the national report (Basel Art. 13(3)(b), (f)) folded from shipment facts, with known totals:
/// given the shipments of Malaysia to Japan (through Korea), when their facts are folded, then the rows of each table.
/// </summary>
public sealed class PartIITablesTests
{
    private static readonly DateTimeOffset T0 = Given.Now;
    private static readonly int Year = T0.UtcDateTime.Year;
    private static readonly Actor Export = Actor.Authority("officer", "MY");

    private static NotificationState Consented(string[]? transits = null)
    {
        var p = Samples.Notification("MY", "JP", transits: transits, shipments: 10, total: 100m);
        var n = NotificationEvolution.Create(Filing.Filed(p, "MY-2026-000001", Given.Registry, T0));
        var consents = new List<object> { new NotificationAcknowledged("JP", AuthorityRole.Import, T0),
            new ConsentGranted("JP", AuthorityRole.Import, [], TestStart.Day(8), TestStart.Day(8).AddYears(1).AddDays(-1), true, T0) };
        consents.AddRange((transits ?? []).Select(t => (object)new ConsentGranted(t, AuthorityRole.Transit, [], TestStart.Day(8), TestStart.Day(8).AddYears(1).AddDays(-1), false, T0)));
        return Given.That(n, [.. consents]);
    }

    /// <summary>A shipment in transit whose document carries <paramref name="waste"/> changes (codes, unit, density).</summary>
    private static (NotificationState N, ShipmentState S) Departed(Func<MovementDocument, MovementDocument>? change = null, string[]? transits = null)
    {
        var n = Consented(transits);
        var d = Shipping.Announce(n, Export, new AnnounceShipment(10m, "t", TestStart.Day(14), ["Trans Europa Logistik"], "box", 40), T0);
        Assert.False(d.IsRefused, d.Refusal?.Detail);
        var issued = d.Events.OfType<MovementDocumentIssued>().Single();
        issued = issued with { Document = change?.Invoke(issued.Document) ?? issued.Document };
        var s = ShipmentEvolution.Evolve(null, issued)!;
        s = ShipmentEvolution.Evolve(s, new ShipmentDeparted(n.Id, s.Id, T0, "Trans Europa Logistik", "K. Fahrer"))!;
        return (n, s);
    }

    private static ShipmentReceived Receipt(ShipmentState s, decimal quantity, string unit = Units.Tonnes) =>
        new(s.NotificationNumber, s.Id, s.FacilityId, T0.AddDays(1), quantity, unit, false, 0m, false, false, T0.AddDays(1));

    private static AnnualReport Fold(string state, params (ShipmentState S, ShipmentReceived R)[] receipts) =>
        receipts.Aggregate(AnnualReport.Empty(state, Year), (r, x) => AnnualReporting.Received(r, x.S, x.R));

    [Fact]
    public void The_export_table_sums_tonnes_received_by_partner_codes_and_operation_with_m3_converted_by_the_declared_density()
    {
        var (_, a) = Departed();
        var (_, b) = Departed();
        // The same waste with POPs flagged: a line of its own in the report, one row of the table (no POPs column).
        var (_, pops) = Departed(d => d with { Waste = d.Waste with { ContainsPops = true } });
        // An OECD-coded waste in m3 with a declared density of 1.25 t/m3, through Korea, UN class 9.
        var (_, m3) = Departed(d => d with { Unit = Units.CubicMetres, Waste = d.Waste with { BaselCode = null, OecdCode = "AC150", UnClass = "9", DensityTonnesPerCubicMetre = 1.25m } },
            transits: ["KR"]);
        var report = Fold("MY", (a, Receipt(a, 9.5m)), (b, Receipt(b, 10m)), (pops, Receipt(pops, 0.25m)), (m3, Receipt(m3, 8m, Units.CubicMetres)));

        var tables = PartIITables.Of(report);
        Assert.Empty(tables.Imports);
        Assert.Equal(2, tables.Exports.Count);
        var batteries = tables.Exports.Single(r => r.AnnexVIIICode == "A1160");
        Assert.Equal(("JP", (string?)null, "8", "R4", 19.75m, 1, 3), (batteries.PartnerState, batteries.OtherCode, batteries.UnClass, batteries.Operation,
            batteries.QuantityTonnes, batteries.Notifications, batteries.Shipments));
        Assert.Equal(["Y31", "Y34"], batteries.YCodes);
        Assert.Equal(["H11", "H8"], batteries.HCodes);
        Assert.Empty(batteries.TransitStates);
        var oecd = tables.Exports.Single(r => r.OtherCode == "AC150");
        Assert.Equal(((string?)null, "9", 10.000m, 1), (oecd.AnnexVIIICode, oecd.UnClass, oecd.QuantityTonnes, oecd.Shipments));
        Assert.Equal(["KR"], oecd.TransitStates);
        Assert.Equal(29.75m, tables.ExportedTonnes);
        Assert.Empty(tables.NotInTonnes);
    }

    [Fact]
    public void The_import_table_is_the_state_of_imports_side_and_a_quantity_in_m3_without_density_stays_out_of_the_tonnes()
    {
        var (_, a) = Departed();
        var (_, m3) = Departed(d => d with { Unit = Units.CubicMetres, Waste = d.Waste with { DensityTonnesPerCubicMetre = null } });
        var report = Fold("JP", (a, Receipt(a, 12.3456m)), (m3, Receipt(m3, 4m, Units.CubicMetres)));

        var tables = PartIITables.Of(report);
        Assert.Empty(tables.Exports);
        var row = Assert.Single(tables.Imports);
        Assert.Equal((TradeDirection.Import, "MY", "JP", 12.346m), (row.Direction, row.PartnerState, row.ReportingState, row.QuantityTonnes));
        var apart = Assert.Single(tables.NotInTonnes);
        Assert.Equal((Units.CubicMetres, 4m), (apart.Unit, apart.Quantity));
    }

    [Fact]
    public void Disposals_not_as_intended_list_the_take_back_and_the_alternative_arrangement()
    {
        var (n, returned) = Departed();
        returned = ShipmentEvolution.Evolve(returned, new ShipmentRejected(n.Id, returned.Id, returned.FacilityId, "Drums corroded", 10m, true, T0.AddDays(1), T0.AddDays(91)))!;
        var (_, alternative) = Departed();
        alternative = ShipmentEvolution.Evolve(alternative, new MovementCannotBeCompleted(n.Id, alternative.Id, "JP", "Facility fire", T0.AddDays(2), T0.AddDays(92)))!;
        var moerdijk = alternative.Document.Facility with { Id = "JP-FAC-OSAKA-2" };
        var arranged = new AlternativeArrangementMade(n.Id, alternative.Id, moerdijk, "Consent of JP obtained", T0.AddDays(5));
        alternative = ShipmentEvolution.Evolve(alternative, arranged)!;

        var report = AnnualReporting.Returned(AnnualReport.Empty("MY", Year), returned, new ShipmentReturned(n.Id, returned.Id, T0.AddDays(20)));
        report = AnnualReporting.AlternativeArranged(report, alternative, arranged);

        var rows = NotAsIntendedTable.Of(report);
        Assert.Equal(2, rows.Count);
        Assert.Equal((TakeBackLine.AlternativeFacilityArranged, "JP-FAC-OSAKA-2", "Facility fire", 10m, DateOnly.FromDateTime(T0.AddDays(5).UtcDateTime)),
            (rows[0].Arrangement, rows[0].AlternativeFacility, rows[0].Reason, rows[0].Quantity, rows[0].Date));
        Assert.Equal((TakeBackLine.TakenBack, (string?)null, "Drums corroded", 10m, "t", "JP", "A1160"),
            (rows[1].Arrangement, rows[1].AlternativeFacility, rows[1].Reason, rows[1].Quantity, rows[1].Unit, rows[1].PartnerState, rows[1].WasteCode));
        Assert.Equal(20m, rows.Sum(r => r.Quantity));
    }

    [Fact]
    public void Accidents_are_reported_with_place_and_measures_in_both_states_reports()
    {
        var (n, s) = Departed();
        var e = new AccidentDuringMovementReported(n.Id, s.Id, "JP", T0.AddHours(5), "Port of Kobe, berth 4", "JP", "A drum fell during unloading", "Spill absorbed", T0.AddHours(6));
        var export = AccidentTable.Of(AnnualReporting.Accident(AnnualReport.Empty("MY", Year), s, e));
        var import = AccidentTable.Of(AnnualReporting.Accident(AnnualReport.Empty("JP", Year), s, e));
        var row = Assert.Single(export);
        Assert.Equal((TradeDirection.Export, "JP", "Port of Kobe, berth 4", "JP", "A drum fell during unloading", "Spill absorbed", "JP"),
            (row.Direction, row.PartnerState, row.Place, row.State, row.WhatHappened, row.MeasuresTaken, row.ReportedBy));
        Assert.Equal((TradeDirection.Import, "MY"), (Assert.Single(import).Direction, import[0].PartnerState));
    }

    [Fact]
    public void Illegal_traffic_cases_list_the_cause_and_whom_the_states_held_responsible()
    {
        var (n, s) = Departed();
        var report = AnnualReporting.Illegal(AnnualReport.Empty("MY", Year), s,
            new IllegalTrafficFound(n.Id, s.Id, "JP", "not-matching-documents", "Mixed scrap", true, T0.AddDays(1), T0.AddDays(31)));
        report = AnnualReporting.CaseOpened(report, new IllegalTrafficCaseOpened("ILL-JP-2026-000001", "JP", "without-notification", "Found at the port", "MY", "JP", [],
            "Mixed metal scrap", 3m, Units.Tonnes, null, T0.AddDays(2), T0.AddDays(2)));
        var open = IllegalTrafficTable.Of(report);
        Assert.Equal([("not-matching-documents", "exporter", s.Id), ("without-notification", (string?)null, "ILL-JP-2026-000001")],
            open.Select(r => (r.Cause, r.Responsible, r.Reference)));
        report = AnnualReporting.CaseAttributed(report, new ResponsibilityAttributed("ILL-JP-2026-000001", "JP", ResponsibleParty.Importer, "JP", T0.AddDays(3), null,
            "Basel Art. 9(3)", "The importer brought it in", T0.AddDays(3)));
        Assert.Equal("importer", IllegalTrafficTable.Of(report)[1].Responsible);
    }
}
