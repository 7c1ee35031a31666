using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;
using Xunit.Abstractions;

namespace WasteMovements.Api.Tests.Reliability;

/// <summary>
/// A corpus of malformed and hostile bodies sent to every write route by the caller allowed to use it: each is
/// answered with a 4xx problem, appends nothing, and the server stays healthy (docs/reliability.md). The valid
/// bodies the corpus starts from are JSON as a client writes it (anonymous objects), since the corpus edits their
/// properties by name; the movements they act on are set up through the typed scenario helpers.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class BadInputTests(ApiFixture api, ITestOutputHelper output)
{
    private const string FacilityId = "NL-FAC-ROTTERDAM-1";

    private sealed record WriteRoute(string Method, string Url, Func<HttpClient> Caller, JsonObject? ValidBody, string[] CodeFields);

    private static JsonObject Obj(object body) => JsonSerializer.SerializeToNode(body, Json.Options)!.AsObject();

    /// <summary>Drops properties a response shows but a request does not carry (computed, e.g. <c>transits</c>).</summary>
    private static JsonObject Without(JsonObject body, params string[] names)
    {
        foreach (var name in names) body.Remove(name);
        return body;
    }

    private async Task<List<WriteRoute>> RoutesAsync()
    {
        api.Clock.Set(ApiFixture.Start);
        // One notification waiting for an answer (acknowledged, with a question) and one consented with a departed shipment.
        var asking = await api.AcknowledgedAsync(Flows.Basel());
        var requestId = (await api.Authority("JP").RequestInformation(asking, "Lead content?").Created())["requestId"]!.GetValue<string>();

        var movement = await api.AnnouncedAsync(Flows.Basel(), Commands.Announcement(5m, packages: 4), Commands.WrittenConsent(until: TestStart.Day(8).AddDays(303)));
        api.Clock.Set(TestStart.At(9, 10, 0));
        await api.DepartAsync(movement, new RecordDeparture(TestStart.At(9, 8, 0), Commands.SampleCarrier));
        var (number, shipment) = (movement.Number, movement.Shipment);

        HttpClient My() => api.Authority("MY", "corpus");
        HttpClient Jp() => api.Authority("JP", "corpus");
        HttpClient Kr() => api.Authority("KR", "corpus");
        HttpClient Facility() => api.FacilityUser(FacilityId, "corpus");
        HttpClient Admin() => api.Admin("corpus");
        var poland = (await (await api.Anonymous().GetAsync("/api/countries/PL")).ShouldBe(HttpStatusCode.OK)).AsObject();

        return
        [
            new("POST", "/api/notifications", My, Without(Obj(Samples.Notification("MY", "JP", ["KR"])), "transits"),
                ["stateOfExport", "stateOfImport", "kind", "unit", "operation"]),
            new("POST", $"/api/notifications/{asking}/information-requests", Jp, Obj(new { questions = "Which lead content?" }), []),
            new("POST", $"/api/notifications/{asking}/information-requests/{requestId}/answer", My, Obj(new { answer = "60-70 % lead", attachments = new[] { "a.pdf" } }), []),
            new("POST", $"/api/notifications/{asking}/decisions", Jp,
                Obj(new { decision = "consent", conditions = new[] { "By day" }, validFrom = TestStart.Text(TestStart.Day(0)), validUntil = TestStart.Text(TestStart.Day(8).AddYears(0).AddDays(303)), contractConfirmed = true, reason = "n/a" }),
                ["decision"]),
            new("POST", $"/api/notifications/{number}/withdrawals", Jp, Obj(new { reason = "Permit suspended" }), []),
            new("POST", $"/api/notifications/{asking}/cancellation", My, Obj(new { reason = "Contract ended" }), []),
            new("POST", $"/api/notifications/{number}/shipments", My,
                Obj(new { quantity = 5, unit = "t", plannedDeparture = TestStart.Text(TestStart.Day(10)), carriers = new[] { "Trans Europa Logistik" }, packaging = "box", packages = 4 }),
                ["unit", "packaging"]),
            new("POST", $"/api/notifications/{number}/guarantee", My,
                Obj(new { kind = "guarantee", provider = "Landesbank", reference = "G-1", amount = 250000, currency = "EUR", coverage = "Transport and treatment", validUntil = TestStart.Text(TestStart.Day(8).AddYears(1).AddDays(212)) }),
                ["kind", "currency"]),
            new("POST", $"/api/shipments/{shipment}/departure", My, Obj(new { departedAt = TestStart.Text(TestStart.At(9, 8, 0)), carrier = "Trans Europa Logistik" }), []),
            new("POST", $"/api/shipments/{shipment}/border-crossings", Kr,
                Obj(new { state = "KR", customsOffice = "KR-CO-IN", direction = "entry", at = TestStart.Text(TestStart.At(9, 9, 30)) }), ["state", "direction"]),
            new("POST", $"/api/shipments/{shipment}/carrier-handovers", Jp,
                Obj(new { fromCarrier = "Trans Europa Logistik", toCarrier = "Osaka Haulage", signedBy = "K. Sato", at = TestStart.Text(TestStart.At(9, 9, 45)) }), []),
            new("POST", $"/api/shipments/{shipment}/receipt", Facility, Obj(new { receivedAt = TestStart.Text(TestStart.At(9, 9, 50)), quantity = 5, unit = "t" }), ["unit"]),
            new("POST", $"/api/shipments/{shipment}/rejection", Facility, Obj(new { reason = "Leaking batteries", quantity = 1 }), []),
            new("POST", $"/api/shipments/{shipment}/completion", Facility,
                Obj(new { operation = "R4", completedAt = TestStart.Text(TestStart.At(9, 9, 55)), certificateReference = "CERT-1" }), ["operation"]),
            new("POST", $"/api/shipments/{shipment}/illegal-traffic", Jp, Obj(new { cause = "not-matching-documents", details = "Mixed scrap", exporterAtFault = true }), ["cause"]),
            new("POST", $"/api/shipments/{shipment}/cannot-be-completed", Jp, Obj(new { reason = "Facility fire" }), []),
            new("POST", $"/api/shipments/{shipment}/alternative-arrangements", My,
                Obj(new
                {
                    facility = new { id = "JP-FAC-OSAKA-2", name = "Osaka Lead Works", address = "Osaka", siteAddress = "Osaka Bay 4", contact = new { name = "Plant manager" } },
                    details = "Consent of JP obtained",
                }), []),
            new("PUT", "/api/countries/PL", Admin, new JsonObject { ["profile"] = poland.DeepClone(), ["reason"] = "Corpus", ["source"] = "test" }, []),
            new("POST", "/api/personal-data/erasures", Admin, Obj(new { name = "Nobody Known", subject = "nobody", reason = "Art. 17 request" }), []),
            // Routes without a body: only their route values are hostile.
            new("POST", $"/api/notifications/{number}/acknowledgements", Jp, null, []),
            new("POST", $"/api/notifications/{number}/guarantee/approval", My, null, []),
            new("POST", $"/api/notifications/{number}/guarantee/release", My, null, []),
            new("POST", $"/api/shipments/{shipment}/return", My, null, []),
        ];
    }

    private static readonly string Huge = new('x', 100_000);
    private static readonly string[] Injections = ["' OR '1'='1' --", "'); drop table mt_events; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "{{7*7}}"];
    // Strings no field may hold: NUL (PostgreSQL jsonb cannot store it) and unpaired surrogates (not Unicode).
    // JsonNode would replace a lone surrogate with U+FFFD on the client, so those go in as markers replaced in the raw text.
    private const string LoneHigh = "@@lone-high@@";
    private const string LoneLow = "@@lone-low@@";
    private static readonly string[] InvalidText = ["\u0000", "a\u0000b", LoneHigh, "x" + LoneLow + "y"];
    // Text that is valid Unicode but never a code: refused only in code fields.
    private static readonly string[] OddText = ["\u202eRTL", "\u200b", "👍🏽", "e\u0301\u0301\u0301", "Ｒ４"];

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex DateLike();

    /// <summary>The malformed bodies for one route: whole-body cases, then every top-level property made hostile.</summary>
    private static IEnumerable<(string Case, string Body)> Corpus(WriteRoute route)
    {
        yield return ("truncated JSON", "{\"a\":");
        yield return ("not JSON", "definitely not json");
        yield return ("array instead of object", "[]");
        yield return ("null body", "null");
        yield return ("number body", "42");
        yield return ("deep nesting", new string('[', 5000) + new string(']', 5000));
        yield return ("trailing garbage", route.ValidBody!.ToJsonString() + "}}}");

        foreach (var (name, value) in route.ValidBody!)
        {
            JsonNode?[] mutations = value switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.String && DateLike().IsMatch(v.GetValue<string>()) =>
                    ["0001-01-01", "9999-12-31T23:59:59Z", "2026-02-30", "2026-13-01", "yesterday", 20261202, Huge],
                JsonValue v when v.GetValueKind() == JsonValueKind.String =>
                    [Huge, 42, new JsonArray(new JsonArray(1)), .. InvalidText.Select(u => (JsonNode)u),
                        .. route.CodeFields.Contains(name) ? OddText.Concat(Injections).Select(i => (JsonNode)i) : []],
                JsonValue v when v.GetValueKind() == JsonValueKind.Number =>
                    [-1, "NaN", "Infinity", JsonNode.Parse("1e400"), JsonNode.Parse("79228162514264337593543950336"), "12", true],
                JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => ["yes", 2, new JsonObject()],
                JsonArray => [new JsonArray(Enumerable.Range(0, 10_000).Select(i => (JsonNode)$"item {i}").ToArray()), new JsonArray(new JsonArray(new JsonArray(1))), "not a list", new JsonArray("\u0000")],
                JsonObject => ["not an object", new JsonArray(), new JsonObject { ["unexpected"] = new JsonArray(new JsonArray()) }],
                _ => [],
            };

            foreach (var mutation in mutations)
            {
                var body = route.ValidBody.DeepClone().AsObject();
                body[name] = mutation?.DeepClone();
                var label = mutation?.ToJsonString() ?? "null";
                var text = body.ToJsonString().Replace(LoneHigh, "\\ud800").Replace(LoneLow, "\\udfff");
                yield return ($"{name} = {(label.Length > 40 ? label[..40] + "..." : label)}", text);
            }
        }
    }

    private static readonly string[] HostileIds = ["MY-2026-000001' OR '1'='1", "..%2F..%2Fetc%2Fpasswd", "MY-2026-%2500", "%E2%80%AE", new string('9', 3000)];

    [Fact]
    public async Task Every_write_route_answers_the_corpus_with_a_4xx_problem_appends_nothing_and_stays_healthy()
    {
        using var _ = api.TimeTravel();
        var routes = await RoutesAsync();
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        var sent = 0;

        foreach (var route in routes)
        {
            var client = route.Caller();
            var cases = route.ValidBody is null ? [] : Corpus(route).ToList();
            // Hostile route values: the id segment replaced.
            var segments = route.Url.Split('/');
            var idIndex = Array.FindLastIndex(segments, s => s.Contains("-20", StringComparison.Ordinal));
            var urls = idIndex < 0 ? [] : HostileIds.Select(id => string.Join('/', segments.Select((s, i) => i == idIndex ? id : s))).ToList();

            var before = await api.EventCountAsync();
            var requests = cases.Select(c => (Label: c.Case, Url: route.Url, c.Body))
                .Concat(urls.Select(u => (Label: $"route value {u[..Math.Min(u.Length, 60)]}", Url: u, Body: route.ValidBody?.ToJsonString() ?? "{}")));
            foreach (var (label, url, body) in requests)
            {
                var request = new HttpRequestMessage(new HttpMethod(route.Method), url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                var response = await client.SendAsync(request);
                sent++;
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                if (status is < 400 or >= 500 || !isProblem)
                {
                    failures.Add($"{route.Method} {route.Url} [{label}]: {status} {(isProblem ? "problem" : response.Content.Headers.ContentType?.MediaType)} " +
                                 (await response.Content.ReadAsStringAsync())[..Math.Min(300, (int)(response.Content.Headers.ContentLength ?? 300))]);
                }
            }

            var after = await api.EventCountAsync();
            if (after != before) failures.Add($"{route.Method} {route.Url}: the corpus appended {after - before} events");
            await (await api.Anonymous().GetAsync("/health")).ShouldBe(HttpStatusCode.OK);
        }

        output.WriteLine($"{routes.Count} write routes, {sent} hostile requests; statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x {s.Value}"))}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} answered wrongly:\n" + string.Join("\n", failures.Take(80)));
    }

    [Fact]
    public async Task Injection_text_in_free_text_is_stored_verbatim_as_data()
    {
        var hostile = "Robert'); DROP TABLE mt_events; -- <script>alert('x')</script> \u202e 👍🏽";
        var number = await api.FiledAsync(Samples.Notification() with { ReasonForExport = hostile });
        var state = await (await api.Auditor().GetAsync($"/api/notifications/{number}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(hostile, state["particulars"]!["reasonForExport"]!.GetValue<string>());
        Assert.True(await api.EventCountAsync() > 0, "mt_events is still there");
    }

    [Fact]
    public async Task A_body_over_one_MiB_is_a_413_problem_and_appends_nothing()
    {
        var before = await api.EventCountAsync();
        var body = Obj(Samples.Notification());
        body["itinerary"] = new string('x', 1_100_000);
        var response = await api.Authority("DE").PostAsync("/api/notifications", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);

        // Streamed without a declared length: cut off while reading.
        var streamed = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body.ToJsonString())));
        streamed.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/notifications") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        await (await api.Authority("DE").SendAsync(request)).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await api.EventCountAsync());
    }
}
