using WasteMovements.Domain.CodeLists;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WasteMovements.Api.Audit;
using WasteMovements.Api.CodeLists;
using WasteMovements.Api.Consent;
using WasteMovements.Api.Notifications;
using WasteMovements.Api.Shipments;
using WasteMovements.Domain.IllegalTraffic;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Domain.PreconsentedFacilities;

namespace WasteMovements.Api.Tests.Infrastructure;

/// <summary>
/// One step of the procedure as a request described but not yet sent: who (the client), which route and the
/// typed body. <see cref="Ok"/> sends it and expects success; <see cref="Scenario.Refused"/> sends it and expects
/// the refusal with nothing appended. Its body is serialised as the API reads it (<see cref="Json.Options"/>).
/// </summary>
public sealed class Step(HttpClient client, HttpMethod method, string url, object? body)
{
    /// <summary>The body of a route that reads none: an empty JSON object (<c>{}</c>), as any client sends it. Immutable, so shared by concurrent requests.</summary>
    public static readonly object NoBody = new Empty();

    private sealed class Empty;

    public HttpClient Client => client;
    public string Url => url;
    public object Body => body ?? NoBody;

    public Task<HttpResponseMessage> SendAsync() =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent.Create(Body, Body.GetType(), options: Json.Options) });

    /// <summary>Sends the step and asserts its success (200 unless told); returns the answer's body.</summary>
    public async Task<JsonNode> Ok(HttpStatusCode status = HttpStatusCode.OK) => await (await SendAsync()).ShouldBe(status);

    /// <summary>Sends a step that creates something (201); returns the answer's body.</summary>
    public Task<JsonNode> Created() => Ok(HttpStatusCode.Created);

    /// <summary>Sends an announcement (201) and returns the new shipment's id.</summary>
    public async Task<string> ShipmentId() => (await Created())["shipmentId"]!.GetValue<string>();
}

/// <summary>
/// The write routes as steps of the callers (<c>kr.Acknowledge(number)</c>, <c>de.Announce(number, ...)</c>), each
/// with the typed body the route reads: the domain's command records and the API's own request records. The wire
/// format of every route (property names, enum and date spelling) is pinned by <c>WireFormatTests</c> alone.
/// </summary>
public static class Steps
{
    private static Step Post(HttpClient client, string url, object? body = null) => new(client, HttpMethod.Post, url, body);

    private static string N(string number) => $"/api/notifications/{number}";
    private static string S(string shipmentId) => $"/api/shipments/{shipmentId}";

    // ---- the notification and its consent procedure -------------------------------------------------------

    public static Step File(this HttpClient client, NotificationParticulars particulars) => Post(client, "/api/notifications", particulars);

    public static Step Acknowledge(this HttpClient client, string number) => Post(client, N(number) + "/acknowledgements");

    public static Step LiftObjection(this HttpClient client, string number, string reason) =>
        Post(client, N(number) + "/objection-lifts", new LiftObjection(reason));

    public static Step ConfirmCompleteness(this HttpClient client, string number) => Post(client, N(number) + "/completeness-confirmations");

    public static Step RequestInformation(this HttpClient client, string number, string questions) =>
        Post(client, N(number) + "/information-requests", new RequestInformation(questions));

    public static Step Answer(this HttpClient client, string number, string requestId, string answer, params string[] attachments) =>
        Post(client, $"{N(number)}/information-requests/{requestId}/answer", new AnswerInformationRequest(answer, attachments));

    public static Step Decide(this HttpClient client, string number, DecideOnConsent decision) => Post(client, N(number) + "/decisions", decision);

    public static Step Withdraw(this HttpClient client, string number, string reason) =>
        Post(client, N(number) + "/withdrawals", new WithdrawConsent(reason));

    public static Step Cancel(this HttpClient client, string number, string reason) =>
        Post(client, N(number) + "/cancellation", new CancelNotification(reason));

    public static Step RecordChange(this HttpClient client, string number, ChangeOfParticulars change) => Post(client, N(number) + "/changes", change);

    public static Step AnswerChange(this HttpClient client, string number, string changeId, AnswerChange answer) =>
        Post(client, N(number) + $"/changes/{changeId}/answers", answer);

    public static Step Renotify(this HttpClient client, string number, ChangeOfParticulars changes) => Post(client, N(number) + "/renotifications", changes);

    public static Step Announce(this HttpClient client, string number, AnnounceShipment announcement) =>
        Post(client, N(number) + "/shipments", announcement);

    public static Step RecordGuarantee(this HttpClient client, string number, RecordGuarantee guarantee) =>
        Post(client, N(number) + "/guarantee", guarantee);

    public static Step ApproveGuarantee(this HttpClient client, string number, string? reference = null) =>
        Post(client, N(number) + "/guarantee/approval" + (reference is null ? "" : $"?reference={Uri.EscapeDataString(reference)}"));

    public static Step ReleaseGuarantee(this HttpClient client, string number) => Post(client, N(number) + "/guarantee/release");

    // ---- the shipment ----------------------------------------------------------------------------------------

    public static Step Depart(this HttpClient client, string shipmentId, RecordDeparture departure) => Post(client, S(shipmentId) + "/departure", departure);

    public static Step CrossBorder(this HttpClient client, string shipmentId, RecordBorderCrossing crossing) =>
        Post(client, S(shipmentId) + "/border-crossings", crossing);

    public static Step HandOver(this HttpClient client, string shipmentId, RecordCarrierHandover handover) =>
        Post(client, S(shipmentId) + "/carrier-handovers", handover);

    public static Step Receive(this HttpClient client, string shipmentId, ConfirmReceipt receipt) => Post(client, S(shipmentId) + "/receipt", receipt);

    public static Step Reject(this HttpClient client, string shipmentId, RejectShipment rejection) => Post(client, S(shipmentId) + "/rejection", rejection);

    public static Step Complete(this HttpClient client, string shipmentId, CertifyCompletion completion) =>
        Post(client, S(shipmentId) + "/completion", completion);

    public static Step ReportIllegalTraffic(this HttpClient client, string shipmentId, RecordIllegalTraffic finding) =>
        Post(client, S(shipmentId) + "/illegal-traffic", finding);

    public static Step ReportAccident(this HttpClient client, string shipmentId, ReportAccident accident) =>
        Post(client, S(shipmentId) + "/accidents", accident);

    public static Step ReportCannotBeCompleted(this HttpClient client, string shipmentId, string reason) =>
        Post(client, S(shipmentId) + "/cannot-be-completed", new ReportCannotBeCompleted(reason));

    public static Step ArrangeAlternative(this HttpClient client, string shipmentId, ArrangeAlternative arrangement) =>
        Post(client, S(shipmentId) + "/alternative-arrangements", arrangement);

    public static Step RecordReturn(this HttpClient client, string shipmentId) => Post(client, S(shipmentId) + "/return");

    public static Step InformTakeBack(this HttpClient client, string shipmentId, RecordTakeBackInformation information) =>
        Post(client, S(shipmentId) + "/take-back/information", information);

    public static Step AgreeTakeBackPeriod(this HttpClient client, string shipmentId, AgreeTakeBackPeriod period) =>
        Post(client, S(shipmentId) + "/take-back/agreed-period", period);

    // ---- illegal-traffic cases (Basel Art. 9) ----------------------------------------------------------------

    private static string C(string caseId) => $"/api/illegal-traffic-cases/{caseId}";

    public static Step OpenIllegalTrafficCase(this HttpClient client, OpenIllegalTrafficCase finding) => Post(client, "/api/illegal-traffic-cases", finding);

    public static Step AttributeResponsibility(this HttpClient client, string caseId, AttributeResponsibility attribution) =>
        Post(client, C(caseId) + "/responsibility", attribution);

    public static Step AgreeIllegalTrafficPeriod(this HttpClient client, string caseId, AgreeIllegalTrafficPeriod period) =>
        Post(client, C(caseId) + "/agreed-period", period);

    public static Step RecordIllegalTrafficTakeBack(this HttpClient client, string caseId, RecordIllegalTrafficTakeBack takeBack) =>
        Post(client, C(caseId) + "/take-back", takeBack);

    public static Step ArrangeIllegalTrafficDisposal(this HttpClient client, string caseId, ArrangeIllegalTrafficDisposal disposal) =>
        Post(client, C(caseId) + "/disposal", disposal);

    public static Step CloseIllegalTrafficCase(this HttpClient client, string caseId, string reason) =>
        Post(client, C(caseId) + "/closure", new CloseIllegalTrafficCase(reason));

    // ---- administration --------------------------------------------------------------------------------------

    public static Step ReviseCountry(this HttpClient client, string code, ReviseCountryProfile revision) =>
        new(client, HttpMethod.Put, $"/api/countries/{code}", revision);

    public static Step Erase(this HttpClient client, ErasePersonalData erasure) => Post(client, "/api/personal-data/erasures", erasure);

    // ---- the register of pre-consented facilities (EU 2024/1157 Art. 14) -------------------------------------

    public static Step RegisterPreconsent(this HttpClient client, RegisterPreconsentedFacility registration) =>
        Post(client, "/api/preconsented-facilities", registration);

    public static Step AmendPreconsent(this HttpClient client, string entryId, AmendPreconsentedFacility amendment) =>
        Post(client, $"/api/preconsented-facilities/{entryId}/amendments", amendment);

    public static Step RevokePreconsent(this HttpClient client, string entryId, string reason) =>
        Post(client, $"/api/preconsented-facilities/{entryId}/revocation", new RevokePreconsent(reason));
}
