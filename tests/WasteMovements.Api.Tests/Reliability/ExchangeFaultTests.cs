using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;
using Xunit.Abstractions;

namespace WasteMovements.Api.Tests.Reliability;

/// <summary>
/// The exchange between authorities' nodes under faults (issue 17): three API processes, DE, BE and NL, each on its
/// own database and serving one state, one broker between them. A full EU movement DE -> NL via BE, each authority
/// acting at its own node, with the broker restarted after the consents and NL killed (SIGKILL) as DE's departure
/// is decided. At the end every node holds every fact exactly once, in the same order, the states agree, the hash
/// chains and the exchange chains verify, and the one deadline that fires fires at one node only.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class ExchangeFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(60);
    private static readonly string[] States = ["DE", "BE", "NL"];
    private const string Facility = "NL-FAC-ROTTERDAM-1";

    [Fact]
    public async Task Three_nodes_carry_a_movement_through_a_broker_restart_and_a_killed_node_each_fact_once_everywhere()
    {
        var timings = new List<string>();
        var total = Stopwatch.StartNew();

        // The procedure's clock: the tests' holiday-free Monday, whose midnight comes at `expiryWall`, so that a consent
        // valid until "today" expires while the test runs, through Wolverine's durable scheduler at the node of export.
        var wallStart = DateTimeOffset.UtcNow;
        var expiryWall = wallStart + TimeSpan.FromSeconds(150);
        var midnight = new DateTimeOffset(TestStart.Day(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var offset = midnight - expiryWall;
        var day0 = TestStart.Day(0);
        DateTimeOffset ProcedureNow() => DateTimeOffset.UtcNow + offset;
        DateOnly Today() => DateOnly.FromDateTime(ProcedureNow().UtcDateTime);

        await using var network = await ExchangeNetwork.CreateAsync(Broker.Uri, new Dictionary<string, string> { ["Clock__Offset"] = offset.ToString("c") }, States);
        var (de, be, nl) = (network["DE"], network["BE"], network["NL"]);
        timings.Add($"three nodes healthy after {(await network.StartAsync(Start)).TotalSeconds:F1} s");

        // ---- a notification whose consent ends today: its ConsentValidity deadline is the one that fires -------------
        var expiring = await FileAsync(network, Notification(day0), "expiring: filed at DE");
        await ConsentProcedureAsync(network, expiring, Commands.WrittenConsent(day0, day0), timings, "expiring");
        Assert.True(DateTimeOffset.UtcNow < expiryWall,
            $"the expiring notification was consented at {DateTimeOffset.UtcNow:T}, after the procedure's midnight ({expiryWall:T}): the machine is too slow for this test's window");

        // ---- the movement -------------------------------------------------------------------------------------------
        var number = await FileAsync(network, Notification(Today()), "filed at DE");
        string[] streams = [number];

        // An authority acts only on its own node (design: served-by-another-node): NL's acknowledgement posted at DE.
        var before = await de.EventCountAsync();
        using (var nlAtDe = de.Process.Client(ApiProcess.AuthorityToken("NL", "officer.nl")))
        {
            await (await nlAtDe.Acknowledge(number).SendAsync()).ShouldBeRefused(HttpStatusCode.Forbidden, "served-by-another-node");
        }

        Assert.Equal(before, await de.EventCountAsync());

        await ConsentProcedureAsync(network, number, null, timings, "movement", Today);

        // Fault 1: the broker restarts after the consents; the next facts go through the durable outbox once it is back.
        var restart = Stopwatch.StartNew();
        await Broker.RestartAsync();
        timings.Add($"broker restarted in {restart.Elapsed.TotalSeconds:F1} s");

        using (var dispatch = de.Authority())
        {
            await dispatch.RecordGuarantee(number, Commands.Guarantee()).Ok();
            await dispatch.ApproveGuarantee(number).Ok();
        }

        timings.Add($"guarantee (first facts after the broker restart) everywhere after {(await network.ConvergedAsync("guarantee", streams, Arrival)).TotalSeconds:F1} s");

        string shipment;
        using (var dispatch = de.Authority())
        {
            shipment = await dispatch.Announce(number, Commands.Announcement(10m, Today().AddDays(10))).ShipmentId();
        }

        streams = [number, shipment];
        timings.Add($"announcement everywhere after {(await network.ConvergedAsync("announcement", streams, Arrival)).TotalSeconds:F1} s");

        // Fault 2: NL is killed while DE decides the departure (the request is sent, its answer not awaited), so the
        // departure batch is in flight or waits in NL's queue; a departure already applied at NL is reported as such.
        using (var dispatch = de.Authority())
        {
            var departure = dispatch.Depart(shipment, new RecordDeparture(ProcedureNow().AddMinutes(-1), Commands.SampleCarrier)).Ok();
            nl.Kill();
            await departure;
        }

        var departedAtKill = (await nl.FactsAsync(streams)).Any(f => f.Type == "shipment_departed");
        timings.Add($"NL killed after the departure (the departure {(departedAtKill ? "had already been applied" : "had not yet been applied")} at NL); restarted in {(await nl.RestartAsync(Start)).TotalSeconds:F1} s");
        timings.Add($"departure everywhere after {(await network.ConvergedAsync("departure", streams, Arrival)).TotalSeconds:F1} s");

        using (var facility = nl.Facility(Facility))
        {
            await facility.Receive(shipment, new ConfirmReceipt(ProcedureNow().AddSeconds(-20), 10m, Units.Tonnes)).Ok();
            timings.Add($"receipt (at NL) everywhere after {(await network.ConvergedAsync("receipt", streams, Arrival)).TotalSeconds:F1} s");
            await facility.Complete(shipment, new CertifyCompletion("R4", ProcedureNow().AddSeconds(-10), "CERT-17-1")).Ok();
            timings.Add($"completion (at NL) everywhere after {(await network.ConvergedAsync("completion", streams, Arrival)).TotalSeconds:F1} s");
        }

        // ---- the deadline: fires once, at the node of the state of export, and its fact reaches the others ------------
        var expiryWait = Stopwatch.StartNew();
        var expiryLimit = expiryWall - DateTimeOffset.UtcNow + Arrival;
        while (true)
        {
            var counts = await Task.WhenAll(network.Nodes.Select(n => ExpiredCountAsync(n, expiring)));
            if (counts.All(c => c >= 1) || expiryWait.Elapsed > expiryLimit) break;
            await Task.Delay(250);
        }

        await network.ConvergedAsync("consent expiry", [expiring], Arrival);
        foreach (var node in network.Nodes)
        {
            Assert.Equal(1L, await ExpiredCountAsync(node, expiring));
        }

        timings.Add($"ConsentExpired of {expiring} once at each node (checked {(DateTimeOffset.UtcNow - expiryWall).TotalSeconds:F1} s after the procedure's midnight)");

        // ---- every fact exactly once at every node, the same order, the same origin and sequence --------------------
        foreach (var (n, s) in new[] { (expiring, new[] { expiring }), (number, streams) })
        {
            var reference = await de.FactsAsync(s);
            foreach (var node in network.Nodes)
            {
                var facts = await node.FactsAsync(s);
                AssertNoDuplicates(node, facts);
                Assert.Equal(Shape(reference), Shape(facts));
                // Received facts record their origin; each origin's batches are numbered 1, 2, 3... per notification.
                foreach (var received in facts.Where(f => f.OriginState is not null && f.OriginState != node.State))
                {
                    Assert.True(received.OriginSeq is > 0, $"{node.Name}: {received.Stream}#{received.Version} {received.Type} has no wm.origin.seq");
                    Assert.Equal($"exchange:{network.Nodes.Single(x => x.State == received.OriginState).Name}", received.UserName);
                }
            }

            // Where two nodes both recorded the origin and sequence of a fact, they agree.
            var labelled = new List<IReadOnlyList<StoredFact>>();
            foreach (var node in network.Nodes) labelled.Add(await node.FactsAsync(s));
            for (var i = 0; i < reference.Count; i++)
            {
                var known = labelled.Select(l => l[i]).Where(f => f.OriginSeq is not null).Select(f => $"{f.OriginState}/{f.OriginSeq}").Distinct().ToList();
                Assert.True(known.Count <= 1, $"{reference[i].Stream}#{reference[i].Version} {reference[i].Type}: origins disagree: {string.Join(", ", known)}");
            }

            // A fact without origin headers at a node was decided there: every other node names that node's state as its origin.
            for (var k = 0; k < network.Nodes.Count; k++)
            {
                var node = network.Nodes[k];
                for (var i = 0; i < reference.Count; i++)
                {
                    var here = labelled[k][i];
                    var elsewhere = labelled.Where((_, j) => j != k).Select(l => l[i].OriginState).ToList();
                    if (here.OriginState is null)
                        Assert.All(elsewhere, o => Assert.Equal(node.State, o));
                    else
                        Assert.NotEqual(node.State, here.OriginState);
                }
            }
        }

        // ---- the states agree ---------------------------------------------------------------------------------------
        foreach (var n in new[] { expiring, number })
        {
            var views = new List<string>();
            foreach (var node in network.Nodes)
            {
                using var auditor = node.Auditor();
                views.Add(NotificationView(await node.GetAsync(auditor, $"/api/notifications/{n}")));
            }

            Assert.All(views, v => Assert.Equal(views[0], v));
        }

        var shipmentViews = new List<string>();
        foreach (var node in network.Nodes)
        {
            using var auditor = node.Auditor();
            shipmentViews.Add(ShipmentView(await node.GetAsync(auditor, $"/api/shipments/{shipment}")));
        }

        Assert.All(shipmentViews, v => Assert.Equal(shipmentViews[0], v));
        Assert.Contains("\"status\":\"completed\"", shipmentViews[0]);

        // ---- the chains verify: each node's own hash chain (docs/audit.md), and the exchange chain of every origin ----
        foreach (var node in network.Nodes)
        {
            using var auditor = node.Auditor();
            foreach (var n in new[] { expiring, number })
            {
                var integrity = await node.GetAsync(auditor, $"/api/notifications/{n}/integrity");
                Assert.True(integrity["valid"]!.GetValue<bool>(), $"{node.Name}: the hash chain of {n} does not verify: {integrity.ToJsonString()}");
            }
        }

        foreach (var n in new[] { expiring, number })
        {
            // Each origin's own head, as it states it, against what every other node holds of it.
            var heads = new Dictionary<string, Dictionary<string, string>>();
            foreach (var node in network.Nodes)
            {
                using var auditor = node.Auditor();
                heads[node.Name] = Heads(await node.GetAsync(auditor, $"/api/exchange/notifications/{n}/heads"));
            }

            foreach (var origin in network.Nodes)
            {
                if (!heads[origin.Name].TryGetValue(origin.State, out var own)) continue; // this origin decided nothing on n
                foreach (var receiver in network.Nodes.Where(r => r != origin))
                {
                    Assert.True(heads[receiver.Name].TryGetValue(origin.State, out var held), $"{receiver.Name} holds no head of {origin.State} on {n}");
                    Assert.Equal(own, held);
                }
            }

            foreach (var receiver in new[] { be, nl })
            {
                using var auditor = receiver.Auditor();
                var proof = await receiver.GetAsync(auditor, $"/api/exchange/notifications/{n}/proof");
                var matches = Matches(proof);
                Assert.True(matches.Count > 0, $"{receiver.Name}: the proof of {n} names no origin: {proof.ToJsonString()}");
                Assert.True(matches.All(m => m), $"{receiver.Name}: the proof of {n} does not match for every origin: {proof.ToJsonString()}");
            }
        }

        // ---- every deadline is scheduled at one node only: the state's own node, or the node of the state of export -----
        foreach (var n in new[] { expiring, number })
        {
            var scheduled = new Dictionary<string, IReadOnlyList<string>>();
            foreach (var node in network.Nodes) scheduled[node.Name] = await node.ScheduledDeadlinesAsync(n);
            var twice = scheduled.SelectMany(p => p.Value.Select(id => (id, p.Key))).GroupBy(x => x.id).Where(g => g.Count() > 1)
                .Select(g => $"{g.Key} at {string.Join(", ", g.Select(x => x.Key))}").ToList();
            Assert.True(twice.Count == 0, $"deadlines of {n} scheduled at more than one node: {string.Join("; ", twice)}");
            Assert.Contains(scheduled["DE"], id => id.Contains("ConsentValidity", StringComparison.Ordinal));
            foreach (var (name, ids) in scheduled)
            {
                // A state's decision period only at its own node; deadlines without a state only at the node of export.
                foreach (var id in ids.Where(id => id.Contains("DecisionPeriod", StringComparison.Ordinal)))
                {
                    Assert.EndsWith("|" + name, id);
                }

                if (name != "DE") Assert.DoesNotContain(ids, id => id.Contains("ConsentValidity", StringComparison.Ordinal));
            }
        }

        timings.Add($"in all {total.Elapsed.TotalSeconds:F1} s");
        output.WriteLine("exchange faults: " + string.Join("; ", timings));
    }

    [Fact]
    public async Task Unsigned_tampered_replayed_and_out_of_place_batches_are_refused_listed_and_append_nothing()
    {
        var total = Stopwatch.StartNew();
        await using var network = await ExchangeNetwork.CreateAsync(Broker.Uri, new Dictionary<string, string>(), States);
        var (de, be, nl) = (network["DE"], network["BE"], network["NL"]);

        // DE and BE first: DE's filing batch for NL waits in NL's queue, where the test reads a copy of the real message.
        foreach (var node in new[] { de, be }) node.Start();
        await Task.WhenAll(de.Process.WaitHealthyAsync(Start), be.Process.WaitHealthyAsync(Start));
        string number;
        using (var dispatch = de.Authority())
        {
            number = (await dispatch.File(Notification(TestStart.Day(0))).Created())["notificationNumber"]!.GetValue<string>();
        }

        await using var queue = await NodeQueue.OpenAsync(Broker.Uri, "NL");
        var real = await queue.PeekAsync(Arrival);
        nl.Start();
        await nl.Process.WaitHealthyAsync(Start);
        await network.ConvergedAsync("filed", [number], Arrival);
        var startup = total.Elapsed;

        var before = await nl.EventCountAsync();
        var refusalsBefore = (await Refusals(nl)).Count;
        var batch = JsonNode.Parse(real.Batch.Body)!.AsObject();

        // 1. Unsigned: the real body without kid and signature.
        var unsigned = await queue.PublishAsync(real.With(real.Batch.Body, "", ""));
        // 2. Tampered: the body changed after signing (the exporter's name), the signature kept.
        var tamperedBody = real.Batch.Body.Replace("Batterie Recycling Export GmbH", "Batterie Recycling Export GmbX", StringComparison.Ordinal);
        Assert.NotEqual(real.Batch.Body, tamperedBody);
        var tampered = await queue.PublishAsync(real.With(tamperedBody, real.Batch.Kid, real.Batch.Signature));
        // 3. Replayed: the real message again, byte for byte, under a new message id (a resend, not a broker redelivery).
        var replayed = await queue.PublishAsync(real.With(real.Batch.Body, real.Batch.Kid, real.Batch.Signature));
        // 4. Out of place: BE's key, BE's own exchange chain (seq 1), but the fact is NL's consent (FactOrigins.Check).
        var consent = new JsonObject
        {
            ["state"] = "NL", ["role"] = "Import", ["conditions"] = new JsonArray(), ["validFrom"] = TestStart.Text(TestStart.Day(0)),
            ["validUntil"] = TestStart.Text(TestStart.Day(200)), ["contractConfirmed"] = true, ["decidedAt"] = TestStart.Text(DateTimeOffset.UtcNow),
            ["requiresFinancialGuarantee"] = false,
        };
        var outOfPlaceBody = ForgedBody(batch, number, "BE", "BE", 1, Genesis, [(number, "ConsentGranted", consent)]);
        var outOfPlace = await queue.PublishAsync(real.With(outOfPlaceBody, be.Key.Kid, be.Key.Sign(outOfPlaceBody)));
        // 5. The same claim of NL's consent under NL's name, but signed with BE's key.
        var wrongKeyBody = ForgedBody(batch, number, "NL", "NL", 1, Genesis, [(number, "ConsentGranted", consent)]);
        var wrongKey = await queue.PublishAsync(real.With(wrongKeyBody, be.Key.Kid, be.Key.Sign(wrongKeyBody)));

        var expected = new (string MessageId, string Rule)[]
        {
            (unsigned, "exchange-unsigned"), (tampered, "exchange-bad-signature"), (replayed, "exchange-replayed"),
            (outOfPlace, "exchange-origin-not-entitled"), (wrongKey, "exchange-key-state-mismatch"),
        };
        var watch = Stopwatch.StartNew();
        JsonArray refusals;
        do
        {
            await Task.Delay(250);
            refusals = await Refusals(nl);
        } while (refusals.Count < refusalsBefore + expected.Length && watch.Elapsed < Arrival);

        var listed = refusals.Select(r => r!.ToJsonString()).ToList();
        foreach (var (messageId, rule) in expected)
        {
            Assert.True(refusals.Any(r => r!.ToJsonString().Contains(messageId, StringComparison.OrdinalIgnoreCase) && r["rule"]?.GetValue<string>() == rule),
                $"no refusal {rule} for message {messageId} at NL; listed:\n{string.Join("\n", listed)}\n{nl.Process.Tail(30)}");
        }

        Assert.Equal(before, await nl.EventCountAsync());
        Assert.Contains(nl.Process.Log, line => line.Contains("exchange-bad-signature", StringComparison.Ordinal));

        // The refused batches stopped nothing: DE's next fact still arrives at NL.
        using (var transit = be.Authority())
        {
            await transit.Acknowledge(number).Ok();
        }

        await network.ConvergedAsync("acknowledged by BE after the refusals", [number], Arrival);
        output.WriteLine($"refused batches: nodes up and the real batch read in {startup.TotalSeconds:F1} s; {expected.Length} forged batches refused and listed " +
                         $"in {watch.Elapsed.TotalSeconds:F1} s ({string.Join(", ", expected.Select(e => e.Rule))}); NL's store unchanged ({before} events); in all {total.Elapsed.TotalSeconds:F1} s");
    }

    private const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static async Task<JsonArray> Refusals(ExchangeNode node)
    {
        using var auditor = node.Auditor();
        var body = await node.GetAsync(auditor, "/api/exchange/refusals");
        return body as JsonArray ?? body["items"]?.AsArray() ?? body["refusals"]!.AsArray();
    }

    /// <summary>
    /// A fact batch in the shape of a real one (<paramref name="template"/>), with the exchange chain's hash of the
    /// design: SHA-256 of hex(previous), notification, origin state, seq and the facts' JSON, joined by newlines.
    /// </summary>
    private static string ForgedBody(JsonObject template, string notification, string originNode, string originState, long seq, string previous,
        IReadOnlyList<(string Stream, string Type, JsonObject Data)> facts)
    {
        var factsJson = new JsonArray(facts.Select(f => (JsonNode)new JsonObject { ["stream"] = f.Stream, ["type"] = f.Type, ["data"] = f.Data.DeepClone() }).ToArray());
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            $"{previous}\n{notification}\n{originState}\n{seq}\n{factsJson.ToJsonString()}"))).ToLowerInvariant();
        var body = (JsonObject)template.DeepClone();
        body["notification"] = notification;
        body["originNode"] = originNode;
        body["originState"] = originState;
        body["seq"] = seq;
        body["previous"] = previous;
        body["hash"] = hash;
        body["decidedAt"] = TestStart.Text(DateTimeOffset.UtcNow);
        body["facts"] = factsJson;
        return body.ToJsonString();
    }

    // ---- the procedure at three nodes -------------------------------------------------------------------------------

    /// <summary>The sample EU movement DE -> NL via BE, departures from <paramref name="today"/> on.</summary>
    private static NotificationParticulars Notification(DateOnly today) =>
        Samples.Notification("DE", "NL", ["BE"]) with { FirstDeparture = today, LastDeparture = today.AddDays(300) };

    private static async Task<string> FileAsync(ExchangeNetwork network, NotificationParticulars particulars, string what)
    {
        using var dispatch = network["DE"].Authority();
        var number = (await dispatch.File(particulars).Created())["notificationNumber"]!.GetValue<string>();
        await network.ConvergedAsync(what, [number], Arrival);
        return number;
    }

    /// <summary>
    /// BE and NL acknowledge, NL confirms completeness (EU 2024/1157 Art. 8(12)), then every authority consents (the
    /// destination first; EU: the dispatch too), each at its own node, each fact everywhere before the next step.
    /// </summary>
    private static async Task ConsentProcedureAsync(ExchangeNetwork network, string number, DecideOnConsent? consent, List<string> timings, string what,
        Func<DateOnly>? today = null)
    {
        var watch = Stopwatch.StartNew();
        foreach (var state in new[] { "BE", "NL" })
        {
            using var authority = network[state].Authority();
            await authority.Acknowledge(number).Ok();
            await network.ConvergedAsync($"{what}: acknowledged by {state}", [number], Arrival);
        }

        using (var destination = network["NL"].Authority())
        {
            await destination.ConfirmCompleteness(number).Ok();
        }

        await network.ConvergedAsync($"{what}: completeness confirmed", [number], Arrival);
        foreach (var state in new[] { "NL", "BE", "DE" })
        {
            var day = today?.Invoke();
            var decision = (consent ?? Commands.WrittenConsent(day, day!.Value.AddDays(300))) with { ContractConfirmed = state == "NL" };
            using var authority = network[state].Authority();
            await authority.Decide(number, decision).Ok();
            await network.ConvergedAsync($"{what}: consent of {state}", [number], Arrival);
        }

        timings.Add($"{what}: acknowledged, completed and consented at three nodes in {watch.Elapsed.TotalSeconds:F1} s");
    }

    // ---- comparisons ------------------------------------------------------------------------------------------------

    private static Task<long> ExpiredCountAsync(ExchangeNode node, string number) =>
        WriteLoad.ScalarAsync<long>(node.ConnectionString, $"select count(*) from mt_events where stream_id = '{number}' and type = 'consent_expired'");

    private static string Shape(IEnumerable<StoredFact> facts) => string.Join("\n", facts.Select(f => $"{f.Stream}#{f.Version} {f.Type}"));

    /// <summary>No batch applied twice: within one origin's sequence number, each (stream, type) at most as often as the batch carried it.</summary>
    private static void AssertNoDuplicates(ExchangeNode node, IReadOnlyList<StoredFact> facts)
    {
        var messages = facts.Where(f => f.OriginMessage is not null).GroupBy(f => (f.OriginState, f.OriginSeq))
            .Where(g => g.Select(f => f.OriginMessage).Distinct().Count() > 1).Select(g => $"{g.Key.OriginState}/{g.Key.OriginSeq}").ToList();
        Assert.True(messages.Count == 0, $"{node.Name}: batches applied from more than one message: {string.Join(", ", messages)}");
        var versions = facts.GroupBy(f => (f.Stream, f.Version)).Where(g => g.Count() > 1).Select(g => $"{g.Key.Stream}#{g.Key.Version}").ToList();
        Assert.True(versions.Count == 0, $"{node.Name}: versions stored twice: {string.Join(", ", versions)}");
    }

    /// <summary>The fields of a notification every node must agree on: status, each authority's part, validity, shipments, guarantee.</summary>
    private static string NotificationView(JsonNode n)
    {
        var view = new JsonObject
        {
            ["id"] = n["id"]?.DeepClone(),
            ["version"] = n["version"]?.DeepClone(),
            ["status"] = n["status"]?.DeepClone(),
            ["completenessConfirmedAt"] = n["completenessConfirmedAt"]?.DeepClone(),
            ["consentValidFrom"] = n["consentValidFrom"]?.DeepClone(),
            ["consentValidUntil"] = n["consentValidUntil"]?.DeepClone(),
            ["expiredAt"] = n["expiredAt"]?.DeepClone(),
            ["closedAt"] = n["closedAt"]?.DeepClone(),
            ["conditions"] = n["conditions"]?.DeepClone(),
            ["shipments"] = n["shipments"]?.DeepClone(),
            ["guarantees"] = n["guarantees"]?.DeepClone(),
            ["authorities"] = new JsonArray(n["authorities"]!.AsArray().Select(a => (JsonNode)new JsonObject
            {
                ["state"] = a!["state"]?.DeepClone(),
                ["role"] = a["role"]?.DeepClone(),
                ["status"] = a["status"]?.DeepClone(),
                ["acknowledgedAt"] = a["acknowledgedAt"]?.DeepClone(),
                ["consent"] = a["consent"]?.DeepClone(),
                ["decidedAt"] = a["decidedAt"]?.DeepClone(),
                ["refusalReason"] = a["refusalReason"]?.DeepClone(),
            }).ToArray()),
        };
        return view.ToJsonString();
    }

    private static string ShipmentView(JsonNode s)
    {
        var view = new JsonObject();
        foreach (var field in new[] { "id", "version", "status", "quantity", "plannedDeparture", "departedAt", "departure", "receipt", "completion", "certificate" })
        {
            if (s[field] is { } value) view[field] = value.DeepClone();
        }

        return view.ToJsonString();
    }

    /// <summary>The heads a node states for a notification: origin state -> "seq/hash" (the body's shape is read loosely).</summary>
    private static Dictionary<string, string> Heads(JsonNode body)
    {
        var heads = new Dictionary<string, string>();
        var items = body is JsonArray array ? array : body["heads"]?.AsArray() ?? body["origins"]?.AsArray() ?? [];
        foreach (var item in items)
        {
            var state = (item!["originState"] ?? item["state"] ?? item["origin"])!.GetValue<string>();
            heads[state] = $"{item["seq"]}/{item["hash"]}";
        }

        return heads;
    }

    /// <summary>Every <c>matches</c> flag in a proof (one per origin state).</summary>
    private static List<bool> Matches(JsonNode node)
    {
        var found = new List<bool>();
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == "matches" && value is JsonValue v && v.TryGetValue<bool>(out var b)) found.Add(b);
                    else if (value is not null) found.AddRange(Matches(value));
                }

                break;
            case JsonArray a:
                foreach (var item in a) if (item is not null) found.AddRange(Matches(item));
                break;
        }

        return found;
    }
}
