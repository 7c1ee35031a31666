using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;
using static WasteMovements.Api.Tests.Infrastructure.Commands;

namespace WasteMovements.Api.Tests.Foundation;

/// <summary>
/// The wire format of every write route, written out as a client writes it: anonymous JSON with the documented
/// camelCase names, enums as camelCase strings, dates as yyyy-MM-dd and instants in ISO 8601 (docs/api-contract.md).
/// Every other test sends the typed command records, which follow a rename silently; these are the only requests
/// that spell the names, and each checks that every property it sends arrived where the state shows it. A route is
/// covered by exactly one test here.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WireFormatTests(ApiFixture api)
{
    private const string Facility = "NL-FAC-ROTTERDAM-1";
    private static readonly string? None = null;

    /// <summary>The write routes whose JSON the tests below spell out; a new write route needs a test here.</summary>
    private static readonly string[] Covered =
    [
        "POST /api/notifications", "POST /api/notifications/{number}/acknowledgements", "POST /api/notifications/{number}/information-requests",
        "POST /api/notifications/{number}/information-requests/{requestId}/answer", "POST /api/notifications/{number}/decisions",
        "POST /api/notifications/{number}/withdrawals", "POST /api/notifications/{number}/cancellation", "POST /api/notifications/{number}/shipments",
        "POST /api/notifications/{number}/guarantee", "POST /api/notifications/{number}/guarantee/approval", "POST /api/notifications/{number}/guarantee/release",
        "POST /api/shipments/{shipmentId}/departure", "POST /api/shipments/{shipmentId}/border-crossings", "POST /api/shipments/{shipmentId}/carrier-handovers",
        "POST /api/shipments/{shipmentId}/receipt", "POST /api/shipments/{shipmentId}/rejection", "POST /api/shipments/{shipmentId}/completion",
        "POST /api/shipments/{shipmentId}/illegal-traffic", "POST /api/shipments/{shipmentId}/cannot-be-completed",
        "POST /api/shipments/{shipmentId}/alternative-arrangements", "POST /api/shipments/{shipmentId}/return",
        "PUT /api/countries/{code}", "POST /api/personal-data/erasures",
    ];

    private static async Task<JsonNode> Post(HttpClient client, string url, object body, HttpStatusCode status = HttpStatusCode.OK) =>
        await (await client.PostJson(url, body)).ShouldBe(status);

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    private static DateTimeOffset Instant(JsonNode? node) => node!.GetValue<DateTimeOffset>();

    private async Task<JsonArray> HistoryAsync(string number) =>
        (await (await api.Auditor().GetAsync($"/api/notifications/{number}/history?pageSize=1000")).ShouldBe(HttpStatusCode.OK))["events"]!.AsArray();

    [Fact]
    public async Task Every_write_route_of_the_OpenAPI_document_has_its_wire_format_test()
    {
        var document = await (await api.Anonymous().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var writes = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}"))
            .Where(r => !r.StartsWith("GET ", StringComparison.Ordinal))
            .ToHashSet();
        Assert.Empty(writes.Except(Covered));
        Assert.Empty(Covered.Except(writes));
    }

    [Fact]
    public async Task Filing_reads_every_item_of_the_notification_by_its_documented_name()
    {
        var body = new
        {
            stateOfExport = "DE",
            stateOfImport = "NL",
            transitStates = new[] { new { state = "BE", entryPoint = "BE entry", exitPoint = "BE exit", customsOfficeOfEntry = "BE-CO-IN", customsOfficeOfExit = "BE-CO-OUT" } },
            customsOfficeOfExit = "DE-CO-EXIT",
            customsOfficeOfEntry = "NL-CO-ENTRY",
            itinerary = "Road via the motorway network",
            kind = "general",
            reasonForExport = "No domestic capacity for recovery of lead from spent batteries",
            exporter = new
            {
                name = "Batterie Recycling Export GmbH", address = "Hafenstrasse 1, 20457 Hamburg", registrationNumber = "DE-EXP-0001",
                contact = new { name = "Erika Mustermann", phone = "+49 40 000000", email = "erika@example.org" },
            },
            generators = new[]
            {
                new
                {
                    name = "Autowerkstatt Nord", address = "Werkstrasse 5, 22041 Hamburg", registrationNumber = None,
                    contact = new { name = "Max Mustermann", phone = None, email = None },
                    siteOfGeneration = "Hamburg workshop", process = "Replacement of vehicle batteries",
                },
            },
            consignee = new
            {
                name = "Metals Recovery BV", address = "Industrieweg 10, Rotterdam", registrationNumber = "NL-REC-0042",
                contact = new { name = "Jan Jansen", phone = "+31 10 000000", email = "jan@example.org" },
            },
            facility = new
            {
                id = Facility, name = "Metals Recovery Rotterdam", address = "Industrieweg 10, Rotterdam", siteAddress = "Industrieweg 10, 3044 Rotterdam",
                contact = new { name = "Piet de Vries", phone = None, email = "piet@example.org" }, latitude = 51.9, longitude = 4.4,
                technicalDescription = "Secondary lead smelter with acid neutralisation",
            },
            carriers = new[]
            {
                new
                {
                    name = "Trans Europa Logistik", address = "Ring 3, Bremen", registrationNumber = "DE-CAR-77",
                    contact = new { name = "Karl Fahrer", phone = None, email = None }, meansOfTransport = new[] { "road" },
                },
            },
            meansOfTransport = new[] { "road" },
            intendedShipments = 10,
            totalQuantity = 100,
            unit = "t",
            quantityPerShipment = 10,
            firstDeparture = TestStart.Text(TestStart.Day(8)),
            lastDeparture = TestStart.Text(TestStart.Day(8).AddYears(1).AddDays(-1)),
            waste = new
            {
                designation = "Spent lead-acid batteries, whole", composition = "Lead 60-70 %, sulphuric acid 10-20 %, polypropylene",
                baselCode = "A1160", oecdCode = None, yCodes = new[] { "Y31", "Y34" }, hCodes = new[] { "H8", "H11" }, unClass = "8", unNumber = "UN2794",
                unShippingName = "BATTERIES, WET, FILLED WITH ACID", physicalState = "solid", packaging = new[] { "box" },
                specialHandling = "Keep upright; acid-resistant pallets", containsPops = false, containsMercury = false,
            },
            operation = "R4",
            subsequentOperation = None,
            preconsentedFacility = false,
            insurance = new { provider = "Allianz", policyNumber = "POL-123", amount = 500000, currency = "EUR" },
            contract = new { reference = "CTR-17", date = TestStart.Text(TestStart.Day(-53)) },
            declaration = new { signedBy = "Erika Mustermann", signedAt = TestStart.Text(TestStart.At(-3, 10)), informationCorrect = true },
        };

        var created = await Post(api.Authority("DE"), "/api/notifications", body, HttpStatusCode.Created);
        var state = await api.NotificationAsync(Text(created["notificationNumber"]));
        Assert.Equal(1, created["version"]!.GetValue<long>());
        Assert.Equal("eu", Text(state["regime"]!["regime"]));

        // The file keeps the particulars as submitted: every item sent is there under the name it was sent with.
        var sent = JsonSerializer.SerializeToNode(body, Json.Options)!.AsObject();
        var kept = state["particulars"]!.DeepClone().AsObject();
        kept.Remove("transits"); // computed from transitStates, not sent
        Assert.Equal(TestStart.At(-3, 10), Instant(kept["declaration"]!["signedAt"]));
        foreach (var particulars in new[] { sent, kept }) particulars["declaration"]!.AsObject().Remove("signedAt");
        Assert.True(JsonNode.DeepEquals(sent, kept), $"sent:\n{sent}\nkept:\n{kept}");
    }

    [Fact]
    public async Task The_consent_steps_read_their_documented_names()
    {
        var number = await api.FiledAsync(Flows.Eu(via: ["BE"]));
        var url = $"/api/notifications/{number}";
        var de = api.Authority("DE"); var nl = api.Authority("NL"); var be = api.Authority("BE");

        // Acknowledgement: no body.
        Assert.Equal(2, (await Post(nl, url + "/acknowledgements", new { }))["version"]!.GetValue<long>());
        await Post(be, url + "/acknowledgements", new { });

        var asked = await Post(nl, url + "/information-requests", new { questions = "Lead content per battery type?" }, HttpStatusCode.Created);
        var requestId = Text(asked["requestId"]);
        Assert.Equal(number, Text(asked["notificationNumber"]));
        await Post(de, $"{url}/information-requests/{requestId}/answer", new { answer = "60-70 % lead", attachments = new[] { "lead-analysis.pdf" } });
        var request = (await api.NotificationAsync(number))["informationRequests"]!.AsArray().Single()!;
        Assert.Equal(("NL", "Lead content per battery type?", "60-70 % lead"), (Text(request["state"]), Text(request["questions"]), Text(request["answer"])));
        Assert.Equal(["lead-analysis.pdf"], request["attachments"]!.AsArray().Select(Text));

        await Post(de, url + "/decisions", new
        {
            decision = "consent", conditions = new[] { "Guarantee before the first shipment" }, validFrom = TestStart.Text(TestStart.Day(1)),
            validUntil = TestStart.Text(TestStart.Day(300)), contractConfirmed = false, requiresFinancialGuarantee = true,
        });
        await Post(nl, url + "/decisions", new
        {
            decision = "consent", conditions = new[] { "Receipt confirmed within 2 working days" }, validFrom = TestStart.Text(TestStart.Day(2)),
            validUntil = TestStart.Text(TestStart.Day(301)), contractConfirmed = true,
        });
        var state = await api.NotificationAsync(number);
        var dispatch = state.AuthorityOf("DE")["consent"]!;
        Assert.Equal(["Guarantee before the first shipment"], dispatch["conditions"]!.AsArray().Select(Text));
        Assert.Equal((TestStart.Text(TestStart.Day(1)), TestStart.Text(TestStart.Day(300))), (Text(dispatch["validFrom"]), Text(dispatch["validUntil"])));
        Assert.False(dispatch["contractConfirmed"]!.GetValue<bool>());
        Assert.True(dispatch["requiresFinancialGuarantee"]!.GetValue<bool>());
        Assert.Equal(["DE"], state["guaranteeRequiredBy"]!.AsArray().Select(Text));
        var destination = state.AuthorityOf("NL")["consent"]!;
        Assert.Equal((TestStart.Text(TestStart.Day(2)), TestStart.Text(TestStart.Day(301))), (Text(destination["validFrom"]), Text(destination["validUntil"])));
        Assert.True(destination["contractConfirmed"]!.GetValue<bool>());
        Assert.Equal("consented", Text(state.AuthorityOf("NL")["status"]));

        await Post(be, url + "/decisions", new { decision = "refuse", reason = "Route passes a protected area" });
        state = await api.NotificationAsync(number);
        Assert.Equal(("refused", "Route passes a protected area"), (Text(state.AuthorityOf("BE")["status"]), Text(state.AuthorityOf("BE")["refusalReason"])));

        // Withdrawal of a consent, and cancellation by the state of export, each with its reason.
        var withdrawn = await api.ConsentedAsync(Flows.Basel(via: []));
        await Post(api.Authority("JP"), $"/api/notifications/{withdrawn}/withdrawals", new { reason = "Facility permit suspended" });
        Assert.Equal("Facility permit suspended", Text((await api.NotificationAsync(withdrawn)).AuthorityOf("JP")["withdrawalReason"]));

        var cancelled = await api.FiledAsync(Flows.Basel(via: []));
        await Post(api.Authority("MY"), $"/api/notifications/{cancelled}/cancellation", new { reason = "Contract terminated" });
        state = await api.NotificationAsync(cancelled);
        Assert.Equal(("cancelled", "Contract terminated"), (Text(state["status"]), Text(state["cancellationReason"])));
    }

    [Fact]
    public async Task The_guarantee_steps_read_their_documented_names()
    {
        var number = await api.FiledAsync(Flows.Eu());
        var url = $"/api/notifications/{number}";
        var de = api.Authority("DE");
        await Post(de, url + "/guarantee", new
        {
            kind = "bond", provider = "Landesbank", reference = "G-17", amount = 250000, currency = "EUR",
            coverage = "Transport, treatment and 90 days' storage", validUntil = TestStart.Text(TestStart.Day(600)),
        });
        var guarantee = (await api.NotificationAsync(number))["guarantee"]!;
        Assert.Equal(("bond", "Landesbank", "G-17", "EUR", "Transport, treatment and 90 days' storage", TestStart.Text(TestStart.Day(600))),
            (Text(guarantee["kind"]), Text(guarantee["provider"]), Text(guarantee["reference"]), Text(guarantee["currency"]), Text(guarantee["coverage"]),
                Text(guarantee["validUntil"])));
        Assert.Equal(250000m, guarantee["amount"]!.GetValue<decimal>());

        // Approval and release read no body.
        await Post(de, url + "/guarantee/approval", new { });
        Assert.Equal(["DE"], (await api.NotificationAsync(number))["guarantee"]!["approvedBy"]!.AsArray().Select(Text));
        await de.Cancel(number, "No shipment will take place").Ok();
        await Post(de, url + "/guarantee/release", new { });
        Assert.NotNull((await api.NotificationAsync(number))["guarantee"]!["releasedAt"]);
    }

    [Fact]
    public async Task Announcement_departure_crossing_handover_receipt_and_completion_read_their_documented_names()
    {
        using var _ = api.TimeTravel();
        var number = await api.ConsentedAsync(Flows.Basel());
        var my = api.Authority("MY"); var kr = api.Authority("KR"); var facility = api.FacilityUser(Facility);

        var announced = await Post(my, $"/api/notifications/{number}/shipments", new
        {
            quantity = 12.5, unit = "t", plannedDeparture = TestStart.Text(TestStart.Day(9)), carriers = new[] { "Trans Europa Logistik" }, packaging = "drum", packages = 40,
        }, HttpStatusCode.Created);
        var s = Text(announced["shipmentId"]);
        Assert.Equal(1, announced["shipmentNumber"]!.GetValue<int>());
        // The answer names the version the announcement left the notification at (its ETag), as every write does.
        Assert.Equal((await api.NotificationAsync(number))["version"]!.GetValue<long>(), announced["notificationVersion"]!.GetValue<long>());
        var document = (await api.ShipmentAsync(s))["document"]!;
        Assert.Equal(12.5m, document["quantity"]!.GetValue<decimal>());
        Assert.Equal(("t", TestStart.Text(TestStart.Day(9)), "drum", 40), (Text(document["unit"]), Text(document["plannedDeparture"]), Text(document["packaging"]),
            document["packages"]!.GetValue<int>()));
        Assert.Equal(["Trans Europa Logistik"], document["carriers"]!.AsArray().Select(c => Text(c!["name"])));

        api.Clock.Set(TestStart.At(9, 10, 0));
        await Post(my, $"/api/shipments/{s}/departure", new { departedAt = TestStart.Text(TestStart.At(9, 8, 0)), carrier = "Trans Europa Logistik" });
        await Post(kr, $"/api/shipments/{s}/border-crossings", new { state = "KR", customsOffice = "Busan customs", direction = "entry", at = TestStart.Text(TestStart.At(9, 9, 30)) });
        await Post(kr, $"/api/shipments/{s}/carrier-handovers",
            new { fromCarrier = "Trans Europa Logistik", toCarrier = "Busan Haulage", signedBy = "K. Park", at = TestStart.Text(TestStart.At(9, 9, 45)) });
        var shipment = await api.ShipmentAsync(s);
        Assert.Equal(TestStart.At(9, 8, 0), Instant(shipment["departedAt"]));
        var custody = shipment["custody"]!.AsArray();
        Assert.Equal(("Trans Europa Logistik", "Busan Haulage", "K. Park"), (Text(custody[0]!["carrier"]), Text(custody[1]!["carrier"]), Text(custody[1]!["signedBy"])));
        Assert.Equal(TestStart.At(9, 9, 45), Instant(custody[1]!["at"]));
        var crossing = shipment["crossings"]!.AsArray().Single()!;
        Assert.Equal(("KR", "Busan customs", "entry"), (Text(crossing["state"]), Text(crossing["customsOffice"]), Text(crossing["direction"])));
        Assert.Equal(TestStart.At(9, 9, 30), Instant(crossing["at"]));

        await Post(facility, $"/api/shipments/{s}/receipt", new { receivedAt = TestStart.Text(TestStart.At(9, 9, 50)), quantity = 12.4, unit = "t" });
        await Post(facility, $"/api/shipments/{s}/completion", new { operation = "R4", completedAt = TestStart.Text(TestStart.At(9, 9, 55)), certificateReference = "CERT-17" });
        shipment = await api.ShipmentAsync(s);
        Assert.Equal(TestStart.At(9, 9, 50), Instant(shipment["receipt"]!["receivedAt"]));
        Assert.Equal((12.4m, "t"), (shipment["receipt"]!["quantity"]!.GetValue<decimal>(), Text(shipment["receipt"]!["unit"])));
        var certificate = shipment["certificates"]!.AsArray().Single()!;
        Assert.Equal(("R4", "CERT-17"), (Text(certificate["operation"]), Text(certificate["reference"])));
        Assert.Equal(TestStart.At(9, 9, 55), Instant(certificate["completedAt"]));
        Assert.Equal("completed", Text(shipment["status"]));
    }

    [Fact]
    public async Task Rejection_and_return_read_their_documented_names()
    {
        using var _ = api.TimeTravel();
        // Departed and received this morning, before the clock's start.
        var movement = await api.ReceivedAsync(Flows.Basel(via: []), Announcement(10m), new RecordDeparture(TestStart.At(0, 7, 0), SampleCarrier),
            new ConfirmReceipt(TestStart.At(0, 8, 0), 10m, "t"));

        // A part rejected: the quantity is read, or the whole would be.
        await Post(api.FacilityUser(Facility), $"/api/shipments/{movement.Shipment}/rejection", new { reason = "Two pallets leaking", quantity = 2.5 });
        var shipment = await api.ShipmentAsync(movement.Shipment);
        Assert.Equal(("Two pallets leaking", 2.5m), (Text(shipment["rejectionReason"]), shipment["rejectedQuantity"]!.GetValue<decimal>()));
        Assert.Equal(2.5m, shipment["takeBacks"]!.AsArray().Single()!["quantity"]!.GetValue<decimal>());

        // The return reads no body.
        await Post(api.Authority("MY"), $"/api/shipments/{movement.Shipment}/return", new { });
        Assert.NotNull((await api.ShipmentAsync(movement.Shipment))["takeBacks"]!.AsArray().Single()!["completedAt"]);
    }

    [Fact]
    public async Task Illegal_traffic_reads_its_documented_names()
    {
        using var _ = api.TimeTravel();
        var movement = await api.AnnouncedAsync(Flows.Basel(via: []), Announcement(10m));
        await Post(api.Authority("JP"), $"/api/shipments/{movement.Shipment}/illegal-traffic",
            new { cause = "consent-by-fraud", details = "Forged consent letter", exporterAtFault = true });
        var shipment = await api.ShipmentAsync(movement.Shipment);
        var finding = shipment["illegalTraffic"]!.AsArray().Single()!;
        Assert.Equal(("consent-by-fraud", "Forged consent letter", "JP"), (Text(finding["cause"]), Text(finding["details"]), Text(finding["foundBy"])));
        Assert.True(finding["exporterAtFault"]!.GetValue<bool>());
        // The exporter at fault takes the waste back (Basel Art. 9(2)).
        Assert.Contains(shipment["deadlines"]!.AsArray(), d => Text(d!["kind"]) == "takeBack");
    }

    [Fact]
    public async Task Cannot_be_completed_and_the_alternative_arrangement_read_their_documented_names()
    {
        using var _ = api.TimeTravel();
        var movement = await api.InTransitAsync(Flows.Basel(via: []), Announcement(10m), new RecordDeparture(TestStart.At(0, 7, 0), SampleCarrier));

        await Post(api.Authority("JP"), $"/api/shipments/{movement.Shipment}/cannot-be-completed", new { reason = "Facility fire; plant closed" });
        var shipment = await api.ShipmentAsync(movement.Shipment);
        Assert.Equal(("cannotBeCompleted", "Facility fire; plant closed"), (Text(shipment["status"]), Text(shipment["takeBacks"]!.AsArray().Single()!["reason"])));

        await Post(api.Authority("MY"), $"/api/shipments/{movement.Shipment}/alternative-arrangements", new
        {
            facility = new
            {
                id = "JP-FAC-OSAKA-2", name = "Osaka Lead Works", address = "Osaka", siteAddress = "Osaka Bay 4",
                contact = new { name = "Plant manager", phone = "+81 6 0000", email = "plant@example.org" }, latitude = 34.6, longitude = 135.4,
                technicalDescription = "Lead smelter",
            },
            details = "Consent of JP for the Osaka facility obtained",
        });
        Assert.Equal("JP-FAC-OSAKA-2", Text((await api.ShipmentAsync(movement.Shipment))["facilityId"]));
        var arranged = (await HistoryAsync(movement.Number)).Single(e => Text(e!["type"]) == "alternative_arrangement_made")!["data"]!;
        Assert.Equal("Consent of JP for the Osaka facility obtained", Text(arranged["details"]));
        var sent = JsonNode.Parse("""
            { "id": "JP-FAC-OSAKA-2", "name": "Osaka Lead Works", "address": "Osaka", "siteAddress": "Osaka Bay 4",
              "contact": { "name": "Plant manager", "phone": "+81 6 0000", "email": "plant@example.org" }, "latitude": 34.6, "longitude": 135.4,
              "technicalDescription": "Lead smelter" }
            """);
        Assert.True(JsonNode.DeepEquals(sent, arranged["facility"]), arranged["facility"]!.ToJsonString());
    }

    [Fact]
    public async Task A_country_revision_reads_its_documented_names()
    {
        // New Zealand: no other test files for NZ; the revision keeps its entry and adds a prohibition of disposal of one code.
        var profile = new
        {
            code = "NZ", name = "New Zealand", baselParty = true, annexVII = true, oecd = true, eu = false, banAmendmentAccepted = false,
            tacitTransitConsent = true, tacitTransitConsentSource = "Art. 6(4) declaration (wire format test)",
            art11Agreements = new[] { new { partner = "OECD", direction = "both", operations = new[] { "R*" }, source = "OECD Decision (wire format test)" } },
            importProhibitions = new[]
            {
                new { codes = new[] { "A1010" }, operations = new[] { "D*" }, notifiedUnderArticle = "4(1)(a)", source = "Wire format test", notes = "No file goes to NZ" },
            },
            // Basel Art. 3 definitions and the territory fields (law.md 1.2, 3.12): none for a state.
            nationalDefinitions = new[] { new { codes = new[] { "Y46" }, source = "Art. 3 notification (wire format test)", notes = "Household waste" } },
            partOf = (string?)null,
            partOfSource = (string?)null,
            euStatus = (string?)null,
            notes = "Revised by the wire format test",
        };
        var revised = await (await api.Admin().PutAsJsonAsync("/api/countries/NZ", new { profile, reason = "Wire format", source = "Test notification" }, Json.Options))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal("NZ", Text(revised["code"]));
        var entry = await (await api.Anonymous().GetAsync("/api/countries/NZ")).ShouldBe(HttpStatusCode.OK);
        var sent = JsonSerializer.SerializeToNode(profile, Json.Options);
        Assert.True(JsonNode.DeepEquals(sent, entry), $"sent:\n{sent}\nkept:\n{entry}");
        await using var session = api.Store.QuerySession();
        var history = await session.Events.FetchStreamAsync(Domain.CodeLists.CountryRegistryEntry.StreamKey("NZ"));
        var revision = Assert.IsType<Domain.CodeLists.CountryProfileRevised>(history.Last().Data);
        Assert.Equal(("Wire format", "Test notification"), (revision.Reason, revision.Source));
    }

    [Fact]
    public async Task An_erasure_reads_its_documented_names()
    {
        using var _ = api.TimeTravel();
        var person = $"Wira Erasable {Guid.NewGuid():N}"[..28];
        var officer = $"wire{Guid.NewGuid():N}"[..16];
        var sample = Flows.Basel(via: []);
        var client = api.Authority("MY", officer);
        var number = Text((await client.File(sample with { Exporter = sample.Exporter with { Contact = new Domain.Common.ContactPerson(person, null, null) } }).Created())["notificationNumber"]);
        await client.Cancel(number, "Contract terminated").Ok();
        api.Clock.Advance(TimeSpan.FromDays(5 * 365 + 2));

        var erased = await Post(api.Admin(), "/api/personal-data/erasures", new { name = person, subject = $"{officer}.my", reason = "Retention period ended" });
        Assert.Equal([number], erased["notifications"]!.AsArray().Select(Text));
        Assert.True(erased["events"]!.GetValue<int>() >= 2);
        Assert.True(erased["fields"]!.GetValue<int>() >= 1);
        // The name and the subject are both read: the contact is gone from the file and the officer from its events.
        Assert.Equal("[erased]", Text((await api.NotificationAsync(number))["particulars"]!["exporter"]!["contact"]!["name"]));
        Assert.All((await HistoryAsync(number)).Where(e => Text(e!["type"]) != "personal_data_erased"), e => Assert.Equal("[erased]", Text(e!["actor"])));
    }
}
