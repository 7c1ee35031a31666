using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WasteMovements.Api.Audit;
using WasteMovements.Api.CodeLists;
using WasteMovements.Api.Consent;
using WasteMovements.Api.Notifications;
using WasteMovements.Api.Shipments;
using WasteMovements.Api.OpenApi;
using WasteMovements.Api.Tests.GreenList;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Api.Tests.PreconsentedFacilities;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.GreenList;
using WasteMovements.Domain.IllegalTraffic;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;
using static WasteMovements.Api.Tests.Infrastructure.Commands;
using Xunit.Abstractions;

namespace WasteMovements.Api.Tests.Reliability;

/// <summary>
/// Every route x every caller: the state of export, of import, of transit, an unrelated state, the named
/// facility, another facility, the undertaking that arranges a green-list shipment (EU 2024/1157 Art. 18), another
/// undertaking, an auditor, an administrator and an anonymous caller each get exactly the
/// answer in the table, and no refused call appends an event. A route of the OpenAPI document without a row
/// fails the test, so a new route must state who may call it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationMatrixTests(ApiFixture api, ITestOutputHelper output)
{
    public enum Caller { Export, Import, Transit, Unrelated, Facility, OtherFacility, Undertaking, OtherUndertaking, Auditor, Admin, Anonymous }

    private const string FacilityId = "NL-FAC-ROTTERDAM-1";
    private const string OtherFacilityId = "NL-FAC-OTHER";
    /// <summary>The person who arranges the green-list shipments of the Annex VII rows (EU 2024/1157 Art. 18(4)-(5)).</summary>
    private const string UndertakingId = AnnexVIITests.Arranger;
    private const string OtherUndertakingId = "DE-UND-OTHER";

    /// <summary>The states of a scenario: Basel (Malaysia to Japan through Korea) or EU (Germany to the Netherlands through Belgium).</summary>
    private sealed record World(string Export, string Import, string Transit, string Unrelated, NotificationParticulars Flow);

    private static readonly World Basel = new("MY", "JP", "KR", "PL", Flows.Basel());
    private static readonly World Eu = new("DE", "NL", "BE", "PL", Flows.Eu(via: ["BE"]));

    /// <summary>What a setup leaves: the concrete URL and body the callers send (JSON, or a CSV file with its Upload-Id).</summary>
    private sealed record Target(string Url, object? Body, string? Csv = null, string? UploadId = null);

    /// <summary>
    /// One row: method, OpenAPI path, the scenario it needs, and the status each caller gets, in the order
    /// Export, Import, Transit, Unrelated, Facility, OtherFacility, Undertaking, OtherUndertaking, Auditor, Admin, Anonymous.
    /// </summary>
    private sealed record Row(string Method, string Path, World World, Func<World, Task<Target>> Setup, int[] Expected);

    private HttpClient Client(Caller caller, World world) => caller switch
    {
        Caller.Export => api.Authority(world.Export, "matrix"),
        Caller.Import => api.Authority(world.Import, "matrix"),
        Caller.Transit => api.Authority(world.Transit, "matrix"),
        Caller.Unrelated => api.Authority(world.Unrelated, "matrix"),
        Caller.Facility => api.FacilityUser(FacilityId, "matrix"),
        Caller.OtherFacility => api.FacilityUser(OtherFacilityId, "matrix"),
        Caller.Undertaking => api.Undertaking(UndertakingId, "matrix"),
        Caller.OtherUndertaking => api.Undertaking(OtherUndertakingId, "matrix"),
        Caller.Auditor => api.Auditor("matrix"),
        Caller.Admin => api.Admin("matrix"),
        _ => api.Anonymous(),
    };

    // ---- scenario setups (each starts from the fixture's start instant) --------------------------------

    private async Task<string> FiledAsync(World w)
    {
        api.Clock.Set(ApiFixture.Start);
        return await api.FiledAsync(w.Flow);
    }

    private async Task<string> AcknowledgedAsync(World w)
    {
        api.Clock.Set(ApiFixture.Start);
        return await api.AcknowledgedAsync(w.Flow);
    }

    private static readonly DecideOnConsent Consent = WrittenConsent(until: TestStart.Day(8).AddDays(303));

    private async Task<string> ConsentedAsync(World w)
    {
        api.Clock.Set(ApiFixture.Start);
        return await api.ConsentedAsync(w.Flow, Consent);
    }

    private static readonly AnnounceShipment Announcement = Commands.Announcement(5m, packages: 4);

    private async Task<Movement> AnnouncedAsync(World w)
    {
        api.Clock.Set(ApiFixture.Start);
        return await api.AnnouncedAsync(w.Flow, Announcement, Consent);
    }

    private static readonly RecordDeparture Departure = new(TestStart.At(9, 8, 0), SampleCarrier);

    private async Task<Movement> InTransitAsync(World w)
    {
        var movement = await AnnouncedAsync(w);
        api.Clock.Set(TestStart.At(9, 10, 0));
        await api.DepartAsync(movement, Departure);
        return movement;
    }

    private async Task<string> DepartedAsync(World w) => (await InTransitAsync(w)).Shipment;

    private static readonly ConfirmReceipt Receipt = new(TestStart.At(10, 8, 0), 5m, Units.Tonnes);

    private async Task<string> ReceivedAsync(World w)
    {
        var movement = await InTransitAsync(w);
        api.Clock.Set(TestStart.At(10, 9, 0));
        await api.ReceiveAsync(movement, Receipt);
        return movement.Shipment;
    }

    private static readonly RecordGuarantee GuaranteeBody = Guarantee("G-1", "Transport, treatment and 90 days' storage");

    private async Task<string> GuaranteedAsync(World w)
    {
        var number = await FiledAsync(w);
        await api.Authority(w.Export).RecordGuarantee(number, GuaranteeBody).Ok();
        return number;
    }

    private static OpenIllegalTrafficCase Finding(World w) =>
        new("without-notification", "Drums found at the border without documents", w.Export, w.Import, [w.Transit], "Spent solvents", 2m, Units.Tonnes, null, TestStart.At(0, 8, 0));

    /// <summary>An illegal-traffic case opened by the state of import, attributed as <paramref name="party"/> says (null: not attributed).</summary>
    private async Task<string> CaseAsync(World w, ResponsibleParty? party = null)
    {
        api.Clock.Set(ApiFixture.Start);
        var id = (await api.Authority(w.Import).OpenIllegalTrafficCase(Finding(w)).Created())["caseId"]!.GetValue<string>();
        if (party is { } p) await api.Authority(w.Import).AttributeResponsibility(id, new AttributeResponsibility(p, ApiFixture.Start, "Matrix")).Ok();
        return id;
    }

    private async Task<string> RejectedAsync(World w)
    {
        var shipment = await ReceivedAsync(w);
        await api.FacilityUser(FacilityId).Reject(shipment, new RejectShipment("Leaking batteries", null)).Ok();
        return shipment;
    }

    /// <summary>A new entry of the Netherlands' register of pre-consented facilities; returns its id.</summary>
    private async Task<string> PreconsentAsync()
    {
        var id = PreconsentRegisterApiTests.NewId();
        await api.Authority("NL").RegisterPreconsent(PreconsentRegisterApiTests.Registration(id)).Created();
        return id;
    }

    private static Target At(string url, object? body = null) => new(url, body);

    /// <summary>An assignment of a person no other row knows (the matrix's own administrator is "matrix", the setup's "admin").</summary>
    private static WasteMovements.Domain.Assignments.AssignPerson MatrixAssignment() =>
        new("wastemovements", "matrix." + Guid.NewGuid().ToString("N")[..12], null, WasteMovements.Domain.Assignments.AssignedRole.Auditor, null, null, null, "Authorization matrix");

    /// <summary>A person assigned just now, by the setup's administrator: their person id.</summary>
    private async Task<string> AssignedAsync() =>
        (await (await api.Admin().PostJson("/api/admin/assignments", MatrixAssignment())).ShouldBe(HttpStatusCode.Created))["personId"]!.GetValue<string>();

    /// <summary>
    /// The Annex VII example from Germany to the Netherlands through Belgium (the EU world's states), to the matrix's
    /// facility, starting on the Thursday: two working days after the Monday it is filled (EU 2024/1157 Art. 18(5)).
    /// </summary>
    private static readonly AnnexVIIParticulars GreenListed = Examples.AnnexVII with { ShipmentDate = TestStart.Day(3), StatesOfTransit = ["BE"] };

    /// <summary>An Annex VII document filled by the matrix's undertaking; returns its id.</summary>
    private async Task<string> AnnexVIIAsync()
    {
        api.Clock.Set(ApiFixture.Start);
        return (await new Step(api.Undertaking(UndertakingId), HttpMethod.Post, "/api/annex-vii-documents", GreenListed).Created())["documentId"]!.GetValue<string>();
    }

    private static readonly ConfirmAnnexVIIReceipt GreenListReceipt = new(TestStart.Day(3), 22.4m);

    /// <summary>An Annex VII document whose facility confirmed receipt on the Thursday (Art. 18(8)); the clock is a week later.</summary>
    private async Task<string> AnnexVIIReceivedAsync()
    {
        var id = await AnnexVIIAsync();
        api.Clock.Set(TestStart.At(3, 15, 0));
        await new Step(api.FacilityUser(FacilityId), HttpMethod.Post, $"/api/annex-vii-documents/{id}/receipts", GreenListReceipt).Ok();
        api.Clock.Set(TestStart.At(10, 9, 0));
        return id;
    }

    /// <summary>A CSV upload of one Annex VII document (docs/api-guide.md "Bulk upload (CSV)") under a new Upload-Id.</summary>
    private Target Upload()
    {
        api.Clock.Set(ApiFixture.Start);
        return new("/api/uploads/annex-vii-documents", null, UploadTests.Header + "\r\n" + UploadTests.Row(FacilityId, "B1010") + "\r\n",
            "matrix-" + Guid.NewGuid().ToString("N")[..12]);
    }

    /// <summary>
    /// Partner figures in the open-data layout (docs/api-guide.md, "Mirror statistics") with a flow between Thailand and
    /// each authority of the world, so that every authority may load them for its own comparison; a new publisher each
    /// time, so that each load is a file of its own.
    /// </summary>
    private static Target PartnerFigures(World w) => At("/api/reports/mirror/partner-figures?partner=TH", new
    {
        schema = "https://wastemovements.example/schemas/open-flows/1", licence = "CC-BY-4.0", publisher = "matrix-" + Guid.NewGuid().ToString("N")[..12],
        year = TestStart.Year,
        flows = new[] { w.Export, w.Import, w.Transit, w.Unrelated }.Select(s => new
        {
            month = $"{TestStart.Year}-03", stateOfExport = "TH", stateOfImport = s, wasteCode = "A1160", yCodes = new[] { "Y31" }, operation = "R4", tonnes = 1.5m, shipments = 1,
        }).ToArray(),
    });

    private static readonly ChangeOfParticulars ChangeOfCarrier = new("New carrier",
        Carriers: [new Carrier("Nordsee Transporte GmbH", "Kai 4, Bremerhaven", "DE-CAR-91", new ContactPerson("Dispatch", null, null), ["road"])]);

    private static int[] S(params int[] statuses) => statuses;

    private IEnumerable<Row> Rows()
    {
        // Export Import Transit Unrelated Facility OtherFacility Auditor Admin Anonymous
        yield return new("POST", "/api/notifications", Basel, w => { api.Clock.Set(ApiFixture.Start); return Task.FromResult(At("/api/notifications", w.Flow)); },
            S(201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("GET", "/api/notifications", Basel, async w => At("/api/notifications?page=1&pageSize=5"),
            S(200, 200, 200, 200, 403, 403, 403, 403, 200, 403, 401));
        yield return new("GET", "/api/notifications/{number}", Basel, async w => At($"/api/notifications/{await FiledAsync(w)}"),
            S(200, 200, 200, 403, 403, 403, 403, 403, 200, 403, 401));
        yield return new("POST", "/api/notifications/{number}/acknowledgements", Basel, async w => At($"/api/notifications/{await FiledAsync(w)}/acknowledgements", Step.NoBody),
            S(403, 200, 200, 403, 403, 403, 403, 403, 403, 403, 401));
        // EU 2024/1157 Art. 8(12): only the destination informs; Art. 12(3): only the objecting authority lifts (the others concerned: 409).
        yield return new("POST", "/api/notifications/{number}/completeness-confirmations", Eu, async w =>
            {
                var number = await FiledAsync(w);
                await api.Authority(w.Import).Acknowledge(number).Ok();
                await api.Authority(w.Transit).Acknowledge(number).Ok();
                return At($"/api/notifications/{number}/completeness-confirmations", Step.NoBody);
            },
            S(403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/notifications/{number}/objection-lifts", Eu, async w =>
            {
                var number = await AcknowledgedAsync(w);
                await api.Authority(w.Import).Decide(number, Refusal("Facility permit suspended")).Ok();
                return At($"/api/notifications/{number}/objection-lifts", new LiftObjection("Permit renewed"));
            },
            S(409, 200, 409, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/notifications/{number}/information-requests", Basel,
            async w => At($"/api/notifications/{await AcknowledgedAsync(w)}/information-requests", new RequestInformation("Lead content per battery type?")),
            S(403, 201, 201, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/notifications/{number}/information-requests/{requestId}/answer", Basel, async w =>
            {
                var number = await AcknowledgedAsync(w);
                var request = await api.Authority(w.Import).RequestInformation(number, "Which lead content?").Created();
                return At($"/api/notifications/{number}/information-requests/{request["requestId"]!.GetValue<string>()}/answer", new AnswerInformationRequest("60-70 % lead", []));
            },
            S(200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/notifications/{number}/decisions", Basel, async w => At($"/api/notifications/{await AcknowledgedAsync(w)}/decisions", Consent),
            S(403, 200, 200, 403, 403, 403, 403, 403, 403, 403, 401));
        // Changes after consent (EU 2024/1157 Art. 17): the state of export records, the other authorities answer.
        yield return new("POST", "/api/notifications/{number}/changes", Eu,
            async w => At($"/api/notifications/{await ConsentedAsync(w)}/changes", ChangeOfCarrier),
            S(200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/notifications/{number}/changes/{changeId}/answers", Eu, async w =>
            {
                var number = await ConsentedAsync(w);
                await api.Authority(w.Export).RecordChange(number, ChangeOfCarrier).Ok();
                return At($"/api/notifications/{number}/changes/CH-1/answers", new AnswerChange(ChangeAnswerKind.NoNewNotificationRequired, null));
            },
            S(403, 200, 200, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/notifications/{number}/renotifications", Basel,
            async w => At($"/api/notifications/{await ConsentedAsync(w)}/renotifications", new ChangeOfParticulars("Next year")),
            S(201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("GET", "/api/notifications/{number}/renotifications", Basel, async w => At($"/api/notifications/{await FiledAsync(w)}/renotifications"),
            S(200, 200, 200, 403, 403, 403, 403, 403, 200, 403, 401));
        yield return new("POST", "/api/notifications/{number}/withdrawals", Basel, async w => At($"/api/notifications/{await ConsentedAsync(w)}/withdrawals", new WithdrawConsent("Permit suspended")),
            S(403, 200, 200, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/notifications/{number}/cancellation", Basel, async w => At($"/api/notifications/{await FiledAsync(w)}/cancellation", new CancelNotification("Contract ended")),
            S(200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/notifications/{number}/shipments", Basel, async w => At($"/api/notifications/{await ConsentedAsync(w)}/shipments", Announcement),
            S(201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("GET", "/api/notifications/{number}/shipments", Basel, async w => At($"/api/notifications/{await FiledAsync(w)}/shipments"),
            S(200, 200, 200, 403, 403, 403, 403, 403, 200, 403, 401));
        yield return new("POST", "/api/notifications/{number}/guarantee", Eu, async w => At($"/api/notifications/{await FiledAsync(w)}/guarantee", GuaranteeBody),
            S(200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/notifications/{number}/guarantee/approval", Eu, async w => At($"/api/notifications/{await GuaranteedAsync(w)}/guarantee/approval", Step.NoBody),
            S(200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/notifications/{number}/guarantee/release", Eu, async w =>
            {
                var number = await GuaranteedAsync(w);
                await api.Authority(w.Export).ApproveGuarantee(number).Ok();
                await api.Authority(w.Export).Cancel(number, "No shipment will take place").Ok();
                return At($"/api/notifications/{number}/guarantee/release", Step.NoBody);
            },
            S(200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("GET", "/api/notifications/{number}/history", Basel, async w => At($"/api/notifications/{await FiledAsync(w)}/history"),
            S(200, 200, 200, 403, 403, 403, 403, 403, 200, 403, 401));
        yield return new("GET", "/api/notifications/{number}/state", Basel, async w => At($"/api/notifications/{await FiledAsync(w)}/state?version=1"),
            S(403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 401));
        yield return new("GET", "/api/notifications/{number}/integrity", Basel, async w => At($"/api/notifications/{await FiledAsync(w)}/integrity"),
            S(403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 401));
        yield return new("GET", "/api/notifications/{number}/dossier", Basel, async w => At($"/api/notifications/{await FiledAsync(w)}/dossier"),
            S(403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 401));
        yield return new("GET", "/api/shipments/{shipmentId}", Basel, async w => At($"/api/shipments/{(await AnnouncedAsync(w)).Shipment}"),
            S(200, 200, 200, 403, 200, 403, 403, 403, 200, 403, 401));
        yield return new("GET", "/api/shipments/{shipmentId}/document.pdf", Basel, async w => At($"/api/shipments/{(await AnnouncedAsync(w)).Shipment}/document.pdf"),
            S(200, 200, 200, 403, 200, 403, 403, 403, 200, 403, 401));
        yield return new("POST", "/api/shipments/{shipmentId}/departure", Basel, async w =>
            {
                var shipment = (await AnnouncedAsync(w)).Shipment;
                api.Clock.Set(TestStart.At(9, 10, 0));
                return At($"/api/shipments/{shipment}/departure", Departure);
            },
            S(200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        // The body names the transit state's entry: only that state records it.
        yield return new("POST", "/api/shipments/{shipmentId}/border-crossings", Basel,
            async w => At($"/api/shipments/{await DepartedAsync(w)}/border-crossings", new RecordBorderCrossing(w.Transit, $"{w.Transit}-CO-IN", CrossingDirection.Entry, TestStart.At(9, 9, 30))),
            S(403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/shipments/{shipmentId}/carrier-handovers", Basel,
            async w => At($"/api/shipments/{await DepartedAsync(w)}/carrier-handovers", new RecordCarrierHandover(SampleCarrier, "Osaka Haulage", "K. Sato", TestStart.At(9, 9, 45))),
            S(200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/shipments/{shipmentId}/receipt", Basel, async w =>
            {
                var shipment = await DepartedAsync(w);
                api.Clock.Set(TestStart.At(10, 9, 0));
                return At($"/api/shipments/{shipment}/receipt", Receipt);
            },
            S(403, 403, 403, 403, 200, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/shipments/{shipmentId}/rejection", Basel, async w => At($"/api/shipments/{await ReceivedAsync(w)}/rejection", new RejectShipment("Leaking batteries", null)),
            S(403, 403, 403, 403, 200, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/shipments/{shipmentId}/completion", Basel,
            async w => At($"/api/shipments/{await ReceivedAsync(w)}/completion", new CertifyCompletion("R4", TestStart.At(10, 8, 30), "CERT-1")),
            S(403, 403, 403, 403, 200, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/shipments/{shipmentId}/return", Basel, async w =>
            {
                var shipment = await ReceivedAsync(w);
                await api.FacilityUser(FacilityId).Reject(shipment, new RejectShipment("Leaking batteries", null)).Ok();
                return At($"/api/shipments/{shipment}/return", Step.NoBody);
            },
            S(200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/shipments/{shipmentId}/illegal-traffic", Basel,
            async w => At($"/api/shipments/{(await AnnouncedAsync(w)).Shipment}/illegal-traffic", new RecordIllegalTraffic("not-matching-documents", "Mixed scrap", true)),
            S(200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 401));
        // Basel Art. 13(1): any state concerned reports an accident (each call appends its own report).
        yield return new("POST", "/api/shipments/{shipmentId}/accidents", Basel,
            async w => At($"/api/shipments/{await DepartedAsync(w)}/accidents", new ReportAccident(TestStart.At(9, 9, 0), "Port Klang", "MY", "A box fell", "Spill absorbed")),
            S(200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/shipments/{shipmentId}/cannot-be-completed", Basel,
            async w => At($"/api/shipments/{await DepartedAsync(w)}/cannot-be-completed", new ReportCannotBeCompleted("Facility fire")),
            S(403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/shipments/{shipmentId}/alternative-arrangements", Basel, async w =>
            {
                var shipment = await DepartedAsync(w);
                await api.Authority(w.Import).ReportCannotBeCompleted(shipment, "Facility fire").Ok();
                return At($"/api/shipments/{shipment}/alternative-arrangements", Alternative("Consent of JP for the Osaka facility obtained"));
            },
            S(200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/shipments/{shipmentId}/take-back/information", Basel,
            async w => At($"/api/shipments/{await RejectedAsync(w)}/take-back/information", new RecordTakeBackInformation(TestStart.At(10, 9, 0), true)),
            S(403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/shipments/{shipmentId}/take-back/agreed-period", Basel,
            async w => At($"/api/shipments/{await RejectedAsync(w)}/take-back/agreed-period", new AgreeTakeBackPeriod(120, [w.Export, w.Import], "Port strike")),
            S(200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/illegal-traffic-cases", Basel, async w => { api.Clock.Set(ApiFixture.Start); return At("/api/illegal-traffic-cases", Finding(w)); },
            S(201, 201, 201, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("GET", "/api/illegal-traffic-cases", Basel, async w => At("/api/illegal-traffic-cases"),
            S(200, 200, 200, 200, 403, 403, 403, 403, 200, 403, 401));
        yield return new("GET", "/api/illegal-traffic-cases/{caseId}", Basel, async w => At($"/api/illegal-traffic-cases/{await CaseAsync(w)}"),
            S(200, 200, 200, 403, 403, 403, 403, 403, 200, 403, 401));
        yield return new("POST", "/api/illegal-traffic-cases/{caseId}/responsibility", Basel,
            async w => At($"/api/illegal-traffic-cases/{await CaseAsync(w)}/responsibility", new AttributeResponsibility(ResponsibleParty.Exporter, ApiFixture.Start, "Matrix")),
            S(200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/illegal-traffic-cases/{caseId}/agreed-period", Basel,
            async w => At($"/api/illegal-traffic-cases/{await CaseAsync(w, ResponsibleParty.Importer)}/agreed-period", new AgreeIllegalTrafficPeriod(60, [w.Export, w.Import], "Matrix")),
            S(200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/illegal-traffic-cases/{caseId}/take-back", Basel,
            async w => At($"/api/illegal-traffic-cases/{await CaseAsync(w, ResponsibleParty.Exporter)}/take-back", new RecordIllegalTrafficTakeBack(ApiFixture.Start)),
            S(200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/illegal-traffic-cases/{caseId}/disposal", Basel,
            async w => At($"/api/illegal-traffic-cases/{await CaseAsync(w, ResponsibleParty.Importer)}/disposal", new ArrangeIllegalTrafficDisposal("Osaka incinerator", "D10", "Matrix")),
            S(403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/illegal-traffic-cases/{caseId}/closure", Basel,
            async w => At($"/api/illegal-traffic-cases/{await CaseAsync(w)}/closure", new CloseIllegalTrafficCase("Not illegal traffic after all")),
            S(200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("GET", "/api/inbox", Basel, async w => At("/api/inbox"),
            S(200, 200, 200, 200, 200, 200, 403, 403, 403, 403, 401));
        yield return new("GET", "/api/reports/annual", Basel, async w => At($"/api/reports/annual?state={w.Export}&year={TestStart.Year}"),
            S(200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 401));
        // Mirror statistics: an authority loads figures for its own state's comparison and reads its own state's; auditors read any.
        yield return new("POST", "/api/reports/mirror/partner-figures", Basel, async w => PartnerFigures(w),
            S(201, 201, 201, 201, 403, 403, 403, 403, 403, 403, 401));
        yield return new("GET", "/api/reports/mirror", Basel, async w => At($"/api/reports/mirror?state={w.Export}&partner={w.Import}&year={TestStart.Year}"),
            S(200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 401));
        yield return new("GET", "/api/reports/sdg-12-4-2", Basel, async w => At($"/api/reports/sdg-12-4-2?state={w.Export}&year={TestStart.Year}"),
            S(200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 401));
        // Open data for regional repositories: anonymous and read-only, the same answer for every caller.
        yield return new("GET", "/api/open-data/flows", Basel, async w => At($"/api/open-data/flows?year={TestStart.Year}"),
            S(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
        yield return new("GET", "/api/code-lists/{list}", Basel, async w => At("/api/code-lists/y-codes"),
            S(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
        yield return new("GET", "/api/countries", Basel, async w => At("/api/countries"),
            S(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
        yield return new("GET", "/api/countries/{code}", Basel, async w => At("/api/countries/JP"),
            S(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
        yield return new("PUT", "/api/countries/{code}", Basel, async w =>
            {
                var current = (await (await api.Anonymous().GetAsync("/api/countries/PL")).ShouldBe(HttpStatusCode.OK)).Deserialize<CountryProfile>(Json.Options)!;
                return At("/api/countries/PL", new ReviseCountryProfile(current, "Authorization matrix: unchanged revision", "test"));
            },
            S(403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 401));
        yield return new("POST", "/api/personal-data/erasures", Basel, async w => At("/api/personal-data/erasures", new ErasePersonalData("Nobody Known", null, "Art. 17 request")),
            S(403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 401));
        // The register of assignments (issue 18): administrators write, administrators and auditors read; anyone signed in asks who they are.
        yield return new("POST", "/api/admin/assignments", Basel, async w => At("/api/admin/assignments", MatrixAssignment()),
            S(403, 403, 403, 403, 403, 403, 403, 403, 403, 201, 401));
        yield return new("POST", "/api/admin/assignments/{person}/revocations", Basel,
            async w => At($"/api/admin/assignments/{await AssignedAsync()}/revocations", new WasteMovements.Domain.Assignments.RevokeAssignment("Authorization matrix")),
            S(403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 401));
        yield return new("GET", "/api/admin/assignments", Basel, async w => At("/api/admin/assignments?current=true"),
            S(403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 401));
        yield return new("GET", "/api/admin/assignments/{person}/history", Basel, async w => At($"/api/admin/assignments/{await AssignedAsync()}/history"),
            S(403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 401));
        yield return new("GET", "/api/me", Basel, async w => At("/api/me"),
            S(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401));
        // The register of pre-consented facilities (EU 2024/1157 Art. 14): the state of the facility (NL, the import state) writes, anyone signed in reads.
        yield return new("POST", "/api/preconsented-facilities", Eu, async w => At("/api/preconsented-facilities", PreconsentRegisterApiTests.Registration(PreconsentRegisterApiTests.NewId())),
            S(403, 201, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("GET", "/api/preconsented-facilities", Eu, async w => At("/api/preconsented-facilities?state=NL"),
            S(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401));
        yield return new("GET", "/api/preconsented-facilities/{entryId}", Eu, async w => At($"/api/preconsented-facilities/{await PreconsentAsync()}"),
            S(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401));
        yield return new("GET", "/api/preconsented-facilities/{entryId}/history", Eu, async w => At($"/api/preconsented-facilities/{await PreconsentAsync()}/history"),
            S(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401));
        yield return new("POST", "/api/preconsented-facilities/{entryId}/amendments", Eu,
            async w => At($"/api/preconsented-facilities/{await PreconsentAsync()}/amendments", PreconsentRegisterApiTests.Amendment()),
            S(403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/preconsented-facilities/{entryId}/revocation", Eu,
            async w => At($"/api/preconsented-facilities/{await PreconsentAsync()}/revocation", new WasteMovements.Domain.PreconsentedFacilities.RevokePreconsent("Permit suspended")),
            S(403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 401));
        // Annex VII information for green-listed waste (EU 2024/1157 Art. 18): the person who arranges the shipment fills it
        // (Art. 18(5)), the facility confirms receipt and certifies recovery (Art. 18(8)-(9)), the authorities of the states
        // concerned read and inspect (Art. 18(4)); another state, facility or undertaking is not concerned.
        yield return new("POST", "/api/annex-vii-documents", Eu, async w => { api.Clock.Set(ApiFixture.Start); return At("/api/annex-vii-documents", GreenListed); },
            S(403, 403, 403, 403, 403, 403, 201, 201, 403, 403, 401));
        yield return new("GET", "/api/annex-vii-documents", Eu, async w => At("/api/annex-vii-documents?pageSize=5"),
            S(200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 401));
        yield return new("GET", "/api/annex-vii-documents/{documentId}", Eu, async w => At($"/api/annex-vii-documents/{await AnnexVIIAsync()}"),
            S(200, 200, 200, 403, 200, 403, 200, 403, 200, 403, 401));
        yield return new("GET", "/api/annex-vii-documents/{documentId}/history", Eu, async w => At($"/api/annex-vii-documents/{await AnnexVIIAsync()}/history"),
            S(200, 200, 200, 403, 200, 403, 200, 403, 200, 403, 401));
        yield return new("POST", "/api/annex-vii-documents/{documentId}/receipts", Eu, async w =>
            {
                var id = await AnnexVIIAsync();
                api.Clock.Set(TestStart.At(3, 15, 0));
                return At($"/api/annex-vii-documents/{id}/receipts", GreenListReceipt);
            },
            S(403, 403, 403, 403, 200, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/annex-vii-documents/{documentId}/recovery", Eu,
            async w => At($"/api/annex-vii-documents/{await AnnexVIIReceivedAsync()}/recovery", new CertifyAnnexVIIRecovery(TestStart.Day(9))),
            S(403, 403, 403, 403, 200, 403, 403, 403, 403, 403, 401));
        yield return new("POST", "/api/annex-vii-documents/{documentId}/inspections", Eu,
            async w => At($"/api/annex-vii-documents/{await AnnexVIIAsync()}/inspections", new RecordAnnexVIIInspection(TestStart.Day(0), "A1 Bremen", "Consistent with the load")),
            S(200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 401));
        // Any signed-in caller may upload: each row is decided by its single route's rule (here Art. 18(5): only an
        // undertaking fills), so a caller of another role gets 200 with the row refused and nothing appended.
        yield return new("POST", "/api/uploads/{kind}", Eu, async w => Upload(),
            S(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401));
        // The exchange between nodes (issue 17; docs/exchange.md). This fixture is a single deployment (no Exchange:Node): the
        // administrator's writes reach the route's own answer there (no peer to register a key for: 409 key-state-not-a-peer; no
        // key to revoke: 404), the reads answer an empty exchange, and a notification exchanged nowhere has no heads or proof (404).
        yield return new("GET", "/api/exchange/keys", Basel, async w => At("/api/exchange/keys"),
            S(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
        yield return new("GET", "/api/exchange/status", Basel, async w => At("/api/exchange/status"),
            S(403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 401));
        yield return new("POST", "/api/exchange/keys", Basel, async w => At("/api/exchange/keys", new WasteMovements.Api.Exchange.RegisterPeerKey("NL", "NL-matrix", Examples.ExamplePublicKeyPem)),
            S(403, 403, 403, 403, 403, 403, 403, 403, 403, 409, 401));
        yield return new("POST", "/api/exchange/keys/{kid}/revocations", Basel, async w => At("/api/exchange/keys/NL-matrix/revocations", new WasteMovements.Api.Exchange.RevokeKey("Authorization matrix")),
            S(403, 403, 403, 403, 403, 403, 403, 403, 403, 404, 401));
        yield return new("GET", "/api/exchange/refusals", Basel, async w => At("/api/exchange/refusals"),
            S(403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 401));
        yield return new("GET", "/api/exchange/dead-letters", Basel, async w => At("/api/exchange/dead-letters"),
            S(403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 401));
        yield return new("POST", "/api/exchange/dead-letters/replay", Basel, async w => At("/api/exchange/dead-letters/replay", new WasteMovements.Api.Exchange.ReplayDeadLetters([Guid.NewGuid()])),
            S(403, 403, 403, 403, 403, 403, 403, 403, 403, 202, 401));
        yield return new("GET", "/api/exchange/notifications/{number}/heads", Basel, async w => At($"/api/exchange/notifications/{await FiledAsync(w)}/heads"),
            S(403, 403, 403, 403, 403, 403, 403, 403, 404, 404, 401));
        yield return new("GET", "/api/exchange/notifications/{number}/proof", Basel, async w => At($"/api/exchange/notifications/{await FiledAsync(w)}/proof"),
            S(403, 403, 403, 403, 403, 403, 403, 403, 404, 404, 401));
        // A verification token that was never issued: the public page says so to anyone.
        yield return new("GET", "/verify/{token}", Basel, async w => At("/verify/not-a-token"),
            S(404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404));
    }

    [Fact]
    public async Task Every_route_answers_every_caller_exactly_as_the_table_says_and_refusals_append_nothing()
    {
        using var _ = api.TimeTravel();
        var rows = Rows().ToList();
        var mismatches = new List<string>();
        var requests = 0;

        foreach (var row in rows)
        {
            var callers = Enum.GetValues<Caller>();
            var allowed = callers.Where(c => row.Expected[(int)c] is >= 200 and < 300).ToList();
            var target = await row.Setup(row.World);

            // Refused callers first, all on one setup: none of them may change anything.
            foreach (var caller in callers.Where(c => !allowed.Contains(c)))
            {
                var before = await api.EventCountAsync();
                var (status, problem) = await SendAsync(caller, row, target);
                requests++;
                if (status != row.Expected[(int)caller]) mismatches.Add($"{row.Method} {row.Path} as {caller}: expected {row.Expected[(int)caller]}, got {status}");
                if (status >= 400 && !problem) mismatches.Add($"{row.Method} {row.Path} as {caller}: {status} without problem details");
                var after = await api.EventCountAsync();
                if (after != before) mismatches.Add($"{row.Method} {row.Path} as {caller}: refused but appended {after - before} events");
            }

            // Each allowed caller on a setup of its own.
            var first = true;
            foreach (var caller in allowed)
            {
                if (!first) target = await row.Setup(row.World);
                first = false;
                var (status, _) = await SendAsync(caller, row, target);
                requests++;
                if (status != row.Expected[(int)caller]) mismatches.Add($"{row.Method} {row.Path} as {caller}: expected {row.Expected[(int)caller]}, got {status}");
            }
        }

        output.WriteLine($"{rows.Count} routes x {Enum.GetValues<Caller>().Length} callers: {requests} requests");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public async Task The_matrix_covers_every_route_of_the_OpenAPI_document()
    {
        var document = await (await api.Anonymous().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var routes = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}"))
            .ToHashSet();
        var covered = Rows().Select(r => $"{r.Method} {r.Path}").ToHashSet();

        Assert.Empty(routes.Except(covered));
        Assert.Empty(covered.Except(routes));
    }

    private async Task<(int Status, bool Problem)> SendAsync(Caller caller, Row row, Target target)
    {
        var client = Client(caller, row.World);
        var request = new HttpRequestMessage(new HttpMethod(row.Method), target.Url);
        if (target.Body is not null) request.Content = JsonContent.Create(target.Body, target.Body.GetType(), options: Json.Options);
        if (target.Csv is not null)
        {
            request.Content = new StringContent(target.Csv, System.Text.Encoding.UTF8, "text/csv");
            request.Headers.Add("Upload-Id", target.UploadId);
        }

        var response = await client.SendAsync(request);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType == "application/problem+json");
    }
}
