using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Client;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Contract;

/// <summary>
/// A whole movement through the client NSwag generates from the committed contract (tests/WasteMovements.Api.Client): file,
/// acknowledge, consent, announce, depart, receive, certify, read the history, with the typed answers, the problem of a
/// refusal (<c>rule</c>, <c>article</c>), a stale <c>If-Match</c> (412) and an <c>Idempotency-Key</c> retry. The client knows
/// only the contract: a change of the API that breaks clients breaks this test.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class GeneratedClientTests(ApiFixture api)
{
    private const string FacilityId = "NL-FAC-ROTTERDAM-1";

    private WasteMovementsClient Authority(string state) => new(api.Authority(state, "client"));

    private static NotificationParticulars Notification(string export, string import, string transit) => new()
    {
        StateOfExport = export,
        StateOfImport = import,
        TransitStates = [new TransitRoute { State = transit, EntryPoint = $"{transit} entry", ExitPoint = $"{transit} exit", CustomsOfficeOfEntry = $"{transit}-CO-IN", CustomsOfficeOfExit = $"{transit}-CO-OUT" }],
        CustomsOfficeOfExit = $"{export}-CO-EXIT",
        CustomsOfficeOfEntry = $"{import}-CO-ENTRY",
        Itinerary = "Sea: Port Klang - Busan - Osaka",
        Kind = NotificationKind.General,
        ReasonForExport = "No domestic capacity for the recovery of lead from spent batteries",
        Exporter = new Party { Name = "Battery Export Sdn Bhd", Address = "Jalan Pelabuhan 1, Port Klang", RegistrationNumber = "MY-EXP-1", Contact = new ContactPerson { Name = "Aisha Rahman", Phone = "+60 3 000000", Email = "aisha@example.org" } },
        Generators = [new Generator { Name = "Bengkel Utara", Address = "Jalan Bengkel 5, Klang", Contact = new ContactPerson { Name = "Lim Wei" }, SiteOfGeneration = "Klang workshop", Process = "Replacement of vehicle batteries" }],
        Consignee = new Party { Name = "Osaka Metals KK", Address = "Osaka Bay 1", RegistrationNumber = "JP-REC-7", Contact = new ContactPerson { Name = "K. Sato", Email = "sato@example.org" } },
        Facility = new Facility { Id = FacilityId, Name = "Osaka Lead Works", Address = "Osaka Bay 1", SiteAddress = "Osaka Bay 1, Osaka", Contact = new ContactPerson { Name = "Plant manager" }, TechnicalDescription = "Secondary lead smelter" },
        Carriers = [new Carrier { Name = "Trans Europa Logistik", Address = "Ring 3, Bremen", RegistrationNumber = "DE-CAR-77", Contact = new ContactPerson { Name = "Karl Fahrer" }, MeansOfTransport = ["sea"] }],
        MeansOfTransport = ["sea"],
        IntendedShipments = 10,
        TotalQuantity = 100,
        Unit = "t",
        QuantityPerShipment = 10,
        FirstDeparture = TestStart.Day(8),
        LastDeparture = TestStart.Day(8).AddYears(1).AddDays(-1),
        Waste = new WasteDescription
        {
            Designation = "Spent lead-acid batteries, whole", Composition = "Lead 60-70 %, sulphuric acid 10-20 %, polypropylene", BaselCode = "A1160",
            YCodes = ["Y31", "Y34"], HCodes = ["H8", "H11"], UnClass = "8", UnNumber = "UN2794", UnShippingName = "BATTERIES, WET, FILLED WITH ACID",
            PhysicalState = "solid", Packaging = ["box"], SpecialHandling = "Keep upright",
        },
        Operation = "R4",
        PreconsentedFacility = false,
        Insurance = new Insurance { Provider = "Allianz", PolicyNumber = "POL-123", Amount = 500000, Currency = "EUR" },
        Contract = new WasteMovements.Client.Contract { Reference = "CTR-17", Date = TestStart.Day(-53) },
        Declaration = new Declaration { SignedBy = "Aisha Rahman", SignedAt = TestStart.At(-3, 10), InformationCorrect = true },
    };

    private static DecideOnConsent Consent(bool contractConfirmed) => new()
    {
        Decision = ConsentDecisionKind.Consent,
        Conditions = ["Closed, acid-resistant containers"],
        ValidFrom = TestStart.Day(0),
        ValidUntil = TestStart.Day(8).AddDays(303),
        ContractConfirmed = contractConfirmed,
    };

    private static async Task<Problem> RefusedAsync(int status, Func<Task> call)
    {
        var refused = await Assert.ThrowsAsync<WasteMovementsApiException<Problem>>(call);
        Assert.Equal(status, refused.StatusCode);
        Assert.Equal(status, refused.Result.Status);
        return refused.Result;
    }

    [Fact]
    public async Task A_whole_movement_runs_through_the_generated_client()
    {
        using var _ = api.TimeTravel();
        var export = Authority("MY");
        var import = Authority("JP");
        var transit = Authority("KR");
        var facility = new WasteMovementsClient(api.FacilityUser(FacilityId, "client"));
        var auditor = new WasteMovementsClient(api.Auditor("client"));

        // File: 201 with the number and version 1.
        var filed = await export.FileNotificationAsync(Notification("MY", "JP", "KR"), x_Correlation_Id: "client-file");
        Assert.Equal(1, filed.Version);
        var number = filed.NotificationNumber;
        Assert.StartsWith($"MY-{TestStart.Year}-", number);

        // Acknowledge (transit, then import); a second acknowledgement is a refusal by a rule, with the rule and its article.
        await transit.AcknowledgeNotificationAsync(number);
        var acknowledged = await import.AcknowledgeNotificationAsync(number);
        Assert.Equal(3, acknowledged.Version);
        var again = await RefusedAsync(409, () => transit.AcknowledgeNotificationAsync(number));
        Assert.Equal("urn:wastemovements:problem:already-acknowledged", again.Type);
        Assert.Equal("already-acknowledged", again.Rule);
        Assert.Equal("Basel Art. 6(4)", again.Article);

        // Another state is not concerned: 403, and it may not even read the file.
        var unrelated = await RefusedAsync(403, () => Authority("PL").GetNotificationAsync(number));
        Assert.Equal("urn:wastemovements:problem:not-concerned", unrelated.Type);

        // Consent: a stale If-Match is a 412; with the version just read the decision is taken.
        var stale = await RefusedAsync(412, () => import.DecideOnConsentAsync(number, Consent(true), if_Match: "\"1\""));
        Assert.Equal("urn:wastemovements:problem:version-mismatch", stale.Type);
        var read = await import.GetNotificationAsync(number);
        Assert.Equal(NotificationStatus.Acknowledged, read.Status);
        await import.DecideOnConsentAsync(number, Consent(true), if_Match: $"\"{read.Version}\"");
        await transit.DecideOnConsentAsync(number, Consent(false));
        var consented = await export.GetNotificationAsync(number);
        Assert.Equal(NotificationStatus.Consented, consented.Status);
        Assert.All(consented.Authorities, a => Assert.Equal(AuthorityStatus.Consented, a.Status));

        // Announce with an Idempotency-Key: the retry answers the same shipment and reserves nothing more.
        var announcement = new AnnounceShipment { Quantity = 5, Unit = "t", PlannedDeparture = TestStart.Day(9), Carriers = ["Trans Europa Logistik"], Packaging = "box", Packages = 4 };
        var key = Guid.NewGuid().ToString();
        var announced = await export.AnnounceShipmentAsync(number, announcement, idempotency_Key: key);
        var retried = await export.AnnounceShipmentAsync(number, announcement, idempotency_Key: key);
        Assert.Equal(announced.ShipmentId, retried.ShipmentId);
        Assert.Equal(1, announced.ShipmentNumber);
        var shipmentId = announced.ShipmentId;
        Assert.Single((await export.ListShipmentsAsync(number)).Shipments);

        // Depart, receive, certify.
        api.Clock.Set(TestStart.At(9, 10, 0));
        var departed = await export.RecordDepartureAsync(shipmentId, new RecordDeparture { DepartedAt = TestStart.At(9, 8, 0), Carrier = "Trans Europa Logistik" });
        Assert.Equal(shipmentId, departed.ShipmentId);
        api.Clock.Set(TestStart.At(10, 9, 0));
        await facility.ConfirmReceiptAsync(shipmentId, new ConfirmReceipt { ReceivedAt = TestStart.At(10, 8, 0), Quantity = 5, Unit = "t" });
        var certified = await facility.CertifyCompletionAsync(shipmentId, new CertifyCompletion { Operation = "R4", CompletedAt = TestStart.At(10, 8, 30), CertificateReference = "CERT-CLIENT-1" });

        var shipment = await facility.GetShipmentAsync(shipmentId);
        Assert.Equal(ShipmentStatus.Completed, shipment.Status);
        Assert.Equal(certified.Version, shipment.Version);
        Assert.Equal(5, shipment.Receipt!.Quantity);

        // The history: every step in order, with who acted for which authority and our correlation id.
        var history = await auditor.GetHistoryAsync(number, page: 1, pageSize: 100);
        Assert.Equal(number, history.NotificationNumber);
        Assert.Equal(history.Total, history.Events.Count);
        var types = history.Events.Select(e => e.Type).ToList();
        string[] expected = ["notification_filed", "notification_acknowledged", "notification_acknowledged", "consent_granted", "consent_granted",
            "shipment_announced", "movement_document_issued", "shipment_departed", "shipment_received", "shipment_completed"];
        var at = 0;
        foreach (var type in types) if (at < expected.Length && type == expected[at]) at++;
        Assert.True(at == expected.Length, $"history lacks {expected.ElementAtOrDefault(at)} in order: {string.Join(", ", types)}");
        var filing = history.Events.First();
        Assert.Equal("authority:MY", filing.Authority);
        Assert.Equal("client-file", filing.CorrelationId);
        Assert.Equal("client.my", filing.Actor);
    }
}
