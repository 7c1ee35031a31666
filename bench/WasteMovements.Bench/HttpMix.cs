using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Bench;

/// <summary>
/// (1) Command throughput and latency over HTTP for a realistic mix: each client walks notifications through
/// file, acknowledge, consent, announce, depart, receive and complete (7 commands), Basel MY -> JP.
/// </summary>
public sealed class HttpMix(string api, TokenIssuer tokens)
{
    public static readonly string[] Commands = ["file", "acknowledge", "consent", "announce", "depart", "receive", "complete"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private HttpClient Client(string token)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 256 };
        var client = new HttpClient(handler) { BaseAddress = new Uri(api), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static NotificationParticulars Particulars(string facility) =>
        new("MY", "JP", [], "MY-EXIT", "JP-ENTRY", "Port Klang to Akita by sea", NotificationKind.General, "Recovery of lead",
            new Party("Malaysia Battery Export Sdn Bhd", "Jalan 1, Port Klang", "MY-1", new ContactPerson("Aisha Rahman", "+60 3 000", "aisha@example.org")),
            [new Generator("Workshop KL", "Kuala Lumpur", null, new ContactPerson("Lim", null, null), "Kuala Lumpur", "Battery replacement")],
            new Party("Akita Lead Works KK", "Akita", "JP-9", new ContactPerson("Sato", null, null)),
            new Facility(facility, "Akita Lead Smelter", "Akita", "Akita port 4", new ContactPerson("Tanaka", null, null), 39.7, 140.1, null),
            [new Carrier("Ocean Carrier", "Port Klang", null, new ContactPerson("Dispatcher", null, null), ["sea"])], ["sea"],
            100, 1000m, Units.Tonnes, 10m, DateOnly.FromDateTime(DateTime.UtcNow), DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(11)),
            new WasteDescription("Spent lead-acid batteries", "Pb 65 %", "A1160", null, ["Y31", "Y34"], ["H8"], "8", "UN2794", "BATTERIES, WET", "solid", ["box"], null, false, false),
            "R4", null, false, null, new Contract("C-1", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-30))),
            new Declaration("Aisha Rahman", DateTimeOffset.UtcNow, true));

    public async Task<(double Throughput, int Errors, Dictionary<string, Latencies> ByCommand, Latencies All)> RunAsync(int clients, TimeSpan duration)
    {
        var my = Client(tokens.Issue(Roles.Authority, "bench.my", "MY"));
        var jp = Client(tokens.Issue(Roles.Authority, "bench.jp", "JP"));
        var facilities = Enumerable.Range(0, clients).Select(i => $"BENCH-FAC-{i}").ToArray();
        var byCommand = Commands.ToDictionary(c => c, _ => new Latencies());
        var all = new Latencies();
        var errors = 0;
        var done = 0;
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        var stop = DateTime.UtcNow + duration;
        var started = Stopwatch.GetTimestamp();

        async Task<JsonNode?> Call(string command, HttpClient client, string url, object body)
        {
            var t = Stopwatch.GetTimestamp();
            using var response = await client.PostAsJsonAsync(url, body, Json);
            var ms = Latencies.Ms(t);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref errors);
                return null;
            }

            byCommand[command].Add(ms);
            all.Add(ms);
            Interlocked.Increment(ref done);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync());
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
        {
            var facility = Client(tokens.Issue(Roles.Facility, "bench.operator", facility: facilities[i]));
            var particulars = Particulars(facilities[i]);
            while (DateTime.UtcNow < stop)
            {
                var filed = await Call("file", my, "/api/notifications", particulars);
                if (filed is null) continue;
                var n = $"/api/notifications/{filed["notificationNumber"]}";
                if (await Call("acknowledge", jp, n + "/acknowledgements", new { }) is null) continue;
                if (await Call("consent", jp, n + "/decisions", new { decision = "consent", validFrom = today, validUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(11)).ToString("yyyy-MM-dd"), contractConfirmed = true }) is null) continue;
                var announced = await Call("announce", my, n + "/shipments", new { quantity = 10, unit = "t", plannedDeparture = today, carriers = new[] { "Ocean Carrier" }, packaging = "box", packages = 10 });
                if (announced is null) continue;
                var s = $"/api/shipments/{announced["shipmentId"]}";
                if (await Call("depart", my, s + "/departure", new { departedAt = DateTimeOffset.UtcNow.AddSeconds(-1), carrier = "Ocean Carrier" }) is null) continue;
                if (await Call("receive", facility, s + "/receipt", new { receivedAt = DateTimeOffset.UtcNow.AddSeconds(-1), quantity = 10, unit = "t" }) is null) continue;
                await Call("complete", facility, s + "/completion", new { operation = "R4", completedAt = DateTimeOffset.UtcNow.AddSeconds(-1), certificateReference = "C" });
            }
        }));

        var seconds = Latencies.Ms(started) / 1000.0;
        return (done / seconds, errors, byCommand, all);
    }
}
