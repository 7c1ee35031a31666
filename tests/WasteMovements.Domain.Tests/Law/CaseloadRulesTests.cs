using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Law;

/// <summary>
/// Rules of the real caseload (issue 13): a single notification is one shipment, pre-consent is for recovery,
/// nothing moves before consent, and a carrier the notification does not name is a change. Each test names its article.
/// </summary>
public sealed class CaseloadRulesTests
{
    private static readonly DateTimeOffset T0 = Given.Now;

    private static Decision File(NotificationParticulars p) =>
        Filing.File(new NewNotification($"{p.StateOfExport}-2026-000001", Given.Registry), Actor.Authority("alice", p.StateOfExport), p, T0);

    [Fact]
    public void A_single_notification_covers_one_shipment_Basel_Art_6_6_to_6_8_EU_Art_13()
    {
        var several = Samples.Notification("JP", "KR", kind: NotificationKind.Single, shipments: 3);
        Given.Refused(File(several), "single-notification-several-shipments", "Basel Art. 6(6)-(8); EU 2024/1157 Art. 13");
        Given.Single<NotificationFiled>(File(Samples.Notification("JP", "KR", kind: NotificationKind.Single)));
    }

    [Fact]
    public void Pre_consent_is_for_recovery_and_not_for_R13_only_EU_Art_14_1()
    {
        var disposal = Samples.Notification("DE", "NL", operation: "D10") with { PreconsentedFacility = true };
        Given.Refused(File(disposal), "preconsent-recovery-only", "EU 2024/1157 Art. 14(1); OECD C(2001)107 (pre-consented facilities)");
        var storage = Samples.Notification("DE", "NL", operation: "R13") with { PreconsentedFacility = true };
        Given.Refused(File(storage), "preconsent-not-for-r13", "EU 2024/1157 Art. 14(1)");
    }

    [Fact]
    public void A_general_notification_to_a_pre_consented_facility_may_run_36_months_EU_Art_14_12()
    {
        // The claim stands on the register of the state of destination (PreconsentRegisterTests).
        var sample = Samples.Notification("DE", "NL") with { PreconsentEntry = "NL-PC-0001" };
        var entry = PreconsentRegisterTests.Registered();
        Decision FileClaim(NotificationParticulars p) =>
            Filing.File(new NewNotification("DE-2026-000001", Given.Registry, entry), Actor.Authority("alice", "DE"), p, T0);
        Given.Single<NotificationFiled>(FileClaim(sample with { FirstDeparture = TestStart.Day(8), LastDeparture = TestStart.Day(8).AddYears(3) }));
        Given.Refused(FileClaim(sample with { FirstDeparture = TestStart.Day(8), LastDeparture = TestStart.Day(8).AddYears(3).AddDays(1) }),
            "general-notification-period", "EU 2024/1157 Art. 14(12)");
        // Not pre-consented: the 12 months of Basel Art. 6(8).
        Given.Refused(File(Samples.Notification("DE", "NL") with { FirstDeparture = TestStart.Day(8), LastDeparture = TestStart.Day(8).AddMonths(13) }),
            "general-notification-period", "Basel Art. 6(8)");
    }

    private static NotificationState Acknowledged() =>
        Given.That(NotificationEvolution.Create(Filing.Filed(Samples.Notification("MY", "JP"), "MY-2026-000001", Given.Registry, T0)),
            new NotificationAcknowledged("JP", AuthorityRole.Import, T0));

    [Fact]
    public void A_consent_is_not_valid_from_before_it_is_given_Basel_Art_6_3()
    {
        var n = Acknowledged();
        var consent = (DateOnly from) => new DecideOnConsent(ConsentDecisionKind.Consent, [], from, TestStart.Day(200), true, null);
        Given.Refused(Procedure.DecideOnConsent(n, Actor.Authority("o", "JP"), consent(TestStart.Day(-1)), T0),
            "consent-validity-before-decision", "Basel Art. 6(3); EU 2024/1157 Art. 9(4)");
        Given.Single<ConsentGranted>(Procedure.DecideOnConsent(n, Actor.Authority("o", "JP"), consent(TestStart.Day(0)), T0));
    }

    private static NotificationState ConsentedOn(DateTimeOffset decidedAt) =>
        Given.That(Acknowledged(), new ConsentGranted("JP", AuthorityRole.Import, [], TestStart.Day(0), TestStart.Day(300), true, decidedAt));

    [Fact]
    public void No_shipment_is_planned_or_departs_before_the_last_consent_Basel_Art_6_3_and_9_1_a()
    {
        var n = ConsentedOn(TestStart.At(10, 12));
        var plannedEarly = new AnnounceShipment(5m, "t", TestStart.Day(9), ["Trans Europa Logistik"], "box", 4);
        Given.Refused(Shipping.Announce(n, Actor.Authority("o", "MY"), plannedEarly, TestStart.At(11)), "departure-before-consent", "Basel Art. 6(3), 9(1)(a)");

        var announced = Shipping.Announce(n, Actor.Authority("o", "MY"), plannedEarly with { PlannedDeparture = TestStart.Day(12) }, TestStart.At(11));
        var shipment = ShipmentEvolution.Evolve(null, announced.Events.OfType<MovementDocumentIssued>().Single())!;
        var file = new ShipmentFile(shipment, Given.That(n, announced.Events.OfType<ShipmentAnnounced>().Single()));
        Given.Refused(Shipping.Depart(file, Actor.Authority("o", "MY"), new RecordDeparture(TestStart.At(9, 11), "Trans Europa Logistik"), TestStart.At(12)),
            "departure-before-consent", "Basel Art. 6(3), 9(1)(a)");
        Given.Single<ShipmentDeparted>(Shipping.Depart(file, Actor.Authority("o", "MY"), new RecordDeparture(TestStart.At(12, 8), "Trans Europa Logistik"), TestStart.At(12, 9)));
    }

    [Fact]
    public void A_carrier_the_notification_does_not_name_is_a_change_EU_Art_17()
    {
        var n = ConsentedOn(T0);
        var other = new AnnounceShipment(5m, "t", TestStart.Day(12), ["Unknown Haulage"], "box", 4);
        Given.Refused(Shipping.Announce(n, Actor.Authority("o", "MY"), other, T0), "carrier-not-notified", "Basel Annex V A item 5, Art. 6(9)");

        var announced = Shipping.Announce(n, Actor.Authority("o", "MY"), other with { Carriers = ["Trans Europa Logistik"] }, T0);
        var shipment = ShipmentEvolution.Evolve(null, announced.Events.OfType<MovementDocumentIssued>().Single())!;
        var file = new ShipmentFile(shipment, Given.That(n, announced.Events.OfType<ShipmentAnnounced>().Single()));
        Given.Refused(Shipping.Depart(file, Actor.Authority("o", "MY"), new RecordDeparture(TestStart.At(12, 8), "Unknown Haulage"), TestStart.At(12, 9)),
            "carrier-not-notified", "Basel Annex V A item 5, Art. 6(9)");
    }

    private static readonly RegimeInfo Eu2024 = new(ControlRegime.Eu, RegimeInfo.Eu2024Instrument);
    private static readonly RegimeInfo Eu2006 = new(ControlRegime.Eu, RegimeInfo.Eu2006Instrument);
    private static readonly RegimeInfo Oecd = new(ControlRegime.Oecd, RegimeInfo.OecdInstrument);
    private static readonly RegimeInfo Basel = new(ControlRegime.Basel, RegimeInfo.BaselInstrument);

    [Fact]
    public void Receipt_is_confirmed_within_each_regimes_own_period()
    {
        var monday = TestStart.At(0, 10);
        // EU 2024/1157 Art. 16(5): 2 working days -> by the end of Wednesday.
        Assert.Equal(TestStart.At(3, 0, 0), ShipmentRules.ReceiptConfirmationDue(Eu2024, monday, "NL"));
        // OECD C(2001)107: 3 working days -> by the end of Thursday.
        Assert.Equal(TestStart.At(4, 0, 0), ShipmentRules.ReceiptConfirmationDue(Oecd, monday, "KR"));
        // Reg. 1013/2006 Art. 16(d): within three (calendar) days -> from Friday by the end of Monday, the weekend included.
        var friday = TestStart.At(4, 10);
        Assert.Equal(TestStart.At(8, 0, 0), ShipmentRules.ReceiptConfirmationDue(Eu2006, friday, "NL"));
        // Basel Art. 6(9): no period.
        Assert.Null(ShipmentRules.ReceiptConfirmationDue(Basel, monday, "JP"));
    }

    [Fact]
    public void A_certificate_is_late_after_30_days_under_the_EU_and_OECD_but_Basel_asks_only_in_due_course()
    {
        var completed = TestStart.At(0);
        Assert.True(ShipmentRules.CertificateLate(Eu2024, completed, completed.AddDays(31)));   // EU 2024/1157 Art. 16(6)
        Assert.False(ShipmentRules.CertificateLate(Eu2024, completed, completed.AddDays(30)));
        Assert.True(ShipmentRules.CertificateLate(Oecd, completed, completed.AddDays(31)));
        Assert.False(ShipmentRules.CertificateLate(Basel, completed, completed.AddDays(400)));   // Basel Art. 6(9)
    }

    [Fact]
    public void The_EU_instrument_follows_the_date_of_acknowledgement_EU_Art_85_3()
    {
        var filedBefore = new DateTimeOffset(2026, 5, 18, 9, 0, 0, TimeSpan.Zero); // before 21 May 2026 (a fact of law)
        var n = NotificationEvolution.Create(Filing.Filed(Samples.Notification("DE", "NL"), "DE-2026-000001", Given.Registry, filedBefore));
        Assert.Equal(RegimeInfo.Eu2006Instrument, n.Regime.Instrument);

        var acknowledgedBefore = Given.That(n, new NotificationAcknowledged("NL", AuthorityRole.Import, new DateTimeOffset(2026, 5, 20, 9, 0, 0, TimeSpan.Zero)));
        Assert.Equal(RegimeInfo.Eu2006Instrument, acknowledgedBefore.Regime.Instrument);

        var acknowledgedFrom = Given.That(n, new NotificationAcknowledged("NL", AuthorityRole.Import, new DateTimeOffset(2026, 5, 21, 9, 0, 0, TimeSpan.Zero)));
        Assert.Equal(RegimeInfo.Eu2024Instrument, acknowledgedFrom.Regime.Instrument);
    }

    [Fact]
    public void Under_Basel_only_a_sourced_Art_6_4_declaration_makes_transit_silence_consent()
    {
        // The shipped registry asserts no declaration without its source.
        Assert.DoesNotContain(Given.Registry.All, p => p.TacitTransitConsent && string.IsNullOrWhiteSpace(p.TacitTransitConsentSource));
        var filed = Given.Single<NotificationFiled>(File(Samples.Notification("MY", "JP", ["KR"])));
        Assert.False(filed.Authorities.Single(a => a.State == "KR").AcceptsTacitConsent); // Basel Art. 6(4), 9(1)(b)

        var declared = Given.RegistryWith(Given.Registry.Find("KR")! with { TacitTransitConsent = true, TacitTransitConsentSource = "Art. 6(4) declaration (test)" });
        var withSource = Filing.File(new NewNotification("MY-2026-000002", declared), Actor.Authority("a", "MY"), Samples.Notification("MY", "JP", ["KR"]), T0);
        Assert.True(Given.Single<NotificationFiled>(withSource).Authorities.Single(a => a.State == "KR").AcceptsTacitConsent);
        // A flag without a source is not used.
        var unsourced = Given.RegistryWith(Given.Registry.Find("KR")! with { TacitTransitConsent = true, TacitTransitConsentSource = null });
        var without = Filing.File(new NewNotification("MY-2026-000003", unsourced), Actor.Authority("a", "MY"), Samples.Notification("MY", "JP", ["KR"]), T0);
        Assert.False(Given.Single<NotificationFiled>(without).Authorities.Single(a => a.State == "KR").AcceptsTacitConsent);
    }

    [Fact]
    public void An_Art_11_agreement_has_a_direction_Basel_Art_4_5_and_11()
    {
        // The US (not a Party) agreed with Malaysia on imports into the US only.
        Given.Single<NotificationFiled>(File(Samples.Notification("MY", "US")));
        Given.Refused(File(Samples.Notification("US", "MY")), "non-party-export", "Basel Art. 4(5)");
        // The Canada-US agreement covers both directions.
        Given.Single<NotificationFiled>(File(Samples.Notification("US", "CA", operation: "D10")));
        Given.Single<NotificationFiled>(File(Samples.Notification("CA", "US", operation: "D10")));
        // Every agreement the shipped registry asserts has its source.
        Assert.All(Given.Registry.All.SelectMany(p => p.Art11Agreements), a => Assert.False(string.IsNullOrWhiteSpace(a.Source), a.Partner));
    }

    private static NotificationParticulars Plastic(string export, string import, bool pops = false)
    {
        var p = Samples.Notification(export, import, operation: "R3");
        return p with
        {
            Waste = p.Waste with { Designation = "Mixed plastic waste", BaselCode = "B3011", YCodes = [], HCodes = [], UnClass = null, UnNumber = null, UnShippingName = null, ContainsPops = pops },
        };
    }

    [Fact]
    public void The_Union_exports_waste_for_disposal_only_to_EFTA_Basel_Parties_EU_Art_37()
    {
        Given.Refused(File(Samples.Notification("DE", "JP", operation: "D10")), "eu-export-for-disposal", "EU 2024/1157 Art. 37");
        Given.Single<NotificationFiled>(File(Samples.Notification("DE", "CH", operation: "D10")));
        Given.Single<NotificationFiled>(File(Samples.Notification("DE", "NO", operation: "D10")));
        // Within the Union, Art. 37 does not apply.
        Given.Single<NotificationFiled>(File(Samples.Notification("DE", "NL", operation: "D10")));
    }

    [Fact]
    public void The_Union_does_not_export_plastics_B3011_or_POPs_waste_for_recovery_to_non_OECD_countries_EU_Art_39_1()
    {
        // The B3011 ban applies from 21 November 2026 (a date of law, so written as a date).
        var fromBan = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
        Decision FileOn(NotificationParticulars p, DateTimeOffset on) =>
            Filing.File(new NewNotification("DE-2026-000001", Given.Registry), Actor.Authority("alice", "DE"), p, on);
        Given.Refused(FileOn(Plastic("DE", "MY"), fromBan), "eu-export-ban-plastics", "EU 2024/1157 Art. 39(1)(d)");
        Given.Single<NotificationFiled>(FileOn(Plastic("DE", "MY"), fromBan.AddDays(-1)));
        Given.Refused(File(Plastic("DE", "MY", pops: true) with { Waste = Plastic("DE", "MY").Waste with { BaselCode = "B1010", ContainsPops = true } }),
            "eu-export-ban-pops", "EU 2024/1157 Art. 39(1)(f)");
        // To an OECD country the bans of Art. 39 do not apply.
        Given.Single<NotificationFiled>(File(Plastic("DE", "JP")));
    }

    [Fact]
    public void A_guarantee_must_apply_from_the_start_of_every_shipment_EU_Art_7()
    {
        var n = Given.That(NotificationEvolution.Create(Filing.Filed(Samples.Notification("DE", "NL"), "DE-2026-000001", Given.Registry, T0)),
            new NotificationAcknowledged("NL", AuthorityRole.Import, T0),
            new ConsentGranted("DE", AuthorityRole.Export, [], TestStart.Day(0), TestStart.Day(300), false, T0),
            new ConsentGranted("NL", AuthorityRole.Import, [], TestStart.Day(0), TestStart.Day(300), true, T0));
        var de = Actor.Authority("o", "DE");
        var tooShort = new RecordGuarantee(GuaranteeKind.Guarantee, "Bank", "G-1", 100000m, "EUR", "transport, treatment, 90 days' storage", n.Particulars.LastDeparture.AddDays(-1));
        Given.Refused(Procedure.RecordGuarantee(n, de, tooShort, T0), "guarantee-validity-too-short", "EU 2024/1157 Art. 7");

        // A guarantee recorded before its end, then approved, no longer covers a departure after it ended.
        n = Given.That(n, new FinancialGuaranteeRecorded(GuaranteeKind.Guarantee, "Bank", "G-1", 100000m, "EUR", "cover", TestStart.Day(20), T0),
            new FinancialGuaranteeApproved("DE", T0));
        var late = new AnnounceShipment(5m, "t", TestStart.Day(21), ["Trans Europa Logistik"], "box", 4);
        Given.Refused(Shipping.Announce(n, de, late, T0), "guarantee-expired", "EU 2024/1157 Art. 7");
        Assert.False(Shipping.Announce(n, de, late with { PlannedDeparture = TestStart.Day(20) }, T0).IsRefused);
    }
}
