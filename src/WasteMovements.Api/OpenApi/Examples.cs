using WasteMovements.Api.Audit;
using WasteMovements.Api.CodeLists;
using WasteMovements.Api.Consent;
using WasteMovements.Api.GreenList;
using WasteMovements.Api.Notifications;
using WasteMovements.Api.Shipments;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.GreenList;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.PreconsentedFacilities;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.OpenApi;

/// <summary>
/// The examples of the OpenAPI document, written as values of the very types the routes read and answer, and
/// serialised with the API's own JSON options: an example cannot name a property the type does not have. The
/// linters check each one against its schema (Spectral's oas3-valid-media-example).
/// </summary>
public static class Examples
{
    public const string Number = "DE-2026-000042";
    public const string ShipmentId = Number + "-001";

    private static readonly DateTimeOffset Filed = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    public static NotificationParticulars Notification => new(
        StateOfExport: "DE",
        StateOfImport: "NL",
        TransitStates: [new TransitRoute("BE", "Aachen-Lichtenbusch", "Antwerp", "BE-CO-EYNATTEN", "BE-CO-ANTWERP")],
        CustomsOfficeOfExit: "DE-CO-AACHEN",
        CustomsOfficeOfEntry: "NL-CO-ROTTERDAM",
        Itinerary: "Road: Hamburg - Aachen - Antwerp - Rotterdam",
        Kind: NotificationKind.General,
        ReasonForExport: "No domestic capacity for the recovery of lead from spent batteries",
        Exporter: new Party("Batterie Recycling Export GmbH", "Hafenstrasse 1, 20457 Hamburg", "DE-EXP-0001",
            new ContactPerson("Erika Mustermann", "+49 40 000000", "erika@example.org")),
        Generators: [new Generator("Autowerkstatt Nord", "Werkstrasse 5, 22041 Hamburg", null,
            new ContactPerson("Max Mustermann", null, null), "Hamburg workshop", "Replacement of vehicle batteries")],
        Consignee: new Party("Metals Recovery BV", "Industrieweg 10, Rotterdam", "NL-REC-0042",
            new ContactPerson("Jan Jansen", "+31 10 000000", "jan@example.org")),
        Facility: new Facility("NL-FAC-ROTTERDAM-1", "Metals Recovery Rotterdam", "Industrieweg 10, Rotterdam", "Industrieweg 10, 3044 Rotterdam",
            new ContactPerson("Piet de Vries", null, "piet@example.org"), 51.9, 4.4, "Secondary lead smelter with acid neutralisation"),
        Carriers: [new Carrier("Trans Europa Logistik", "Ring 3, Bremen", "DE-CAR-77", new ContactPerson("Karl Fahrer", null, null), ["road"])],
        MeansOfTransport: ["road"],
        IntendedShipments: 10,
        TotalQuantity: 100m,
        Unit: Units.Tonnes,
        QuantityPerShipment: 10m,
        FirstDeparture: new DateOnly(2026, 12, 1),
        LastDeparture: new DateOnly(2027, 11, 30),
        Waste: new WasteDescription("Spent lead-acid batteries, whole", "Lead 60-70 %, sulphuric acid 10-20 %, polypropylene",
            "A1160", null, ["Y31", "Y34"], ["H8", "H11"], "8", "UN2794", "BATTERIES, WET, FILLED WITH ACID", "solid",
            ["box"], "Keep upright; acid-resistant pallets", false, false),
        Operation: "R4",
        SubsequentOperation: null,
        PreconsentedFacility: false,
        Insurance: new Insurance("Allianz", "POL-123", 500000m, "EUR"),
        Contract: new Contract("CTR-17", new DateOnly(2026, 9, 14)),
        Declaration: new Declaration("Erika Mustermann", Filed.AddDays(-1), true));

    public static DecideOnConsent Consent => new(ConsentDecisionKind.Consent, ["Transport in closed, acid-resistant containers"],
        new DateOnly(2026, 12, 1), new DateOnly(2027, 11, 30), ContractConfirmed: true, Reason: null);

    public static DecideOnConsent Refusal => new(ConsentDecisionKind.Refuse, null, null, null, ContractConfirmed: false,
        Reason: "The facility's permit does not cover lead-acid batteries (Basel Art. 6(2)).");

    public static RequestInformation Questions => new("What is the lead content per battery type, and how is the acid neutralised?");

    public static AnswerInformationRequest Answer => new("Lead 60-70 % by weight for every type; the acid is neutralised with lime at the facility.",
        ["Analysis report AR-2026-117"]);

    public static LiftObjection ObjectionLift => new("The facility's permit for R4 was renewed on 2026-12-14; the Art. 12(1)(b) ground no longer applies.");

    public static WithdrawConsent Withdrawal => new("The facility's permit was suspended on 2026-12-10.");

    public static ChangeOfParticulars CarrierChange => new("Trans Europa Logistik lost its vehicle licence; Nordsee Transporte takes over.",
        Carriers: [new Carrier("Nordsee Transporte GmbH", "Kai 4, 27568 Bremerhaven", "DE-CAR-91", new ContactPerson("Dispatch", "+49 471 000000", null), ["road"])]);

    public static AnswerChange ChangeAgreed => new(ChangeAnswerKind.NoNewNotificationRequired, null);

    public static AnswerChange ChangeNeedsNewNotification => new(ChangeAnswerKind.NewNotificationRequired, "The new carrier is not registered in the Netherlands.");

    public static ChangeOfParticulars Renotification => new("The consent expires on 2027-11-30; the shipments continue in 2028.",
        FirstDeparture: new DateOnly(2027, 12, 1), LastDeparture: new DateOnly(2028, 11, 30));

    public static CancelNotification Cancellation => new("The contract with the facility ended.");

    public static RecordGuarantee Guarantee => new(GuaranteeKind.Guarantee, "Landesbank Hamburg", "G-2026-17", 250000m, "EUR",
        "Transport, recovery and 90 days' storage", new DateOnly(2028, 5, 31));

    public static AnnounceShipment Announcement => new(10m, Units.Tonnes, new DateOnly(2026, 12, 3), ["Trans Europa Logistik"], "box", 40);

    public static RecordDeparture Departure => new(new DateTimeOffset(2026, 12, 3, 7, 45, 0, TimeSpan.Zero), "Trans Europa Logistik");

    public static RecordBorderCrossing Crossing => new("BE", "BE-CO-EYNATTEN", CrossingDirection.Entry, new DateTimeOffset(2026, 12, 3, 13, 10, 0, TimeSpan.Zero));

    public static RecordCarrierHandover Handover => new("Trans Europa Logistik", "Rotterdam Haven Transport", "K. Jansen",
        new DateTimeOffset(2026, 12, 3, 16, 0, 0, TimeSpan.Zero));

    public static ConfirmReceipt Receipt => new(new DateTimeOffset(2026, 12, 4, 9, 15, 0, TimeSpan.Zero), 9.8m, Units.Tonnes);

    public static RejectShipment Rejection => new("Leaking batteries in 6 of 40 boxes", 1.5m);

    public static CertifyCompletion Completion => new("R4", new DateTimeOffset(2026, 12, 18, 14, 0, 0, TimeSpan.Zero), "CERT-2026-0815");

    /// <summary>After an interim R13 certificate: the final certificate of the subsequent facility (EU 2024/1157 Art. 15(5)).</summary>
    public static CertifyCompletion FinalCompletion => new("R4", new DateTimeOffset(2027, 2, 10, 14, 0, 0, TimeSpan.Zero), "MOE-2027-0031",
        "NL-FAC-MOERDIJK-2", new DateTimeOffset(2027, 1, 20, 9, 0, 0, TimeSpan.Zero));

    public static RegisterPreconsentedFacility PreconsentRegistration => new("NL-PC-0001", "NL", "NL-FAC-ROTTERDAM-1", "Metals Recovery Rotterdam",
        "NL-REC-0042", "Industrieweg 10, 3044 Rotterdam", "Secondary lead smelter with acid neutralisation and SO2 scrubbing", ["R4"], ["A1160", "Y31"],
        20000m, "t", new DateOnly(2026, 6, 1), null, "ILT decision 2026/0417");

    public static AmendPreconsentedFacility PreconsentAmendment => new("Metals Recovery Rotterdam", "NL-REC-0042", "Industrieweg 10, 3044 Rotterdam",
        "Secondary lead smelter with acid neutralisation and SO2 scrubbing", ["R4"], ["A1160", "Y31", "Y34"], 25000m, "t", new DateOnly(2026, 6, 1), null,
        "Permit of 2026-11-02 raises the capacity to 25 000 t");

    public static RevokePreconsent PreconsentRevocation => new("Inspection of 2026-11-20: the environmental permit is suspended (Art. 14(10)).");

    public static PreconsentedFacilities.PreconsentWritten PreconsentWritten => new("NL-PC-0001", 1);

    public static ReportCannotBeCompleted CannotBeCompleted => new("A fire closed the facility's smelter until further notice.");

    public static ArrangeAlternative Alternative => new(
        new Facility("NL-FAC-MOERDIJK-2", "Lead Works Moerdijk", "Havenweg 4, Moerdijk", "Havenweg 4, 4782 Moerdijk",
            new ContactPerson("Plant manager", "+31 168 000000", null), null, null, null),
        "Consent of NL for the Moerdijk facility obtained on 2026-12-12");

    public static RecordIllegalTraffic IllegalTraffic => new("not-matching-documents", "The load held mixed scrap, not batteries.", true);

    public static ReportAccident Accident => new(DateTimeOffset.Parse("2026-12-10T14:20:00Z", System.Globalization.CultureInfo.InvariantCulture),
        "A2 motorway, km 112, near Venlo", "NL", "A drum leaked while the truck was parked; about 20 litres of electrolyte on the hard shoulder.",
        "The fire brigade contained and absorbed the spill; the drum was overpacked and the load continued the next day.");

    public static ReviseCountryProfile Revision => new(new CountryProfile
    {
        Code = "NL",
        Name = "Netherlands",
        BaselParty = true,
        AnnexVII = true,
        Oecd = true,
        Eu = true,
        BanAmendmentAccepted = true,
        TacitTransitConsent = false,
        Art11Agreements = [new Art11Agreement("OECD", Art11Direction.Both, ["R*"], "OECD Decision C(2001)107/FINAL as an Art. 11 arrangement, recovery only")],
        ImportProhibitions = [],
    }, "Annual review of the registry", "Basel Convention Secretariat, country fact sheet 2026");

    public static Domain.Assignments.AssignPerson Assignment => new("https://idp.example/realms/moe", "4f1c2b9e-7d41-4a55-9c3e-2b8f0d6a1e77", "Anna Schmidt",
        Domain.Assignments.AssignedRole.Authority, "DE", null, null, "Designation of the Umweltbundesamt of 2026-11-30, ref. III 2.3-42");

    public static Domain.Assignments.RevokeAssignment AssignmentRevocation => new("Moved to another unit on 2026-12-15.");

    public static Assignments.AssignmentWritten AssignmentWritten => new(Domain.Assignments.Persons.Id("https://idp.example/realms/moe", "4f1c2b9e-7d41-4a55-9c3e-2b8f0d6a1e77"), 1);

    public static ErasePersonalData Erasure => new("Erika Mustermann", null, "Request under GDPR Art. 17 after the retention period");

    public static NotificationCreated Created => new(Number, 1);

    public static NotificationWritten NotificationWritten => new(Number, 4);

    public static InformationRequestCreated InformationRequestCreated => new(Number, 3, "IR-1");

    public static ShipmentCreated ShipmentCreated => new(ShipmentId, 1, 7);

    public static ShipmentWritten ShipmentWritten => new(ShipmentId, 2);

    public const string AnnexVIIId = "DE-2026-G000007";

    /// <summary>EU 2024/1157 Art. 18: copper scrap (B1010) from a dealer in Hamburg to a recovery facility in Rotterdam.</summary>
    public static AnnexVIIParticulars AnnexVII => new(
        Arranger: new Party("Schrott Handel GmbH", "Hafenstrasse 9, 20457 Hamburg", "DE-HH-DEALER-17", new ContactPerson("Anna Berger", "+49 40 111111", "anna@example.org")),
        ArrangerKind: ArrangerKind.DealerOrBroker,
        ArrangerPermit: "DE-HH-2025-0177",
        Consignee: new Party("Metaal Handel BV", "Havenweg 2, Rotterdam", "NL-CON-0042", new ContactPerson("Carl de Boer", null, "carl@example.org")),
        ConsigneeId: "NL-CON-0042",
        Facility: new Facility("NL-FAC-ROTTERDAM-1", "Metals Recovery Rotterdam", "Industrieweg 10, Rotterdam", "Industrieweg 10, 3044 Rotterdam",
            new ContactPerson("Piet de Vries", null, "piet@example.org"), null, null, null),
        FacilityPermit: "NL-ZH-OV-2024-0042",
        Generator: new Party("Kabelwerk Nord", "Werkstrasse 5, 22041 Hamburg", null, new ContactPerson("Max Mustermann", null, null)),
        GeneratorSignedBy: "Max Mustermann",
        Carriers: [new Carrier("Trans Europa Logistik", "Ring 3, Bremen", "DE-CAR-77", new ContactPerson("Karl Fahrer", null, null), ["road"])],
        StateOfDispatch: "DE",
        StatesOfTransit: [],
        StateOfDestination: "NL",
        Operation: "R4",
        SubsequentFacility: null,
        SubsequentOperation: null,
        Description: "Copper cable scrap, insulation removed",
        WasteCode: "B1010",
        EuWasteCode: "17 04 01",
        QuantityTonnes: 22.5m,
        ShipmentDate: new DateOnly(2026, 12, 7),
        ContractReference: "Contract HH-RTM-2026-11 of 2 November 2026",
        Sample: false,
        SamplePurpose: null);

    public static AnnexVIIDocumentCreated AnnexVIICreated => new(AnnexVIIId, 1);
    public static ConfirmAnnexVIIReceipt AnnexVIIReceipt => new(new DateOnly(2026, 12, 8), 22.4m);
    public static CertifyAnnexVIIRecovery AnnexVIIRecovery => new(new DateOnly(2026, 12, 20));
    public static RecordAnnexVIIInspection AnnexVIIInspection => new(new DateOnly(2026, 12, 7), "A1 Bremen, parking Ahlhorner Heide", "Annex VII information available in the vehicle and consistent with the load.");
    public static Pipeline.DocumentWritten AnnexVIIWritten => new(AnnexVIIId, 2);

    public static CountryRegistryWritten CountryWritten => new("NL", 3);

    public static ErasureResult Erased => new(14, 17, [Number]);

    // ---- the exchange between nodes (docs/exchange.md) ---------------------------------------------------------
    /// <summary>A P-256 public key (SubjectPublicKeyInfo PEM) made for the examples; no node holds its private key.</summary>
    public const string ExamplePublicKeyPem = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE8HfJWSezBqnA22in+TA+e6hLJl7l\n1bRIdIA4847GweZBQpFzgQtHvgfiqRUc8cewuQ9oP1uuvOD7FuTMCavpTg==\n-----END PUBLIC KEY-----\n";

    private static readonly DateTimeOffset KeyAdded = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    public static Exchange.RegisterPeerKey PeerKey => new("NL", "NL-2", ExamplePublicKeyPem);

    public static Exchange.PublishedKey PeerKeyHeld => new("NL-2", "NL", Exchange.AuthorityKeyStatus.Active, ExamplePublicKeyPem, KeyAdded, null);

    public static Exchange.RevokeKey KeyRevocation => new("The Netherlands' node reported key NL-1 compromised (letter of 2026-12-01, ref. ILT-2026-117).");

    public static Exchange.PublishedKey KeyRevoked => new("NL-1", "NL", Exchange.AuthorityKeyStatus.Revoked, ExamplePublicKeyPem, KeyAdded, KeyAdded.AddDays(1));

    public static Exchange.ReplayDeadLetters Replay => new([Guid.Parse("0b4d2c8e-6a0f-4f3e-9d61-1f2a3b4c5d6e"), Guid.Parse("7e9a1c3b-5d2f-4a8e-b6c0-9f8e7d6c5b4a")]);

    public static Exchange.PublishedKeys PublishedKeys => new("DE", ["DE"], [new("DE-1", "DE", Exchange.AuthorityKeyStatus.Active, ExamplePublicKeyPem, KeyAdded, null)]);

    public static Exchange.ExchangeStatus ExchangeStatus => new(true, "DE", ["DE"],
        [new Exchange.PeerStatus("NL", ["NL"], [PeerKeyHeld], 3), new Exchange.PeerStatus("BE", ["BE"], [], 0)], 0, 1, 0, 42, 37);
}
