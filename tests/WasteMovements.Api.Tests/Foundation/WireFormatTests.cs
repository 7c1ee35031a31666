using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
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
        "POST /api/notifications", "POST /api/notifications/{number}/acknowledgements",
        "POST /api/notifications/{number}/completeness-confirmations", "POST /api/notifications/{number}/objection-lifts", "POST /api/notifications/{number}/information-requests",
        "POST /api/notifications/{number}/information-requests/{requestId}/answer", "POST /api/notifications/{number}/decisions",
        "POST /api/notifications/{number}/withdrawals", "POST /api/notifications/{number}/cancellation", "POST /api/notifications/{number}/shipments",
        "POST /api/notifications/{number}/guarantee", "POST /api/notifications/{number}/guarantee/approval", "POST /api/notifications/{number}/guarantee/release",
        "POST /api/shipments/{shipmentId}/departure", "POST /api/shipments/{shipmentId}/border-crossings", "POST /api/shipments/{shipmentId}/carrier-handovers",
        "POST /api/shipments/{shipmentId}/receipt", "POST /api/shipments/{shipmentId}/rejection", "POST /api/shipments/{shipmentId}/completion",
        "POST /api/shipments/{shipmentId}/illegal-traffic", "POST /api/shipments/{shipmentId}/cannot-be-completed", "POST /api/shipments/{shipmentId}/accidents",
        "POST /api/shipments/{shipmentId}/alternative-arrangements", "POST /api/shipments/{shipmentId}/return",
        "POST /api/shipments/{shipmentId}/take-back/information", "POST /api/shipments/{shipmentId}/take-back/agreed-period",
        "POST /api/illegal-traffic-cases", "POST /api/illegal-traffic-cases/{caseId}/responsibility", "POST /api/illegal-traffic-cases/{caseId}/agreed-period",
        "POST /api/illegal-traffic-cases/{caseId}/take-back", "POST /api/illegal-traffic-cases/{caseId}/disposal", "POST /api/illegal-traffic-cases/{caseId}/closure",
        "PUT /api/countries/{code}", "POST /api/personal-data/erasures",
        "POST /api/notifications/{number}/changes", "POST /api/notifications/{number}/changes/{changeId}/answers",
        "POST /api/notifications/{number}/renotifications",
        "POST /api/preconsented-facilities", "POST /api/preconsented-facilities/{entryId}/amendments", "POST /api/preconsented-facilities/{entryId}/revocation",
        "POST /api/annex-vii-documents", "POST /api/annex-vii-documents/{documentId}/receipts", "POST /api/annex-vii-documents/{documentId}/recovery",
        "POST /api/annex-vii-documents/{documentId}/inspections", "POST /api/uploads/{kind}",
        "POST /api/reports/mirror/partner-figures",
        "POST /api/admin/assignments", "POST /api/admin/assignments/{person}/revocations",
        "POST /api/exchange/keys", "POST /api/exchange/keys/{kid}/revocations", "POST /api/exchange/dead-letters/replay",
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
                specialHandling = "Keep upright; acid-resistant pallets", containsPops = true, containsMercury = true,
                mixture = true, fractions = new[] { new { code = "A1160", sharePercent = 80 }, new { code = "A1170", sharePercent = 20 } },
                densityTonnesPerCubicMetre = 1.6,
                // Stockholm Art. 6(1)(d) and Minamata Art. 11 (law.md 4.7a-4.7b): below the PCB limit, mercury for an allowed use.
                pops = new[] { new { substance = "PCB", concentrationMgPerKg = 10 } },
                mercury = new { category = "containing", concentrationMgPerKg = 2, allowedUse = "Use allowed to a Party under Annex A" },
            },
            operation = "R4",
            subsequentOperation = None,
            preconsentedFacility = false,
            insurance = new { provider = "Allianz", policyNumber = "POL-123", amount = 500000, currency = "EUR" },
            contract = new { reference = "CTR-17", date = TestStart.Text(TestStart.Day(-53)) },
            declaration = new { signedBy = "Erika Mustermann", signedAt = TestStart.Text(TestStart.At(-3, 10)), informationCorrect = true },
            // EU 2024/1157 Art. 14 and 15 (set in The_register_and_the_interim_fields_read_their_documented_names).
            preconsentEntry = None,
            subsequentFacilities = (object?)null,
            earlierNotification = None,
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

        // EU 2024/1157 Art. 8(12): the destination informs all, no body.
        await Post(nl, url + "/completeness-confirmations", new { });
        Assert.NotNull((await api.NotificationAsync(number))["completenessConfirmedAt"]);

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
        // A refusal of a shipment for recovery under 2024/1157 is an objection (Art. 12); lifted with its reason (Art. 12(3)).
        Assert.Equal(("objected", "Route passes a protected area"), (Text(state.AuthorityOf("BE")["status"]), Text(state.AuthorityOf("BE")["refusalReason"])));
        await Post(be, url + "/objection-lifts", new { reason = "Route changed to avoid the protected area" });
        Assert.Equal("acknowledged", Text((await api.NotificationAsync(number)).AuthorityOf("BE")["status"]));

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
    public async Task The_change_and_renotification_steps_read_their_documented_names()
    {
        var number = await api.ConsentedAsync(Flows.Eu(via: ["BE"]));
        var url = $"/api/notifications/{number}";
        await Post(api.Authority("DE"), url + "/changes", new
        {
            reason = "New carrier and a shorter period",
            carriers = new[] { new { name = "Nordsee Transporte GmbH", address = "Kai 4", registrationNumber = "DE-CAR-91", contact = new { name = "Dispatch", phone = None, email = None }, meansOfTransport = new[] { "road" } } },
            itinerary = "Road via Antwerp",
            totalQuantity = 90,
            consigneeContact = new { name = "Jan Jansen", phone = "+31 10 111111", email = "jan@example.org" },
        });
        var change = (await api.NotificationAsync(number))["changes"]![0]!;
        Assert.Equal(("CH-1", "essential", "New carrier and a shorter period"), (Text(change["changeId"]), Text(change["kind"]), Text(change["reason"])));
        Assert.Equal(["quantity", "routing", "carriers", "contact details"], change["items"]!.AsArray().Select(i => Text(i!["item"])));
        Assert.Equal(("Road via Antwerp", 90m, "+31 10 111111"), (Text(change["particulars"]!["itinerary"]), change["particulars"]!["totalQuantity"]!.GetValue<decimal>(),
            Text(change["particulars"]!["consignee"]!["contact"]!["phone"])));

        await Post(api.Authority("NL"), url + "/changes/CH-1/answers", new { answer = "noNewNotificationRequired", reason = None });
        await Post(api.Authority("BE"), url + "/changes/CH-1/answers", new { answer = "newNotificationRequired", reason = "Carrier not known in Belgium" });
        var answers = (await api.NotificationAsync(number))["changes"]![0]!["answers"]!.AsArray();
        Assert.True(answers.Single(a => Text(a!["state"]) == "NL")!["noNewNotificationRequired"]!.GetValue<bool>());
        Assert.Equal("Carrier not known in Belgium", Text(answers.Single(a => Text(a!["state"]) == "BE")!["reason"]));

        var created = await Post(api.Authority("DE"), url + "/renotifications", new
        {
            reason = "Belgium required a new notification",
            firstDeparture = TestStart.Text(TestStart.Day(20)), lastDeparture = TestStart.Text(TestStart.Day(200)),
        }, HttpStatusCode.Created);
        var successor = await api.NotificationAsync(Text(created["notificationNumber"]));
        Assert.Equal((number, "Belgium required a new notification"), (Text(successor["renotifies"]!["predecessor"]), Text(successor["renotifies"]!["reason"])));
        Assert.Equal((TestStart.Text(TestStart.Day(20)), TestStart.Text(TestStart.Day(200))),
            (Text(successor["particulars"]!["firstDeparture"]), Text(successor["particulars"]!["lastDeparture"])));
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
            cover = new { transport = true, treatment = true, storageNinetyDays = true, transportAmount = 50000, treatmentAmount = 150000, storageAmount = 50000 },
            firstShipment = 1, lastShipment = 10,
        });
        var guarantee = (await api.NotificationAsync(number))["guarantee"]!;
        Assert.Equal(("bond", "Landesbank", "G-17", "EUR", "Transport, treatment and 90 days' storage", TestStart.Text(TestStart.Day(600))),
            (Text(guarantee["kind"]), Text(guarantee["provider"]), Text(guarantee["reference"]), Text(guarantee["currency"]), Text(guarantee["coverage"]),
                Text(guarantee["validUntil"])));
        Assert.Equal(250000m, guarantee["amount"]!.GetValue<decimal>());
        var cover = guarantee["cover"]!;
        Assert.True(cover["transport"]!.GetValue<bool>() && cover["treatment"]!.GetValue<bool>() && cover["storageNinetyDays"]!.GetValue<bool>());
        Assert.Equal((50000m, 150000m, 50000m), (cover["transportAmount"]!.GetValue<decimal>(), cover["treatmentAmount"]!.GetValue<decimal>(), cover["storageAmount"]!.GetValue<decimal>()));
        Assert.Equal((1, 10), (guarantee["firstShipment"]!.GetValue<int>(), guarantee["lastShipment"]!.GetValue<int>()));

        // Approval and release read no body; `reference` (query) names the guarantee.
        await Post(de, url + "/guarantee/approval?reference=G-17", new { });
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
    public async Task An_accident_reads_its_documented_names()
    {
        using var _ = api.TimeTravel();
        var movement = await api.InTransitAsync(Flows.Basel(), Announcement(10m), new RecordDeparture(TestStart.At(0, 7, 0), SampleCarrier));
        await Post(api.Authority("KR"), $"/api/shipments/{movement.Shipment}/accidents", new
        {
            happenedAt = TestStart.Text(TestStart.At(0, 8, 0)), place = "Busan port", state = "kr", whatHappened = "A box fell", measuresTaken = "Spill absorbed",
        });
        // At sea: the state is null.
        await Post(api.Authority("JP"), $"/api/shipments/{movement.Shipment}/accidents", new
        {
            happenedAt = TestStart.Text(TestStart.At(0, 8, 30)), place = "Sea of Japan", state = None, whatHappened = "Container lost overboard", measuresTaken = "Coast guard informed",
        });
        var accidents = (await api.ShipmentAsync(movement.Shipment))["accidents"]!.AsArray();
        Assert.Equal((TestStart.At(0, 8, 0), "Busan port", "KR", "A box fell", "Spill absorbed", "KR"), (Instant(accidents[0]!["happenedAt"]), Text(accidents[0]!["place"]),
            Text(accidents[0]!["state"]), Text(accidents[0]!["whatHappened"]), Text(accidents[0]!["measuresTaken"]), Text(accidents[0]!["reportedBy"])));
        Assert.Null(accidents[1]!["state"]);
    }

    [Fact]
    public async Task The_take_back_information_and_agreed_period_read_their_documented_names()
    {
        using var _ = api.TimeTravel();
        var movement = await api.ReceivedAsync(Flows.Basel(via: []), Announcement(10m), new RecordDeparture(TestStart.At(0, 7, 0), SampleCarrier),
            new ConfirmReceipt(TestStart.At(0, 8, 0), 10m, "t"));
        await api.FacilityUser(Facility).Reject(movement.Shipment, new RejectShipment("Leaking", null)).Ok();
        var url = $"/api/shipments/{movement.Shipment}/take-back";
        await Post(api.Authority("JP"), url + "/information", new { informedAt = TestStart.Text(TestStart.At(0, 9, 0)), secretariatInformed = true });
        await Post(api.Authority("MY"), url + "/agreed-period", new { days = 120, agreedBy = new[] { "JP" }, details = "Port strike" });
        var takeBack = (await api.ShipmentAsync(movement.Shipment))["takeBacks"]!.AsArray().Single()!;
        Assert.Equal((TestStart.At(0, 9, 0), true, "JP", 120), (Instant(takeBack["informedAt"]), takeBack["secretariatInformed"]!.GetValue<bool>(), Text(takeBack["informedBy"]),
            takeBack["agreedDays"]!.GetValue<int>()));
        var agreed = (await HistoryAsync(movement.Number)).Single(e => Text(e!["type"]) == "take_back_period_agreed")!["data"]!;
        Assert.Equal("Port strike", Text(agreed["details"]));
        Assert.Equal(["JP", "MY"], agreed["agreedBy"]!.AsArray().Select(Text));
    }

    [Fact]
    public async Task The_illegal_traffic_case_steps_read_their_documented_names()
    {
        using var _ = api.TimeTravel();
        var opened = await Post(api.Authority("HU"), "/api/illegal-traffic-cases", new
        {
            cause = "without-notification", details = "Drums without documents", stateOfExport = "RO", stateOfImport = "HU", transitStates = new[] { "RS" },
            wasteDescription = "Spent solvents", quantity = 2.5, unit = "t", notificationNumber = "RO-2026-000099", foundAt = TestStart.Text(TestStart.At(0, 7, 0)),
        }, HttpStatusCode.Created);
        var id = Text(opened["caseId"]);
        var url = $"/api/illegal-traffic-cases/{id}";
        var hu = api.Authority("HU"); var ro = api.Authority("RO");
        await Post(hu, url + "/responsibility", new { party = "importer", informedAt = TestStart.Text(TestStart.At(0, 8, 0)), details = "Consignee ordered it" });
        await Post(ro, url + "/agreed-period", new { days = 45, agreedBy = new[] { "HU" }, details = "Capacity" });
        var c = await (await api.Auditor().GetAsync(url)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(("HU", "without-notification", "RO", "HU", "RS", "RO-2026-000099"), (Text(c["foundBy"]), Text(c["cause"]), Text(c["stateOfExport"]),
            Text(c["stateOfImport"]), Text(c["transitStates"]![0]), Text(c["notificationNumber"])));
        Assert.Equal((2.5m, "t", TestStart.At(0, 7, 0)), (c["quantity"]!.GetValue<decimal>(), Text(c["unit"]), Instant(c["foundAt"])));
        var r = c["responsibility"]!;
        Assert.Equal(("importer", "HU", TestStart.At(0, 8, 0), TestStart.At(45, 8, 0), 45), (Text(r["party"]), Text(r["responsibleState"]), Instant(r["informedAt"]),
            Instant(r["dueAt"]), r["agreedDays"]!.GetValue<int>()));
        await Post(hu, url + "/disposal", new { facility = "Budapest incinerator", operation = "D10", details = "Incinerated" });
        await Post(hu, url + "/closure", new { reason = "Disposed of in Hungary" });
        c = await (await api.Auditor().GetAsync(url)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(("Budapest incinerator", "D10", "Incinerated", "closed", "Disposed of in Hungary"), (Text(c["disposal"]!["facility"]), Text(c["disposal"]!["operation"]),
            Text(c["disposal"]!["details"]), Text(c["status"]), Text(c["closureReason"])));

        // The take-back route: the exporter at fault, on a case of its own.
        var other = Text((await Post(hu, "/api/illegal-traffic-cases", new
        {
            cause = "without-notification", details = "x", stateOfExport = "RO", stateOfImport = "HU", transitStates = Array.Empty<string>(),
            wasteDescription = "Spent solvents", quantity = (decimal?)null, unit = (string?)null, notificationNumber = (string?)null, foundAt = TestStart.Text(TestStart.At(0, 7, 0)),
        }, HttpStatusCode.Created))["caseId"]);
        await Post(hu, $"/api/illegal-traffic-cases/{other}/responsibility", new { party = "exporter", informedAt = TestStart.Text(TestStart.At(0, 8, 0)), details = "x" });
        await Post(ro, $"/api/illegal-traffic-cases/{other}/take-back", new { returnedAt = TestStart.Text(TestStart.At(0, 8, 30)) });
        Assert.Equal(TestStart.At(0, 8, 30), Instant((await (await api.Auditor().GetAsync($"/api/illegal-traffic-cases/{other}")).ShouldBe(HttpStatusCode.OK))["takenBackAt"]));
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

    [Fact]
    public async Task The_register_and_the_interim_fields_read_their_documented_names()
    {
        var id = "NL-PC-W" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var nl = api.Authority("NL");
        await Post(nl, "/api/preconsented-facilities", new
        {
            entryId = id, state = "NL", facilityId = Facility, facilityName = "Metals Recovery Rotterdam", registrationNumber = "NL-REC-0042",
            address = "Industrieweg 10, 3044 Rotterdam", technology = "Secondary lead smelter", operations = new[] { "R4" }, wasteCodes = new[] { "A1160" },
            totalQuantity = 5000, unit = "t", validFrom = TestStart.Text(TestStart.Day(-10)), validUntil = TestStart.Text(TestStart.Day(700)), decisionReference = "NL-17",
        }, HttpStatusCode.Created);
        await Post(nl, $"/api/preconsented-facilities/{id}/amendments", new
        {
            facilityName = "Metals Recovery Rotterdam", registrationNumber = "NL-REC-0042", address = "Industrieweg 10", technology = "Smelter",
            operations = new[] { "R4" }, wasteCodes = new[] { "A1160", "Y31" }, totalQuantity = 6000, unit = "t", validFrom = TestStart.Text(TestStart.Day(-10)),
            validUntil = None, reason = "Capacity",
        });
        var entry = await (await api.Auditor().GetAsync($"/api/preconsented-facilities/{id}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal((id, "NL", Facility), (Text(entry["entryId"]), Text(entry["state"]), Text(entry["terms"]!["facilityId"])));
        Assert.Equal(["A1160", "Y31"], entry["terms"]!["wasteCodes"]!.AsArray().Select(Text));
        Assert.Equal(TestStart.Text(TestStart.Day(-10).AddYears(10).AddDays(-1)), Text(entry["terms"]!["validUntil"]));

        // A filing names the entry; an interim one names its subsequent facilities; an onward one the earlier notification.
        var claim = JsonSerializer.SerializeToNode(Samples.Notification("DE", "NL"), Json.Options)!.AsObject();
        claim["preconsentEntry"] = id;
        var claimed = await Post(api.Authority("DE"), "/api/notifications", claim, HttpStatusCode.Created);
        var filed = await api.NotificationAsync(Text(claimed["notificationNumber"]));
        Assert.Equal(id, Text(filed["particulars"]!["preconsentEntry"]));
        Assert.Equal(id, Text(filed["preconsent"]!["entryId"]));

        var storage = JsonSerializer.SerializeToNode(Samples.Notification("DE", "NL", operation: "R13"), Json.Options)!.AsObject();
        storage["subsequentOperation"] = "R4";
        storage["subsequentFacilities"] = JsonNode.Parse("""
            [{ "state": "NL", "operation": "R4", "facility": { "id": "NL-FAC-MOERDIJK-2", "name": "Lead Works Moerdijk", "address": "Havenweg 4",
               "siteAddress": "Havenweg 4, 4782 Moerdijk", "contact": { "name": "Plant manager" } } }]
            """);
        var interim = await api.NotificationAsync(Text((await Post(api.Authority("DE"), "/api/notifications", storage, HttpStatusCode.Created))["notificationNumber"]));
        var subsequent = interim["particulars"]!["subsequentFacilities"]!.AsArray().Single()!;
        Assert.Equal(("NL", "R4", "NL-FAC-MOERDIJK-2"), (Text(subsequent["state"]), Text(subsequent["operation"]), Text(subsequent["facility"]!["id"])));

        await Post(nl, $"/api/preconsented-facilities/{id}/revocation", new { reason = "Permit suspended" });
        var history = (await (await api.Auditor().GetAsync($"/api/preconsented-facilities/{id}/history")).ShouldBe(HttpStatusCode.OK)).AsArray();
        Assert.Equal("Permit suspended", Text(history[2]!["data"]!["reason"]));
    }

    [Fact]
    public async Task The_assignment_steps_read_their_documented_names()
    {
        var subject = "wire." + Guid.NewGuid().ToString("N")[..10];
        var issuer = "https://idp.example/realms/moe";
        var written = await Post(api.Admin(), "/api/admin/assignments", new
        {
            issuer, subject, displayName = "Wire Officer", role = "authority", state = "be", facility = None, undertaking = None, reference = "Designation 2026/9",
        }, HttpStatusCode.Created);
        var personId = Text(written["personId"]);
        var people = (await (await api.Auditor().GetAsync("/api/admin/assignments?state=BE")).ShouldBe(HttpStatusCode.OK))["people"]!.AsArray();
        var person = people.Single(p => Text(p!["personId"]) == personId)!;
        Assert.Equal((issuer, subject, "Wire Officer"), (Text(person["issuer"]), Text(person["subject"]), Text(person["displayName"])));
        Assert.Equal(("authority", "BE", "Designation 2026/9"), (Text(person["current"]!["role"]), Text(person["current"]!["state"]), Text(person["current"]!["reference"])));

        await Post(api.Admin(), $"/api/admin/assignments/{personId}/revocations", new { reason = "Left the authority" });
        var history = (await (await api.Auditor().GetAsync($"/api/admin/assignments/{personId}/history")).ShouldBe(HttpStatusCode.OK)).AsArray();
        Assert.Equal("Left the authority", Text(history[1]!["data"]!["reason"]));
    }

    /// <summary>
    /// The exchange's writes (issue 17) on this single deployment: each property is read by its documented name, which the
    /// answer shows (the refusal names the state sent, the field rules name the kid and the key by their values, the reason
    /// lets the revocation reach its key lookup, the ids reach the dead-letter store). The same names succeeding on an
    /// exchange-enabled node: Exchange/ExchangeKeyRouteTests.
    /// </summary>
    [Fact]
    public async Task The_exchange_writes_read_their_documented_names()
    {
        var admin = api.Admin();
        var notAPeer = await (await admin.PostJson("/api/exchange/keys", new { state = "nl", kid = "NL-wire-1", publicKeyPem = WasteMovements.Api.OpenApi.Examples.ExamplePublicKeyPem }))
            .ShouldBeRefused(HttpStatusCode.Conflict, "key-state-not-a-peer", "docs/exchange.md, Trust");
        Assert.Contains("No peer node serves NL", Text(notAPeer["detail"]));

        var invalid = await (await admin.PostJson("/api/exchange/keys", new { state = "NL", kid = "NL wire 1", publicKeyPem = "-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Contains("letters, digits", string.Join(" ", invalid["errors"]!["kid"]!.AsArray().Select(Text)));
        Assert.Contains("P-256", string.Join(" ", invalid["errors"]!["publicKeyPem"]!.AsArray().Select(Text)));

        // With a reason the revocation gets as far as its key (none here); without one it is invalid.
        var unknown = await (await admin.PostJson("/api/exchange/keys/NL-wire-1/revocations", new { reason = "Compromised" })).ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.Contains("NL-wire-1", Text(unknown["detail"]));
        await (await admin.PostJson("/api/exchange/keys/NL-wire-1/revocations", new { reason = "" })).ShouldBeProblem(HttpStatusCode.BadRequest);

        var replayed = await Post(admin, "/api/exchange/dead-letters/replay", new { ids = new[] { Guid.NewGuid() } }, HttpStatusCode.Accepted);
        Assert.Equal(0, replayed["marked"]!.GetValue<int>());
    }

    private async Task<JsonNode> AnnexVIIAsync(string id) =>
        await (await api.Auditor().GetAsync($"/api/annex-vii-documents/{id}")).ShouldBe(HttpStatusCode.OK);

    [Fact]
    public async Task The_annex_vii_steps_read_their_documented_names()
    {
        using var _ = api.TimeTravel();
        var facility = "NL-FAC-W7-" + Guid.NewGuid().ToString("N")[..8];
        var consignee = "NL-CON-W7-" + Guid.NewGuid().ToString("N")[..8];
        // EU 2024/1157 Art. 18: an interim recovery (R13) names the facility and the R-code that follow (Art. 18(7)).
        var body = new
        {
            arranger = new
            {
                name = "Schrott Handel GmbH", address = "Hafenstrasse 9, 20457 Hamburg", registrationNumber = "DE-HH-DEALER-17",
                contact = new { name = "Anna Berger", phone = "+49 40 111111", email = "anna@example.org" },
            },
            arrangerKind = "dealerOrBroker",
            arrangerPermit = "DE-HH-2025-0177",
            consignee = new
            {
                name = "Metaal Handel BV", address = "Havenweg 2, Rotterdam", registrationNumber = "NL-CON-0042",
                contact = new { name = "Carl de Boer", phone = None, email = "carl@example.org" },
            },
            consigneeId = consignee,
            facility = new
            {
                id = facility, name = "Metals Recovery Rotterdam", address = "Industrieweg 10, Rotterdam", siteAddress = "Industrieweg 10, 3044 Rotterdam",
                contact = new { name = "Piet de Vries", phone = None, email = "piet@example.org" }, latitude = 51.9, longitude = 4.4,
                technicalDescription = "Copper granulation line",
            },
            facilityPermit = "NL-ZH-OV-2024-0042",
            generator = new
            {
                name = "Kabelwerk Nord", address = "Werkstrasse 5, 22041 Hamburg", registrationNumber = "DE-GEN-5",
                contact = new { name = "Max Mustermann", phone = None, email = None },
            },
            generatorSignedBy = "Max Mustermann",
            carriers = new[]
            {
                new
                {
                    name = "Trans Europa Logistik", address = "Ring 3, Bremen", registrationNumber = "DE-CAR-77",
                    contact = new { name = "Karl Fahrer", phone = None, email = None }, meansOfTransport = new[] { "road" },
                },
            },
            stateOfDispatch = "DE",
            statesOfTransit = new[] { "BE" },
            stateOfDestination = "NL",
            operation = "R13",
            subsequentFacility = "Copper Works Moerdijk, Havenweg 4, 4782 Moerdijk",
            subsequentOperation = "R4",
            description = "Copper cable scrap, insulation removed",
            wasteCode = "B1010",
            euWasteCode = "17 04 01",
            quantityTonnes = 22.5,
            shipmentDate = TestStart.Text(TestStart.Day(3)),
            contractReference = "Contract HH-RTM-2026-11",
            sample = false,
            samplePurpose = None,
        };

        var created = await Post(api.Undertaking("DE-HH-DEALER-17", "anna"), "/api/annex-vii-documents", body, HttpStatusCode.Created);
        var id = Text(created["documentId"]);
        Assert.Equal(1, created["version"]!.GetValue<long>());
        var document = await AnnexVIIAsync(id);
        Assert.Equal((id, "filled", "DE-HH-DEALER-17", "anna"), (Text(document["id"]), Text(document["status"]), Text(document["arrangerId"]), Text(document["filledBy"])));
        // The document keeps the particulars as sent: every box under the name it was sent with.
        var sent = JsonSerializer.SerializeToNode(body, Json.Options)!.AsObject();
        var kept = document["particulars"]!.DeepClone().AsObject();
        kept.Remove("statesConcerned"); // computed from the states sent
        Assert.True(JsonNode.DeepEquals(sent, kept), $"sent:\n{sent}\nkept:\n{kept}");

        // An authority of a state concerned records an inspection (Art. 3(27), 18(4)).
        var inspected = await Post(api.Authority("BE"), $"/api/annex-vii-documents/{id}/inspections",
            new { inspectedOn = TestStart.Text(TestStart.Day(0)), place = "E19 Meer, parking", finding = "Annex VII information in the vehicle" });
        // A step on a document answers { id, version } (DocumentWritten).
        Assert.Equal((id, 2L), (Text(inspected["id"]), inspected["version"]!.GetValue<long>()));
        var inspection = (await AnnexVIIAsync(id))["inspections"]!.AsArray().Single()!;
        Assert.Equal(("BE", TestStart.Text(TestStart.Day(0)), "E19 Meer, parking", "Annex VII information in the vehicle"),
            (Text(inspection["state"]), Text(inspection["inspectedOn"]), Text(inspection["place"]), Text(inspection["finding"])));

        // The consignee signs upon receipt, the facility confirms receipt (Art. 18(8)), then certifies the recovery (Art. 18(9)).
        api.Clock.Set(TestStart.At(3, 15));
        await Post(api.Undertaking(consignee), $"/api/annex-vii-documents/{id}/receipts", new { receivedOn = TestStart.Text(TestStart.Day(3)), quantityReceivedTonnes = 22.3 });
        await Post(api.FacilityUser(facility), $"/api/annex-vii-documents/{id}/receipts", new { receivedOn = TestStart.Text(TestStart.Day(3)), quantityReceivedTonnes = 22.4 });
        document = await AnnexVIIAsync(id);
        Assert.Equal((TestStart.Text(TestStart.Day(3)), 22.3m), (Text(document["consigneeReceipt"]!["receivedOn"]), document["consigneeReceipt"]!["quantityReceivedTonnes"]!.GetValue<decimal>()));
        Assert.Equal((TestStart.Text(TestStart.Day(3)), 22.4m), (Text(document["facilityReceipt"]!["receivedOn"]), document["facilityReceipt"]!["quantityReceivedTonnes"]!.GetValue<decimal>()));
        Assert.Equal(("received", TestStart.Text(TestStart.Day(3).AddYears(1))), (Text(document["status"]), Text(document["recoveryDueBy"])));

        api.Clock.Set(TestStart.At(10));
        var certified = await Post(api.FacilityUser(facility), $"/api/annex-vii-documents/{id}/recovery", new { completedOn = TestStart.Text(TestStart.Day(9)) });
        Assert.Equal((id, 5L), (Text(certified["id"]), certified["version"]!.GetValue<long>()));
        document = await AnnexVIIAsync(id);
        Assert.Equal(("recovered", TestStart.Text(TestStart.Day(9))), (Text(document["status"]), Text(document["recovery"]!["completedOn"])));
        Assert.False(document["recovery"]!["late"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Partner_figures_are_read_by_their_documented_columns_and_answered_with_their_documented_fields()
    {
        using var _ = api.TimeTravel();
        // docs/api-guide.md "Mirror statistics": layout A, every column in the documented order, quoted as RFC 4180 allows.
        var year = TestStart.Year;
        var csv = "year,reporting_state,direction,partner_state,transit_states,y_codes,annex_viii_code,other_code,h_codes,un_class,operation,quantity_tonnes,notifications,shipments\r\n" +
                  $"{year},TG,import,BJ,GH NG,Y31 Y34,A1160,,H8 H11,8,R4,12.345,1,3\r\n" +
                  $"{year},TG,export,BJ,,Y18,,\"GC010\",H11,,D10,0.500,1,1\r\n";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports/mirror/partner-figures") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        var answer = await (await api.Authority("BJ").SendAsync(request)).ShouldBe(HttpStatusCode.Created);
        Assert.Equal(("BJ", "TG", year, "part-ii-csv", 2, 2, false, "officer.bj"), (Text(answer["state"]), Text(answer["partner"]), answer["year"]!.GetValue<int>(),
            Text(answer["source"]), answer["rowsInFile"]!.GetValue<int>(), answer["flows"]!.GetValue<int>(), answer["alreadyLoaded"]!.GetValue<bool>(), Text(answer["loadedBy"])));
        Assert.Equal(64, Text(answer["fileHash"]).Length);
        Assert.StartsWith($"BJ:TG:{year}:", Text(answer["id"]));
        Assert.Equal(ApiFixture.Start, Instant(answer["loadedAt"]));

        var comparison = await (await api.Authority("BJ").GetAsync($"/api/reports/mirror?state=BJ&partner=TG&year={year}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(("BJ", "TG", year, "waste", 2m, 0.001m), (Text(comparison["state"]), Text(comparison["partner"]), comparison["year"]!.GetValue<int>(), Text(comparison["by"]),
            comparison["tolerancePercent"]!.GetValue<decimal>(), comparison["toleranceTonnes"]!.GetValue<decimal>()));
        var cells = comparison["cells"]!.AsArray();
        var export = cells.Single(c => Text(c!["direction"]) == "export")!;
        Assert.Equal(("A1160", 0m, 12.345m, -12.345m, 100m, false, 0, 3, 0m), (Text(export["code"]), export["ourTonnes"]!.GetValue<decimal>(), export["partnerTonnes"]!.GetValue<decimal>(),
            export["difference"]!.GetValue<decimal>(), export["differencePercent"]!.GetValue<decimal>(), export["withinTolerance"]!.GetValue<bool>(),
            export["ourShipments"]!.GetValue<int>(), export["partnerShipments"]!.GetValue<int>(), export["ourCubicMetres"]!.GetValue<decimal>()));
        Assert.Equal([2], export["partnerRows"]!.AsArray().Select(r => r!.GetValue<int>()));
        Assert.Empty(export["movements"]!.AsArray());
        var import = cells.Single(c => Text(c!["direction"]) == "import")!;
        Assert.Equal(("GC010", 0.5m), (Text(import["code"]), import["partnerTonnes"]!.GetValue<decimal>()));
        Assert.Equal(("part-ii-csv", Text(answer["id"])), (Text(comparison["partnerFigures"]!["source"]), Text(comparison["partnerFigures"]!["id"])));
    }

    [Fact]
    public async Task An_upload_reads_its_documented_columns_and_answers_its_documented_fields()
    {
        using var _ = api.TimeTravel();
        var facility = "NL-FAC-WU-" + Guid.NewGuid().ToString("N")[..8];
        var uploadId = "wire-" + Guid.NewGuid().ToString("N")[..12];
        // docs/api-guide.md "Bulk upload (CSV)": every column of annex-vii-documents, in the documented order; an interim
        // recovery (Art. 18(7)) and a sample for a treatment trial (Art. 4(5)).
        var csv =
            "arrangerName,arrangerAddress,arrangerRegistration,arrangerContact,arrangerKind,arrangerPermit,consigneeName,consigneeAddress," +
            "consigneeRegistration,consigneeContact,consigneeId,facilityId,facilityName,facilityAddress,facilityContact,facilityPermit," +
            "generatorName,generatorAddress,generatorSignedBy,carrierName,carrierAddress,meansOfTransport,stateOfDispatch,statesOfTransit," +
            "stateOfDestination,operation,subsequentFacility,subsequentOperation,description,wasteCode,euWasteCode,quantityTonnes,shipmentDate," +
            "contractReference,sample,samplePurpose\r\n" +
            "Schrott Handel GmbH,\"Hafenstrasse 9, Hamburg\",DE-HH-DEALER-17,Anna Berger,dealer-or-broker,DE-HH-2025-0177,Metaal Handel BV,\"Havenweg 2, Rotterdam\"," +
            $"NL-CON-0042,Carl de Boer,NL-CON-WU,{facility},Metals Recovery Rotterdam,\"Industrieweg 10, Rotterdam\",Piet de Vries,NL-ZH-0042," +
            "Kabelwerk Nord,\"Werkstrasse 5, Hamburg\",Max Mustermann,Trans Europa,\"Ring 3, Bremen\",road;rail,DE,BE;LU," +
            $"NL,R13,Copper Works Moerdijk,R4,Copper cable scrap,B1010,17 04 01,22.5,{TestStart.Text(TestStart.Day(3))}," +
            "C-2026-11,false,\r\n" +
            "Schrott Handel GmbH,Hafenstrasse 9,,Anna Berger,holder,,Metaal Handel BV,Havenweg 2,,Carl de Boer,,"+
            $"{facility},Metals Recovery Rotterdam,Industrieweg 10,Piet de Vries,NL-ZH-0042,,,,,,,DE,,NL,D9,,,Spent catalyst sample,A2030,,0.12," +
            $"{TestStart.Text(TestStart.Day(3))},C-2026-12,true,experimental treatment trial\r\n";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/uploads/annex-vii-documents") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Add("Upload-Id", uploadId);
        var answer = await (await api.Undertaking("DE-HH-DEALER-17").SendAsync(request)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal((uploadId, "annex-vii-documents", 2, 0, 0), (Text(answer["uploadId"]), Text(answer["kind"]), answer["accepted"]!.GetValue<int>(),
            answer["replayed"]!.GetValue<int>(), answer["refused"]!.GetValue<int>()));
        var rows = answer["rows"]!.AsArray();
        Assert.Equal([2, 3], rows.Select(r => r!["line"]!.GetValue<int>()));
        Assert.All(rows, r => Assert.Equal(("accepted", 1L, null), (Text(r!["outcome"]), r["version"]!.GetValue<long>(), r["problem"])));

        var p = (await AnnexVIIAsync(Text(rows[0]!["resource"])))["particulars"]!;
        Assert.Equal(("Schrott Handel GmbH", "Hafenstrasse 9, Hamburg", "DE-HH-DEALER-17", "Anna Berger"),
            (Text(p["arranger"]!["name"]), Text(p["arranger"]!["address"]), Text(p["arranger"]!["registrationNumber"]), Text(p["arranger"]!["contact"]!["name"])));
        Assert.Equal(("dealerOrBroker", "DE-HH-2025-0177"), (Text(p["arrangerKind"]), Text(p["arrangerPermit"])));
        Assert.Equal(("Metaal Handel BV", "Havenweg 2, Rotterdam", "NL-CON-0042", "Carl de Boer", "NL-CON-WU"),
            (Text(p["consignee"]!["name"]), Text(p["consignee"]!["address"]), Text(p["consignee"]!["registrationNumber"]), Text(p["consignee"]!["contact"]!["name"]),
                Text(p["consigneeId"])));
        Assert.Equal((facility, "Metals Recovery Rotterdam", "Industrieweg 10, Rotterdam", "Piet de Vries", "NL-ZH-0042"),
            (Text(p["facility"]!["id"]), Text(p["facility"]!["name"]), Text(p["facility"]!["address"]), Text(p["facility"]!["contact"]!["name"]), Text(p["facilityPermit"])));
        Assert.Equal(("Kabelwerk Nord", "Werkstrasse 5, Hamburg", "Max Mustermann"),
            (Text(p["generator"]!["name"]), Text(p["generator"]!["address"]), Text(p["generatorSignedBy"])));
        var carrier = p["carriers"]!.AsArray().Single()!;
        Assert.Equal(("Trans Europa", "Ring 3, Bremen"), (Text(carrier["name"]), Text(carrier["address"])));
        Assert.Equal(["road", "rail"], carrier["meansOfTransport"]!.AsArray().Select(Text));
        Assert.Equal(("DE", "NL", "R13", "Copper Works Moerdijk", "R4"), (Text(p["stateOfDispatch"]), Text(p["stateOfDestination"]), Text(p["operation"]),
            Text(p["subsequentFacility"]), Text(p["subsequentOperation"])));
        Assert.Equal(["BE", "LU"], p["statesOfTransit"]!.AsArray().Select(Text));
        Assert.Equal(("Copper cable scrap", "B1010", "17 04 01", 22.5m, TestStart.Text(TestStart.Day(3)), "C-2026-11"), (Text(p["description"]), Text(p["wasteCode"]),
            Text(p["euWasteCode"]), p["quantityTonnes"]!.GetValue<decimal>(), Text(p["shipmentDate"]), Text(p["contractReference"])));
        Assert.False(p["sample"]!.GetValue<bool>());
        var sample = (await AnnexVIIAsync(Text(rows[1]!["resource"])))["particulars"]!;
        Assert.Equal(("holder", "D9", "A2030", 0.12m, "experimental treatment trial"), (Text(sample["arrangerKind"]), Text(sample["operation"]), Text(sample["wasteCode"]),
            sample["quantityTonnes"]!.GetValue<decimal>(), Text(sample["samplePurpose"])));
        Assert.True(sample["sample"]!.GetValue<bool>());

        // The receipts kind: documentId, receivedOn, quantityReceivedTonnes (= POST /api/annex-vii-documents/{id}/receipts).
        api.Clock.Set(TestStart.At(3, 15));
        var receipts = new HttpRequestMessage(HttpMethod.Post, "/api/uploads/annex-vii-receipts")
        {
            Content = new StringContent($"documentId,receivedOn,quantityReceivedTonnes\r\n{Text(rows[0]!["resource"])},{TestStart.Text(TestStart.Day(3))},22.4\r\n",
                Encoding.UTF8, "text/csv"),
        };
        receipts.Headers.Add("Upload-Id", uploadId + "-receipts");
        var received = await (await api.FacilityUser(facility).SendAsync(receipts)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(("annex-vii-receipts", "accepted", 2L), (Text(received["kind"]), Text(received["rows"]![0]!["outcome"]), received["rows"]![0]!["version"]!.GetValue<long>()));
        var receipt = (await AnnexVIIAsync(Text(rows[0]!["resource"])))["facilityReceipt"]!;
        Assert.Equal((TestStart.Text(TestStart.Day(3)), 22.4m), (Text(receipt["receivedOn"]), receipt["quantityReceivedTonnes"]!.GetValue<decimal>()));
    }
}
