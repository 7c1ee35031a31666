using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Shipments;

/// <summary>Basel Art. 13(1), 13(3)(f): a state concerned reports an accident during the movement or disposal.</summary>
public sealed class AccidentRulesTests
{
    private static readonly DateTimeOffset T0 = Given.Now;
    private static readonly Actor Export = Actor.Authority("officer", "MY");

    /// <summary>Malaysia to Japan through Korea, consented by all; one shipment announced.</summary>
    private static ShipmentFile Announced()
    {
        var p = Samples.Notification("MY", "JP", transits: ["KR"], shipments: 10, total: 100m);
        var n = Given.That(NotificationEvolution.Create(Filing.Filed(p, "MY-2026-000001", Given.Registry, T0)),
            new NotificationAcknowledged("JP", AuthorityRole.Import, T0),
            new ConsentGranted("JP", AuthorityRole.Import, [], TestStart.Day(8), TestStart.Day(8).AddYears(1).AddDays(-1), true, T0),
            new ConsentGranted("KR", AuthorityRole.Transit, [], TestStart.Day(8), TestStart.Day(8).AddYears(1).AddDays(-1), false, T0));
        var d = Shipping.Announce(n, Export, new AnnounceShipment(10m, "t", TestStart.Day(14), ["Trans Europa Logistik"], "box", 40), T0);
        Assert.False(d.IsRefused, d.Refusal?.Detail);
        return new ShipmentFile(ShipmentEvolution.Evolve(null, d.Events.OfType<MovementDocumentIssued>().Single())!, Given.That(n, d.Events.OfType<ShipmentAnnounced>().Single()));
    }

    private static ShipmentFile Departed(DateTimeOffset at)
    {
        var f = Announced();
        return f with { Shipment = ShipmentEvolution.Evolve(f.Shipment, new ShipmentDeparted(f.Notification.Id, f.Shipment.Id, at, "Trans Europa Logistik", "K. Fahrer"))! };
    }

    private static ReportAccident Accident(DateTimeOffset at, string? state = "KR") =>
        new(at, " Gyeongbu expressway, km 210 ", state, "The truck overturned; two boxes broke open.", "The road was closed and the spill recovered by the fire service.");

    [Fact]
    public void A_transit_state_reports_an_accident_during_the_movement_Art_13_1()
    {
        var f = Departed(T0);
        var e = Given.Single<AccidentDuringMovementReported>(Shipping.ReportAccident(f, Actor.Authority("x", "KR"), Accident(T0.AddHours(20), "kr"), T0.AddDays(1)));
        Assert.Equal(("KR", "KR", "Gyeongbu expressway, km 210", T0.AddHours(20), T0.AddDays(1)), (e.ReportedBy, e.State, e.Place, e.HappenedAt, e.ReportedAt));
        var s = ShipmentEvolution.Evolve(f.Shipment, e)!;
        Assert.Equal("The road was closed and the spill recovered by the fire service.", Assert.Single(s.Accidents).MeasuresTaken);
        Assert.Equal(T0.AddDays(1), s.LastChangedAt);
        // At sea: no state.
        Assert.Null(Given.Single<AccidentDuringMovementReported>(Shipping.ReportAccident(f, Actor.Authority("x", "JP"), Accident(T0.AddHours(2), null), T0.AddDays(1))).State);
    }

    [Fact]
    public void Only_a_state_concerned_reports_an_accident_Art_2_13()
    {
        var refused = Shipping.ReportAccident(Departed(T0), Actor.Authority("x", "PL"), Accident(T0.AddHours(1)), T0.AddDays(1));
        Given.Refused(refused, "not-concerned", "Basel Art. 2(13)");
        Assert.Equal(RefusalKind.NotPermitted, refused.Refusal!.Kind);
    }

    [Fact]
    public void An_accident_in_the_future_is_refused_Art_13_1()
    {
        Given.Refused(Shipping.ReportAccident(Departed(T0), Export, Accident(T0.AddDays(2)), T0.AddDays(1)), "accident-in-the-future", "Basel Art. 13(1)");
    }

    [Fact]
    public void An_accident_before_the_movement_started_is_not_one_of_the_movement_Art_13_1()
    {
        Given.Refused(Shipping.ReportAccident(Announced(), Export, Accident(T0), T0.AddDays(1)), "accident-before-movement", "Basel Art. 13(1)");
        Given.Refused(Shipping.ReportAccident(Departed(T0), Export, Accident(T0.AddHours(-1)), T0.AddDays(1)), "accident-before-movement", "Basel Art. 13(1)");
    }
}
