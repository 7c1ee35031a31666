using System.Net;
using System.Text.Json.Nodes;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Infrastructure;

/// <summary>The sample flows of the three control regimes (docs/procedure.md, "Control regimes").</summary>
public static class Flows
{
    /// <summary>Basel: Malaysia (not in Annex VII) to Japan, through Korea unless <paramref name="via"/> says otherwise.</summary>
    public static NotificationParticulars Basel(string[]? via = null, int shipments = 10, decimal total = 100m) =>
        Samples.Notification("MY", "JP", via ?? ["KR"], shipments: shipments, total: total);

    /// <summary>OECD amber procedure: Japan to Korea, recovery (R8).</summary>
    public static NotificationParticulars Oecd() => Samples.Notification("JP", "KR", operation: "R8");

    /// <summary>EU 2024/1157: Germany to the Netherlands, through <paramref name="via"/> if any.</summary>
    public static NotificationParticulars Eu(string[]? via = null, int shipments = 10, decimal total = 100m) =>
        Samples.Notification("DE", "NL", via, shipments: shipments, total: total);
}

/// <summary>A notification and one of its shipments, with the state of export and the facility that receives it.</summary>
public sealed record Movement(string Number, string Shipment, string Export, string Facility);

/// <summary>
/// The procedure's "given" states over HTTP, each reached through the API's own routes with typed bodies:
/// filed, acknowledged by all, consented, announced, in transit, received; plus the shared assertions.
/// Nothing here moves the clock: a scenario that needs time to pass says so itself.
/// </summary>
public static class Scenario
{
    // ---- given ------------------------------------------------------------------------------------------------

    /// <summary>Filed by the state of export's authority; returns the notification number.</summary>
    public static Task<string> FiledAsync(this ApiFixture api, NotificationParticulars particulars) => api.FileAsync(particulars);

    /// <summary>Filed and acknowledged by every authority of import and transit (EU 2024/1157: and the Art. 8(12) information given).</summary>
    public static async Task<string> AcknowledgedAsync(this ApiFixture api, NotificationParticulars particulars)
    {
        var number = await api.FileAsync(particulars);
        await api.AcknowledgeByAllAsync(number);
        return number;
    }

    /// <summary>Filed, acknowledged by all and consented by every authority that must consent (<see cref="ConsentByAllAsync"/>).</summary>
    public static async Task<string> ConsentedAsync(this ApiFixture api, NotificationParticulars particulars, DecideOnConsent? consent = null)
    {
        var number = await api.AcknowledgedAsync(particulars);
        await api.ConsentByAllAsync(number, consent);
        return number;
    }

    /// <summary>Consented, and one shipment announced by the state of export (by default 10 t leaving on day 9).</summary>
    public static async Task<Movement> AnnouncedAsync(this ApiFixture api, NotificationParticulars particulars, AnnounceShipment? announcement = null,
        DecideOnConsent? consent = null)
    {
        var number = await api.ConsentedAsync(particulars, consent);
        var shipment = await api.Authority(particulars.StateOfExport).Announce(number, announcement ?? Commands.Announcement(10m)).ShipmentId();
        return new Movement(number, shipment, particulars.StateOfExport, particulars.Facility.Id);
    }

    /// <summary>Announced, and departed as <paramref name="departure"/> says (it must not lie after the clock).</summary>
    public static async Task<Movement> InTransitAsync(this ApiFixture api, NotificationParticulars particulars, AnnounceShipment announcement,
        RecordDeparture departure, DecideOnConsent? consent = null)
    {
        var movement = await api.AnnouncedAsync(particulars, announcement, consent);
        await api.DepartAsync(movement, departure);
        return movement;
    }

    /// <summary>In transit, and received by the facility as <paramref name="receipt"/> says.</summary>
    public static async Task<Movement> ReceivedAsync(this ApiFixture api, NotificationParticulars particulars, AnnounceShipment announcement,
        RecordDeparture departure, ConfirmReceipt receipt, DecideOnConsent? consent = null)
    {
        var movement = await api.InTransitAsync(particulars, announcement, departure, consent);
        await api.ReceiveAsync(movement, receipt);
        return movement;
    }

    // ---- steps of everyone concerned --------------------------------------------------------------------------

    /// <summary>Every authority of import and transit acknowledges, in the order of the file's authorities.</summary>
    public static async Task AcknowledgeByAllAsync(this ApiFixture api, string number)
    {
        foreach (var authority in (await api.NotificationAsync(number))["authorities"]!.AsArray())
        {
            if (authority!["role"]!.GetValue<string>() == "export") continue;
            await api.Authority(authority["state"]!.GetValue<string>()).Acknowledge(number).Ok();
        }

        // EU 2024/1157 Art. 8(12): with every authority satisfied the destination informs all; the decision period runs from it.
        var state = await api.NotificationAsync(number);
        if (state["regime"]!["instrument"]!.GetValue<string>() == RegimeInfo.Eu2024Instrument)
        {
            await api.Authority(state["particulars"]!["stateOfImport"]!.GetValue<string>()).ConfirmCompleteness(number).Ok();
        }
    }

    /// <summary>
    /// Every authority that must consent (EU: dispatch too) consents as <paramref name="consent"/> says (by default
    /// <see cref="Commands.WrittenConsent"/>), in the order of the file's authorities; the state of import confirms the
    /// contract (Basel Art. 6(3)(b)), the others do not.
    /// </summary>
    public static async Task ConsentByAllAsync(this ApiFixture api, string number, DecideOnConsent? consent = null)
    {
        foreach (var authority in (await api.NotificationAsync(number))["authorities"]!.AsArray())
        {
            var decision = (consent ?? Commands.WrittenConsent()) with { ContractConfirmed = authority!["role"]!.GetValue<string>() == "import" };
            await api.Authority(authority["state"]!.GetValue<string>()).Decide(number, decision).Ok();
        }
    }

    /// <summary>The state of export records the guarantee and approves it (EU 2024/1157 Art. 7).</summary>
    public static async Task GuaranteedAsync(this ApiFixture api, string number, string export, RecordGuarantee? guarantee = null)
    {
        var authority = api.Authority(export);
        await authority.RecordGuarantee(number, guarantee ?? Commands.Guarantee()).Ok();
        await authority.ApproveGuarantee(number).Ok();
    }

    public static Task DepartAsync(this ApiFixture api, Movement movement, RecordDeparture departure) =>
        api.Authority(movement.Export).Depart(movement.Shipment, departure).Ok();

    public static Task ReceiveAsync(this ApiFixture api, Movement movement, ConfirmReceipt receipt) =>
        api.FacilityUser(movement.Facility).Receive(movement.Shipment, receipt).Ok();

    // ---- reading ----------------------------------------------------------------------------------------------

    /// <summary>The notification as an auditor reads it (GET /api/notifications/{number}).</summary>
    public static async Task<JsonNode> NotificationAsync(this ApiFixture api, string number) =>
        await (await api.Auditor().GetAsync($"/api/notifications/{number}")).ShouldBe(HttpStatusCode.OK);

    /// <summary>The notification's status as the API spells it (camelCase).</summary>
    public static async Task<string> StatusAsync(this ApiFixture api, string number) =>
        (await api.NotificationAsync(number))["status"]!.GetValue<string>();

    /// <summary>The shipment as an auditor reads it (GET /api/shipments/{id}).</summary>
    public static async Task<JsonNode> ShipmentAsync(this ApiFixture api, string shipmentId) =>
        await (await api.Auditor().GetAsync($"/api/shipments/{shipmentId}")).ShouldBe(HttpStatusCode.OK);

    /// <summary>The totals of a notification's shipments (GET /api/notifications/{number}/shipments).</summary>
    public static async Task<JsonNode> ShipmentTotalsAsync(this ApiFixture api, string number) =>
        (await (await api.Auditor().GetAsync($"/api/notifications/{number}/shipments")).ShouldBe(HttpStatusCode.OK))["totals"]!;

    /// <summary>The caller's pending steps (GET /api/inbox).</summary>
    public static async Task<JsonArray> InboxAsync(this HttpClient client) =>
        (await (await client.GetAsync("/api/inbox")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray();

    /// <summary>One state's part of a notification's <c>authorities</c>.</summary>
    public static JsonNode AuthorityOf(this JsonNode state, string country) =>
        state["authorities"]!.AsArray().Single(a => a!["state"]!.GetValue<string>() == country)!;

    // ---- the shared assertion of a refusal --------------------------------------------------------------------

    /// <summary>
    /// Sends <paramref name="step"/> and asserts the refusal (<see cref="HttpAssertions.ShouldBeRefused"/>: the status,
    /// the rule, the article where given) and that the store holds exactly the events it held before.
    /// </summary>
    public static async Task<JsonNode> Refused(this ApiFixture api, Step step, HttpStatusCode status, string rule, string? article = null)
    {
        var before = await api.EventCountAsync();
        var problem = await (await step.SendAsync()).ShouldBeRefused(status, rule, article);
        Assert.Equal(before, await api.EventCountAsync());
        return problem;
    }
}
