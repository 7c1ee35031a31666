using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.GreenList;
using WasteMovements.Tests.Support;
using static WasteMovements.Tests.Support.TestStart;

namespace WasteMovements.Domain.Tests.GreenList;

/// <summary>EU 2024/1157 Art. 4(4)-(5) and Art. 18: the Annex VII document of green-listed waste and of samples.</summary>
public sealed class GreenListRulesTests
{
    private static readonly Actor Arranger = Actor.OfUndertaking("anna", "DE-ARR-1");
    private static readonly Actor Consignee = Actor.OfUndertaking("carl", "NL-CON-1");
    private static readonly Actor Facility = Actor.OfFacility("fred", "NL-FAC-1");
    private static readonly NewAnnexVIIDocument New = new("DE-2026-G000001", Given.Registry, Given.Codes);

    public static AnnexVIIParticulars Document(string code = "B1010", string operation = "R4", decimal tonnes = 20m, int startsInDays = 3,
        bool sample = false) => new(
        Arranger: new Party("Schrott Handel GmbH", "Hafen 1, Hamburg", "DE-ARR-1", new ContactPerson("Anna", null, null)),
        ArrangerKind: ArrangerKind.DealerOrBroker,
        ArrangerPermit: "DE-HH-2025-77",
        Consignee: new Party("Metaal BV", "Haven 2, Rotterdam", "NL-CON-1", new ContactPerson("Carl", null, null)),
        ConsigneeId: "NL-CON-1",
        Facility: new Facility("NL-FAC-1", "Metaal Recycling", "Haven 2, Rotterdam", "Haven 2, Rotterdam", new ContactPerson("Fred", null, null), null, null, null),
        FacilityPermit: "NL-ZH-0042",
        Generator: null,
        GeneratorSignedBy: null,
        Carriers: [new Carrier("Trans", "Ring 3, Bremen", null, new ContactPerson("K", null, null), ["road"])],
        StateOfDispatch: "DE",
        StatesOfTransit: [],
        StateOfDestination: "NL",
        Operation: operation,
        SubsequentFacility: null,
        SubsequentOperation: null,
        Description: "Copper scrap",
        WasteCode: code,
        EuWasteCode: "17 04 01",
        QuantityTonnes: tonnes,
        ShipmentDate: Day(startsInDays),
        ContractReference: "C-2026-1",
        Sample: sample,
        SamplePurpose: sample ? "laboratory analysis" : null);

    private static AnnexVIIDocumentState Filled(AnnexVIIParticulars? p = null) =>
        AnnexVIIEvolution.Evolve(null, Given.Single<AnnexVIIDocumentFilled>(GreenListProcedure.Fill(New, Arranger, p ?? Document(), Now)))!;

    private static AnnexVIIDocumentState Then(AnnexVIIDocumentState d, Decision decision) =>
        decision.Events.Aggregate(d, (s, e) => AnnexVIIEvolution.Evolve(s, e)!);

    [Fact]
    public void A_green_listed_waste_for_recovery_is_filled_by_the_person_who_arranges_the_shipment()
    {
        var filled = Given.Single<AnnexVIIDocumentFilled>(GreenListProcedure.Fill(New, Arranger, Document(), Now));
        Assert.Equal("DE-ARR-1", filled.ArrangerId);
        Assert.Equal("anna", filled.SignedBy);
        var d = AnnexVIIEvolution.Evolve(null, filled)!;
        Assert.Equal(AnnexVIIStatus.Filled, d.Status);
        Assert.Equal(["DE", "NL"], d.StatesConcerned);
    }

    [Fact]
    public void An_authority_does_not_fill_the_document_Art_18_5()
    {
        var decision = GreenListProcedure.Fill(New, Actor.Authority("olga", "DE"), Document(), Now);
        Given.Refused(decision, "not-an-undertaking", "EU 2024/1157 Art. 18(5)");
        Assert.Equal(RefusalKind.NotPermitted, decision.Refusal!.Kind);
    }

    [Theory]
    [InlineData("A1010")] // Basel Annex VIII
    [InlineData("AC150")] // OECD amber
    [InlineData("Y46")]
    public void Amber_or_hazardous_waste_must_be_notified_Art_4_2_a(string code) =>
        Given.Refused(GreenListProcedure.Fill(New, Arranger, Document(code), Now), "notification-required", "EU 2024/1157 Art. 4(2)(a)");

    [Fact]
    public void A_code_outside_the_green_list_must_be_notified_Art_4_2_b() =>
        Given.Refused(GreenListProcedure.Fill(New, Arranger, Document("B9999"), Now), "not-green-listed", "EU 2024/1157 Art. 4(2)(b)");

    [Fact]
    public void A_deleted_green_code_is_not_green_listed_any_more_Art_4_2_b()
    {
        // B1110 was deleted from Basel Annex IX on 1 January 2025 (decision BC-15/18).
        Given.Refused(GreenListProcedure.Fill(New, Arranger, Document("B1110"), Now), "not-green-listed", "EU 2024/1157 Art. 4(2)(b)");
    }

    [Fact]
    public void An_OECD_green_code_is_green_listed() =>
        Given.Single<AnnexVIIDocumentFilled>(GreenListProcedure.Fill(New, Arranger, Document("GC030"), Now));

    [Fact]
    public void Waste_hazardous_under_the_list_of_waste_must_be_notified_Art_4_2_d() =>
        Given.Refused(GreenListProcedure.Fill(New, Arranger, Document() with { EuWasteCode = "16 06 01*" }, Now),
            "hazardous-under-list-of-waste", "EU 2024/1157 Art. 4(2)(d)");

    [Fact]
    public void Green_listed_waste_for_disposal_is_notified_Art_4_4() =>
        Given.Refused(GreenListProcedure.Fill(New, Arranger, Document(operation: "D1"), Now), "annex-vii-recovery-only", "EU 2024/1157 Art. 4(4)");

    [Fact]
    public void Annex_VII_documents_here_are_for_shipments_within_the_Union_Art_4_4() =>
        Given.Refused(GreenListProcedure.Fill(New, Arranger, Document() with { StateOfDestination = "CH" }, Now),
            "annex-vii-within-union-only", "EU 2024/1157 Art. 4(4)");

    [Fact]
    public void A_shipment_goes_between_two_countries_Art_3_25() =>
        Given.Refused(GreenListProcedure.Fill(New, Arranger, Document() with { StateOfDestination = "DE" }, Now),
            "annex-vii-same-state", "EU 2024/1157 Art. 3(25)");

    [Fact]
    public void A_dealer_needs_a_permit_or_registration_Art_18_2()
    {
        Given.Refused(GreenListProcedure.Fill(New, Arranger, Document() with { ArrangerPermit = null }, Now),
            "arranger-permit-required", "EU 2024/1157 Art. 18(2)");
        // The original producer needs none.
        Given.Single<AnnexVIIDocumentFilled>(GreenListProcedure.Fill(New, Arranger,
            Document() with { ArrangerPermit = null, ArrangerKind = ArrangerKind.OriginalProducer }, Now));
    }

    [Fact]
    public void The_facility_must_be_permitted_Art_18_3() =>
        Given.Refused(GreenListProcedure.Fill(New, Arranger, Document() with { FacilityPermit = " " }, Now),
            "facility-permit-required", "EU 2024/1157 Art. 18(3)");

    [Fact]
    public void A_contract_is_in_effect_when_the_document_is_completed_Art_18_10() =>
        Given.Refused(GreenListProcedure.Fill(New, Arranger, Document() with { ContractReference = "" }, Now),
            "annex-vii-contract-required", "EU 2024/1157 Art. 18(10)");

    [Fact]
    public void An_interim_recovery_names_the_recovery_that_follows_Art_18_7()
    {
        Given.Refused(GreenListProcedure.Fill(New, Arranger, Document(operation: "R13"), Now),
            "annex-vii-subsequent-facility", "EU 2024/1157 Art. 18(7)");
        Given.Single<AnnexVIIDocumentFilled>(GreenListProcedure.Fill(New, Arranger,
            Document(operation: "R13") with { SubsequentFacility = "Kupferhütte, Lünen", SubsequentOperation = "R4" }, Now));
    }

    [Fact]
    public void The_document_is_completed_two_working_days_before_the_shipment_starts_Art_18_5()
    {
        // Now is a Monday without holidays: Monday + 2 working days = Wednesday.
        Given.Refused(GreenListProcedure.Fill(New, Arranger, Document(startsInDays: 1), Now), "annex-vii-too-late", "EU 2024/1157 Art. 18(5)");
        Given.Single<AnnexVIIDocumentFilled>(GreenListProcedure.Fill(New, Arranger, Document(startsInDays: 2), Now));
        Assert.Equal(Day(2), GreenListProcedure.EarliestStart(Now, "DE"));
        // Filled on a Friday: the shipment may start on Tuesday.
        Assert.Equal(Day(8), GreenListProcedure.EarliestStart(At(4, 16), "DE"));
    }

    [Fact]
    public void A_sample_up_to_250_kg_travels_with_Annex_VII_information_even_if_hazardous_or_for_disposal_Art_4_5()
    {
        Given.Single<AnnexVIIDocumentFilled>(GreenListProcedure.Fill(New, Arranger, Document("A1010", "D9", 0.25m, sample: true), Now));
        Given.Refused(GreenListProcedure.Fill(New, Arranger, Document("A1010", "D9", 0.251m, sample: true), Now),
            "sample-quantity-limit", "EU 2024/1157 Art. 4(5)(a)");
    }

    [Fact]
    public void Before_21_May_2026_a_sample_was_limited_to_25_kg_under_Regulation_1013_2006()
    {
        Assert.Equal((0.025m, "EC 1013/2006 Art. 3(4)"), GreenListProcedure.SampleLimit(new DateOnly(2026, 5, 20)));
        Assert.Equal((0.25m, "EU 2024/1157 Art. 4(5)(a)"), GreenListProcedure.SampleLimit(new DateOnly(2026, 5, 21)));
    }

    [Fact]
    public void The_facility_confirms_receipt_and_the_consignee_signs_Art_18_8()
    {
        var d = Filled();
        var byConsignee = Given.Single<AnnexVIIReceiptConfirmed>(GreenListProcedure.ConfirmReceipt(d, Consignee, new ConfirmAnnexVIIReceipt(Day(3), 19.8m), At(3, 15)));
        Assert.Equal(AnnexVIIReceiver.Consignee, byConsignee.By);
        d = AnnexVIIEvolution.Evolve(d, byConsignee)!;
        Assert.Equal(AnnexVIIStatus.Filled, d.Status);
        var byFacility = Given.Single<AnnexVIIReceiptConfirmed>(GreenListProcedure.ConfirmReceipt(d, Facility, new ConfirmAnnexVIIReceipt(Day(3), 19.8m), At(4, 10)));
        Assert.Equal(AnnexVIIReceiver.Facility, byFacility.By);
        Assert.False(byFacility.Late);
        d = AnnexVIIEvolution.Evolve(d, byFacility)!;
        Assert.Equal(AnnexVIIStatus.Received, d.Status);
        Assert.Equal(Day(3).AddYears(1), d.RecoveryDueBy);
        Given.Refused(GreenListProcedure.ConfirmReceipt(d, Facility, new ConfirmAnnexVIIReceipt(Day(3), 19.8m), At(4, 11)),
            "annex-vii-already-received", "EU 2024/1157 Art. 18(8)");
    }

    [Fact]
    public void A_receipt_confirmed_after_two_working_days_is_recorded_as_late_Art_18_8()
    {
        // Received on Wednesday: due by the end of Friday; confirmed on the next Monday.
        var late = Given.Single<AnnexVIIReceiptConfirmed>(GreenListProcedure.ConfirmReceipt(Filled(Document(startsInDays: 2)), Facility, new ConfirmAnnexVIIReceipt(Day(2), 20m), At(7, 9)));
        Assert.True(late.Late);
        var onTime = Given.Single<AnnexVIIReceiptConfirmed>(GreenListProcedure.ConfirmReceipt(Filled(Document(startsInDays: 2)), Facility, new ConfirmAnnexVIIReceipt(Day(2), 20m), At(4, 23)));
        Assert.False(onTime.Late);
    }

    [Fact]
    public void Only_the_facility_or_the_consignee_confirms_receipt_Art_18_8()
    {
        var decision = GreenListProcedure.ConfirmReceipt(Filled(), Actor.OfFacility("x", "NL-FAC-OTHER"), new ConfirmAnnexVIIReceipt(Day(3), 1m), At(3, 12));
        Given.Refused(decision, "not-receiver", "EU 2024/1157 Art. 18(8)");
        Given.Refused(GreenListProcedure.ConfirmReceipt(Filled(), Arranger, new ConfirmAnnexVIIReceipt(Day(3), 1m), At(3, 12)), "not-receiver", "EU 2024/1157 Art. 18(8)");
    }

    [Fact]
    public void Receipt_falls_between_the_start_of_the_shipment_and_today_Art_18_8()
    {
        Given.Refused(GreenListProcedure.ConfirmReceipt(Filled(), Facility, new ConfirmAnnexVIIReceipt(Day(2), 1m), At(2, 12)),
            "annex-vii-receipt-date", "EU 2024/1157 Art. 18(8)");
        Given.Refused(GreenListProcedure.ConfirmReceipt(Filled(), Facility, new ConfirmAnnexVIIReceipt(Day(5), 1m), At(4, 12)),
            "annex-vii-receipt-date", "EU 2024/1157 Art. 18(8)");
    }

    [Fact]
    public void The_facility_certifies_recovery_after_receipt_within_30_days_of_completion_Art_18_9()
    {
        var d = Filled();
        Given.Refused(GreenListProcedure.CertifyRecovery(d, Facility, new CertifyAnnexVIIRecovery(Day(4)), At(5)),
            "annex-vii-recovery-before-receipt", "EU 2024/1157 Art. 18(8)-(9)");
        d = Then(d, GreenListProcedure.ConfirmReceipt(d, Facility, new ConfirmAnnexVIIReceipt(Day(3), 20m), At(3, 12)));
        Given.Refused(GreenListProcedure.CertifyRecovery(d, Consignee, new CertifyAnnexVIIRecovery(Day(4)), At(5)), "not-receiver", "EU 2024/1157 Art. 18(9)");
        Given.Refused(GreenListProcedure.CertifyRecovery(d, Facility, new CertifyAnnexVIIRecovery(Day(2)), At(5)), "annex-vii-recovery-date", "EU 2024/1157 Art. 18(9)");
        var certified = Given.Single<AnnexVIIRecoveryCertified>(GreenListProcedure.CertifyRecovery(d, Facility, new CertifyAnnexVIIRecovery(Day(4)), At(5)));
        Assert.False(certified.Late);
        Assert.True(Given.Single<AnnexVIIRecoveryCertified>(GreenListProcedure.CertifyRecovery(d, Facility, new CertifyAnnexVIIRecovery(Day(4)), At(40))).Late);
        d = AnnexVIIEvolution.Evolve(d, certified)!;
        Assert.Equal(AnnexVIIStatus.Recovered, d.Status);
        Given.Refused(GreenListProcedure.CertifyRecovery(d, Facility, new CertifyAnnexVIIRecovery(Day(4)), At(6)), "annex-vii-already-recovered", "EU 2024/1157 Art. 18(9)");
    }

    [Fact]
    public void A_sample_for_a_disposal_trial_gets_no_recovery_certificate_Art_18_9()
    {
        var d = Filled(Document("B1010", "D9", 0.1m, sample: true));
        d = Then(d, GreenListProcedure.ConfirmReceipt(d, Facility, new ConfirmAnnexVIIReceipt(Day(3), 0.1m), At(3, 12)));
        Assert.Null(d.RecoveryDueBy);
        Given.Refused(GreenListProcedure.CertifyRecovery(d, Facility, new CertifyAnnexVIIRecovery(Day(4)), At(5)), "annex-vii-recovery-only", "EU 2024/1157 Art. 18(9)");
    }

    [Fact]
    public void Only_an_authority_of_a_state_concerned_records_an_inspection_Art_18_4()
    {
        var d = Filled();
        Given.Refused(GreenListProcedure.RecordInspection(d, Actor.Authority("ines", "FR"), new RecordAnnexVIIInspection(Day(3), "A3", "ok"), At(3)),
            "not-concerned", "EU 2024/1157 Art. 18(4)");
        Given.Refused(GreenListProcedure.RecordInspection(d, Actor.Authority("ines", "NL"), new RecordAnnexVIIInspection(Day(4), "A3", "ok"), At(3)),
            "annex-vii-inspection-date", "EU 2024/1157 Art. 3(27)");
        var inspected = Given.Single<AnnexVIIInspectionRecorded>(GreenListProcedure.RecordInspection(d, Actor.Authority("ines", "NL"),
            new RecordAnnexVIIInspection(Day(3), "A15 Venlo", "Documents in the vehicle match"), At(3, 14)));
        Assert.Equal("NL", inspected.State);
        Assert.Single(AnnexVIIEvolution.Evolve(d, inspected)!.Inspections);
    }

    [Fact]
    public void The_annual_report_counts_the_facility_receipt_apart_once_per_document()
    {
        var d = Filled();
        var consignee = Given.Single<AnnexVIIReceiptConfirmed>(GreenListProcedure.ConfirmReceipt(d, Consignee, new ConfirmAnnexVIIReceipt(Day(3), 19m), At(3, 12)));
        var facility = Given.Single<AnnexVIIReceiptConfirmed>(GreenListProcedure.ConfirmReceipt(d, Facility, new ConfirmAnnexVIIReceipt(Day(3), 19.5m), At(3, 12)));
        Assert.Empty(AnnexVIIReporting.ReportsFor(d, consignee));
        Assert.Equal([$"DE:{Day(3).Year}", $"NL:{Day(3).Year}"], AnnexVIIReporting.ReportsFor(d, facility));
        var report = WasteMovements.Domain.Reports.AnnualReport.Empty("NL", Day(3).Year);
        report = AnnexVIIReporting.Received(report, d, facility);
        report = AnnexVIIReporting.Received(report, d, facility);
        var line = Assert.Single(report.AnnexVII);
        Assert.Equal((WasteMovements.Domain.Reports.TradeDirection.Import, "DE", 19.5m, 1), (line.Direction, line.Counterpart, line.Tonnes, line.Shipments));
        Assert.Empty(report.Lines);
    }
}
