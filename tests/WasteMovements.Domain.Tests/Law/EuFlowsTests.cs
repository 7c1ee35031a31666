using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Law;

/// <summary>
/// Issue 13 item 1: EU 2024/1157 Titles IV-VI. A shipment with a third country is not run as intra-Union: each
/// authority outside the Union follows the rule the Regulation gives it. Each test names its article.
/// </summary>
public sealed class EuFlowsTests
{
    private static readonly DateTimeOffset T0 = Given.Now;

    private static Actor Ca(string country) => Actor.Authority($"officer.{country}", country);

    private static NotificationFiled Filed(NotificationParticulars p, CountryRegistry? registry = null) =>
        Filing.Filed(p, $"{p.StateOfExport}-2026-000001", registry ?? Given.Registry, T0);

    private static NotificationState State(NotificationParticulars p, CountryRegistry? registry = null) =>
        NotificationEvolution.Create(Filed(p, registry));

    private static DecideOnConsent WrittenConsent(bool contract) =>
        new(ConsentDecisionKind.Consent, [], TestStart.Day(70), TestStart.Day(300), contract, null);

    private static Decision PeriodEnds(NotificationState n, string state)
    {
        var due = n.AuthorityOf(state)!.DecisionDeadline!.DueAt!.Value;
        Assert.Empty(Procedure.DecisionPeriodEnded(n, Actor.Deadlines, new EndDecisionPeriod(state), due.AddTicks(-1)).Events);
        return Procedure.DecisionPeriodEnded(n, Actor.Deadlines, new EndDecisionPeriod(state), due);
    }

    [Theory]
    [InlineData("CH")]
    [InlineData("NO")]
    [InlineData("US")] // not a Basel Party: the OECD Decision is the Art. 11 arrangement (Basel Art. 4(5), 11)
    public void An_OECD_destination_outside_the_Union_may_consent_tacitly_EU_Art_44_2_g(string destination)
    {
        var filed = Filed(Samples.Notification("DE", destination));
        Assert.Equal(EuFlow.ExportForRecoveryToOecd, filed.Flow);

        var n = Given.That(NotificationEvolution.Create(filed), new NotificationAcknowledged(destination, AuthorityRole.Import, T0));
        Assert.Contains("30 days", n.AuthorityOf(destination)!.DecisionDeadline!.Basis);
        var deemed = Given.Single<ConsentDeemed>(PeriodEnds(n, destination));
        Assert.Equal("EU 2024/1157 Art. 44(2)(g)", deemed.Article);

        // The dispatch authority in the Union still decides in writing (Art. 9(1)).
        Assert.Empty(PeriodEnds(n, "DE").Events);
    }

    [Fact]
    public void An_OECD_dispatch_authority_outside_the_Union_may_consent_tacitly_EU_Art_53_2_a()
    {
        var filed = Filed(Samples.Notification("CH", "DE"));
        Assert.Equal(EuFlow.ImportFromOecd, filed.Flow);
        var n = Given.That(NotificationEvolution.Create(filed), new NotificationAcknowledged("DE", AuthorityRole.Import, T0));

        var deemed = Given.Single<ConsentDeemed>(PeriodEnds(n, "CH"));
        Assert.Equal("EU 2024/1157 Art. 53(2)(a)", deemed.Article);
        // The destination in the Union decides in writing.
        Assert.Empty(PeriodEnds(n, "DE").Events);
    }

    [Fact]
    public void An_export_for_disposal_to_EFTA_needs_the_destinations_written_consent_first_EU_Art_38_2_g_and_4_a()
    {
        var filed = Filed(Samples.Notification("DE", "CH", operation: "D10"));
        Assert.Equal(EuFlow.ExportForDisposalToEfta, filed.Flow);
        var n = Given.That(NotificationEvolution.Create(filed), new NotificationAcknowledged("CH", AuthorityRole.Import, T0));

        // Art. 38(4)(a): the EFTA destination consents in writing; its silence is not consent.
        Assert.Empty(PeriodEnds(n, "CH").Events);
        Given.Refused(Procedure.DecideOnConsent(n, Ca("DE"), WrittenConsent(false), T0.AddDays(1)),
            "dispatch-before-destination-consent", "EU 2024/1157 Art. 38(2)(g)");

        var consented = Given.That(n, Given.Single<ConsentGranted>(Procedure.DecideOnConsent(n, Ca("CH"), WrittenConsent(true), T0.AddDays(2))));
        Given.Single<ConsentGranted>(Procedure.DecideOnConsent(consented, Ca("DE"), WrittenConsent(false), T0.AddDays(3)));
    }

    [Fact]
    public void A_non_OECD_transit_state_has_60_days_from_its_acknowledgement_and_is_tacit_only_with_an_Art_6_4_declaration_EU_Art_44_6_a()
    {
        // Ukraine: a Basel Party to which the OECD Decision does not apply; no Art. 6(4) declaration in the registry.
        var p = Samples.Notification("DE", "CH", ["UA"]);
        Assert.False(Filed(p).Authorities.Single(a => a.State == "UA").AcceptsTacitConsent);
        var n = Given.That(State(p), new NotificationAcknowledged("CH", AuthorityRole.Import, T0), new NotificationAcknowledged("UA", AuthorityRole.Transit, T0.AddDays(2)));
        var transit = n.AuthorityOf("UA")!;
        Assert.Equal(T0.AddDays(62), transit.DecisionDeadline!.DueAt);
        Assert.Equal("60 days from its acknowledgement of receipt (EU 2024/1157 Art. 44(6)(a); Basel Art. 6(4))", transit.DecisionDeadline.Basis);
        Assert.Empty(PeriodEnds(n, "UA").Events);

        // With a sourced declaration its silence is consent after the 60 days.
        var declared = Given.RegistryWith(Given.Registry.Find("UA")! with { TacitTransitConsent = true, TacitTransitConsentSource = "Art. 6(4) declaration (test)" });
        var m = Given.That(State(p, declared), new NotificationAcknowledged("CH", AuthorityRole.Import, T0), new NotificationAcknowledged("UA", AuthorityRole.Transit, T0.AddDays(2)));
        var deemed = Given.Single<TransitConsentDeemed>(PeriodEnds(m, "UA"));
        Assert.Equal("EU 2024/1157 Art. 44(6)(a); Basel Art. 6(4)", deemed.Article);
    }

    [Fact]
    public void The_dispatch_authority_decides_only_61_days_after_the_non_OECD_transit_acknowledgement_EU_Art_44_6_b()
    {
        var declared = Given.RegistryWith(Given.Registry.Find("UA")! with { TacitTransitConsent = true, TacitTransitConsentSource = "Art. 6(4) declaration (test)" });
        var n = Given.That(State(Samples.Notification("DE", "CH", ["UA"]), declared),
            new NotificationAcknowledged("CH", AuthorityRole.Import, T0), new NotificationAcknowledged("UA", AuthorityRole.Transit, T0));

        Given.Refused(Procedure.DecideOnConsent(n, Ca("DE"), WrittenConsent(false), T0.AddDays(30)),
            "dispatch-before-transit-period", "EU 2024/1157 Art. 44(6)(b)");
        // A refusal may come at any time (Art. 9(1)).
        Given.Single<ConsentRefused>(Procedure.DecideOnConsent(n, Ca("DE"), new DecideOnConsent(ConsentDecisionKind.Refuse, null, null, null, false, "Objection"), T0.AddDays(30)));

        var tacit = Given.That(n, new TransitConsentDeemed("UA", T0.AddDays(60), null, "EU 2024/1157 Art. 44(6)(a); Basel Art. 6(4)"));
        Given.Refused(Procedure.DecideOnConsent(tacit, Ca("DE"), WrittenConsent(false), T0.AddDays(61).AddTicks(-1)),
            "dispatch-before-transit-period", "EU 2024/1157 Art. 44(6)(b)");
        Given.Single<ConsentGranted>(Procedure.DecideOnConsent(tacit, Ca("DE"), WrittenConsent(false), T0.AddDays(61)));

        // Unless every other authority has consented in writing.
        var written = Given.That(n, new ConsentGranted("CH", AuthorityRole.Import, [], TestStart.Day(70), TestStart.Day(300), true, T0.AddDays(3)),
            new ConsentGranted("UA", AuthorityRole.Transit, [], TestStart.Day(70), TestStart.Day(300), false, T0.AddDays(4)));
        Given.Single<ConsentGranted>(Procedure.DecideOnConsent(written, Ca("DE"), WrittenConsent(false), T0.AddDays(5)));
    }

    [Fact]
    public void Transit_through_a_non_Party_is_asked_for_written_consent_within_an_agreed_period_EU_Art_34_c()
    {
        // Taiwan cannot be a Party (registry); intra-Union recovery through a non-OECD country: Art. 35(1) -> Art. 34.
        var n = Given.That(State(Samples.Notification("DE", "NL", ["TW"])), new NotificationAcknowledged("NL", AuthorityRole.Import, T0),
            new NotificationAcknowledged("TW", AuthorityRole.Transit, T0));
        var transit = n.AuthorityOf("TW")!;
        Assert.True(transit.MustConsent);
        Assert.Null(transit.DecisionDeadline!.DueAt);
        Assert.Equal("period agreed between the competent authorities (EU 2024/1157 Art. 34(c))", transit.DecisionDeadline.Basis);
        Assert.False(RegimeRules.SilenceIsConsent(n, transit));
        Assert.DoesNotContain(ProcedureDeadlines.Of(n), d => d.State == "TW");
    }

    [Fact]
    public void An_OECD_transit_country_in_an_intra_Union_recovery_shipment_consents_tacitly_EU_Art_35_2_b()
    {
        var n = Given.That(State(Samples.Notification("DE", "IT", ["CH"])), new NotificationAcknowledged("IT", AuthorityRole.Import, T0),
            new NotificationAcknowledged("CH", AuthorityRole.Transit, T0));
        Assert.Equal(EuFlow.IntraUnion, n.Flow);
        var deemed = Given.Single<TransitConsentDeemed>(PeriodEnds(n, "CH"));
        Assert.Equal("EU 2024/1157 Art. 35(2)(b)", deemed.Article);
    }

    [Fact]
    public void Transit_through_the_Union_between_OECD_countries_follows_Art_53_EU_Art_58_2()
    {
        var n = Given.That(State(Samples.Notification("CH", "NO", ["DE"])), new NotificationAcknowledged("NO", AuthorityRole.Import, T0),
            new NotificationAcknowledged("DE", AuthorityRole.Transit, T0));
        Assert.Equal(EuFlow.TransitThroughUnion, n.Flow);
        Assert.Equal("EU 2024/1157 Art. 58(2), 53(2)(a)", Given.Single<ConsentDeemed>(PeriodEnds(n, "CH")).Article);
        Assert.Equal("EU 2024/1157 Art. 58(2), 53(2)(a)", Given.Single<ConsentDeemed>(PeriodEnds(n, "NO")).Article);
        // The Member State of transit: tacit under Art. 9(1).
        Assert.Equal("EU 2024/1157 Art. 9(1)", Given.Single<TransitConsentDeemed>(PeriodEnds(n, "DE")).Article);
    }

    [Fact]
    public void Transit_through_the_Union_for_disposal_needs_written_consents_EU_Art_57_51_4_a()
    {
        var n = Given.That(State(Samples.Notification("CH", "NO", ["DE"], operation: "D10")), new NotificationAcknowledged("NO", AuthorityRole.Import, T0));
        Assert.Empty(PeriodEnds(n, "CH").Events);
        Assert.Empty(PeriodEnds(n, "NO").Events);
    }

    [Fact]
    public void A_file_recorded_before_flows_reads_as_intra_Union_decision_0005()
    {
        // The stored form of older events: no flow, no authority profiles.
        var filed = Filed(Samples.Notification("DE", "CH"));
        var old = filed with { Flow = null, Authorities = filed.Authorities.Select(a => a with { Profile = null }).ToArray() };
        var n = Given.That(NotificationEvolution.Create(old), new NotificationAcknowledged("CH", AuthorityRole.Import, T0));
        Assert.Equal(EuFlow.IntraUnion, n.Flow);
        Assert.Empty(PeriodEnds(n, "CH").Events);
    }

    [Fact]
    public void Between_an_outermost_region_and_its_Member_State_through_another_Member_State_transit_is_tacit_after_7_working_days_EU_Art_32()
    {
        var filed = Filed(Samples.Notification("FR", "RE", ["ES"]));
        Assert.Equal(EuFlow.OutermostRegion, filed.Flow);
        var n = Given.That(NotificationEvolution.Create(filed), new NotificationAcknowledged("RE", AuthorityRole.Import, T0));
        var deadline = n.AuthorityOf("ES")!.DecisionDeadline!;
        Assert.Equal(WorkingDays.Shipped.AddWorkingDays(T0, 7, "ES"), deadline.DueAt);
        Assert.Equal("EU 2024/1157 Art. 32", Given.Single<TransitConsentDeemed>(PeriodEnds(n, "ES")).Article);
    }

    [Fact]
    public void In_OECD_flows_the_facility_confirms_receipt_within_3_working_days_EU_Art_44_2_i_and_53_2_e()
    {
        var eu2024 = new RegimeInfo(ControlRegime.Eu, RegimeInfo.Eu2024Instrument);
        var monday = TestStart.At(0, 10);
        // Art. 16(5): 2 working days within the Union; Art. 44(2)(i) and 53(2)(e): 3 working days.
        Assert.Equal(TestStart.At(3, 0, 0), ShipmentRules.ReceiptConfirmationDue(eu2024, monday, "NL", EuFlow.IntraUnion));
        Assert.Equal(TestStart.At(4, 0, 0), ShipmentRules.ReceiptConfirmationDue(eu2024, monday, "DE", EuFlow.ImportFromOecd));
        Assert.Equal(TestStart.At(4, 0, 0), ShipmentRules.ReceiptConfirmationDue(eu2024, monday, "NL", EuFlow.ExportForRecoveryToOecd));
        // Art. 38(3)(f)(ii): "within three days" of receipt for disposal in an EFTA country.
        Assert.Equal(TestStart.At(4, 0, 0), ShipmentRules.ReceiptConfirmationDue(eu2024, monday, "NL", EuFlow.ExportForDisposalToEfta));
    }
}
