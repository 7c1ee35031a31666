using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten;
using Npgsql;
using WasteMovements.Api.Exchange;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Exchange;

/// <summary>
/// The node serving NL receives batches from DE and BE (docs/exchange.md, "Receiving"): a signed batch in its place is
/// appended with its origin; every other one is refused with its rule and recorded, and nothing of it is appended.
/// </summary>
[Collection(ExchangeCollection.Name)]
public sealed class ReceivingBatchesTests(ExchangeHost node)
{
    private static int _numbers = Random.Shared.Next(100000, 800000);

    private static string NewNumber() => $"DE-2026-{Interlocked.Increment(ref _numbers):D6}";

    private NotificationFiled Filed(string number, string import = "NL", string[]? transits = null) =>
        Filing.Filed(Samples.Notification("DE", import, transits ?? ["BE"]), number, Given.Registry, node.Clock.GetUtcNow());

    private NotificationAcknowledged Acknowledged(string state) =>
        new(state, state == "BE" ? AuthorityRole.Transit : state == "NL" ? AuthorityRole.Import : AuthorityRole.Export, node.Clock.GetUtcNow());

    /// <summary>DE's filing, applied here: the start of every case below.</summary>
    private async Task<(string Number, string Hash)> FiledHereAsync(string[]? transits = null)
    {
        var number = NewNumber();
        var (message, hash) = node.Batch("DE", number, 1, ExchangeHost.Genesis, [Filed(number, transits: transits)]);
        await node.ReceiveAsync(message);
        Assert.True(await StreamLengthAsync(number) == 1, $"not applied: {await RefusalsOfAsync(number)}");
        return (number, hash);
    }

    private async Task<string> RefusalsOfAsync(string number)
    {
        await using var session = node.Store.QuerySession();
        var refused = await session.Query<RefusedFactBatch>().Where(r => r.Notification == number).ToListAsync();
        return string.Join("; ", refused.Select(r => $"{r.Rule}: {r.Reason}"));
    }

    private async Task<long> StreamLengthAsync(string number)
    {
        await using var connection = new NpgsqlConnection(node.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from mt_events where stream_id = $1 or stream_id like $2", connection)
        {
            Parameters = { new() { Value = number }, new() { Value = number + "-%" } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Receives a batch that must be refused: the rule is recorded for it, and the store holds not one event more.</summary>
    private async Task RefusedAsync(SignedFactBatch message, string rule)
    {
        var before = await node.EventCountAsync();
        var refusalsBefore = (await node.RefusalsAsync(rule)).Count;
        await node.ReceiveAsync(message);
        Assert.Equal(before, await node.EventCountAsync());
        Assert.Equal(refusalsBefore + 1, (await node.RefusalsAsync(rule)).Count);
    }

    [Fact]
    public async Task A_filing_from_the_state_of_export_starts_the_copy_here_with_its_origin_and_the_proof_matches()
    {
        var (number, hash) = await FiledHereAsync();

        await using (var session = node.Store.QuerySession())
        {
            var events = await session.Events.FetchStreamAsync(number);
            var filed = Assert.Single(events);
            Assert.IsType<NotificationFiled>(filed.Data);
            Assert.Equal("DE", filed.Headers![FactReceiver.OriginStateHeader].ToString());
            Assert.Equal(ExchangeHost.NodeDe, filed.Headers[FactReceiver.OriginNodeHeader].ToString());
            Assert.Equal(hash, filed.Headers[FactReceiver.OriginHashHeader].ToString());
            Assert.Equal("authority:DE", filed.Headers["authority"].ToString());
            Assert.Equal($"exchange:{ExchangeHost.NodeDe}", filed.UserName);
        }

        // The copy is a file like any other here: NL's authority reads it.
        var read = await node.Authority("NL").GetAsync($"/api/notifications/{number}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        var proof = await (await node.Auditor().GetAsync($"/api/exchange/notifications/{number}/proof")).Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(proof!["matches"]!.GetValue<bool>(), proof.ToJsonString());
        var origin = Assert.Single(proof["origins"]!.AsArray());
        Assert.Equal("DE", origin!["originState"]!.GetValue<string>());
        Assert.Equal(hash, origin["head"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unsigned_batch_is_refused()
    {
        var number = NewNumber();
        var (message, _) = node.Batch("DE", number, 1, ExchangeHost.Genesis, [Filed(number)]);
        await RefusedAsync(message with { Signature = "" }, "exchange-unsigned");
        await RefusedAsync(message with { Kid = "" }, "exchange-unsigned");
    }

    [Fact]
    public async Task A_batch_signed_with_a_key_no_node_published_is_refused()
    {
        var number = NewNumber();
        var (message, _) = node.Batch("DE", number, 1, ExchangeHost.Genesis, [Filed(number)], signWith: node.StrangerKey, kid: "XX-unknown");
        await RefusedAsync(message, "exchange-unknown-key");
    }

    [Fact]
    public async Task A_batch_altered_after_signing_is_refused()
    {
        var number = NewNumber();
        var (message, _) = node.Batch("DE", number, 1, ExchangeHost.Genesis, [Filed(number)]);
        // The quantity changed on the way: the signature no longer covers the body.
        var tampered = message with { Body = message.Body.Replace("\"totalQuantity\":100", "\"totalQuantity\":900") };
        Assert.NotEqual(message.Body, tampered.Body);
        await RefusedAsync(tampered, "exchange-bad-signature");
        // Signed with DE's kid but another key.
        await RefusedAsync(ExchangeHost.Sign(message.Body, node.StrangerKey, node.KidOf("DE")), "exchange-bad-signature");
    }

    [Fact]
    public async Task A_replayed_batch_is_refused_and_applied_once()
    {
        var number = NewNumber();
        var (message, _) = node.Batch("DE", number, 1, ExchangeHost.Genesis, [Filed(number)]);
        await node.ReceiveAsync(message);
        Assert.Equal(1, await StreamLengthAsync(number));

        await RefusedAsync(message, "exchange-replayed");
        Assert.Equal(1, await StreamLengthAsync(number));
    }

    [Fact]
    public async Task A_batch_whose_key_is_another_states_is_refused()
    {
        // BE's genuine key signing a batch that claims to be DE's.
        var number = NewNumber();
        var (message, _) = node.Batch("DE", number, 1, ExchangeHost.Genesis, [Filed(number)], signWith: node.BeKey, kid: node.KidOf("BE"));
        await RefusedAsync(message, "exchange-key-state-mismatch");
    }

    [Fact]
    public async Task A_state_deciding_for_another_is_refused()
    {
        var (number, _) = await FiledHereAsync();
        // BE, signing as itself, sends NL's acknowledgement (NL decides for itself, Basel Art. 6(2)).
        var (forAnother, _) = node.Batch("BE", number, 1, ExchangeHost.Genesis, [Acknowledged("NL")], known: new() { ["DE"] = 1 });
        await RefusedAsync(forAnother, "exchange-origin-not-entitled");
        // BE sends the state of export's filing of another file.
        var other = NewNumber();
        var (filing, _) = node.Batch("BE", other, 1, ExchangeHost.Genesis, [Filed(other)]);
        await RefusedAsync(filing, "exchange-origin-not-entitled");
        // A batch claiming to come from the state served here.
        var (own, _) = node.Batch("NL", number, 1, ExchangeHost.Genesis, [Acknowledged("NL")], signWith: node.NlKey, known: new() { ["DE"] = 1 });
        await RefusedAsync(own, "exchange-origin-not-entitled");
        Assert.Equal(1, await StreamLengthAsync(number));
    }

    [Fact]
    public async Task A_batch_that_does_not_follow_its_origins_chain_is_refused()
    {
        var (number, hash) = await FiledHereAsync();
        // Seq 2 of DE, but chained to something else than DE's seq 1.
        var (wrongLink, _) = node.Batch("DE", number, 2, new string('a', 64), [Acknowledged("DE")], known: new() { ["BE"] = 0 });
        await RefusedAsync(wrongLink, "exchange-chain-broken");
        // The right link, but a hash that is not its content's (re-signed, so the signature holds).
        var (right, _) = node.Batch("DE", number, 2, hash, [Acknowledged("DE")]);
        var batch = FactBatch.Parse(right.Body);
        var forged = System.Text.Json.JsonSerializer.Serialize(batch with { Hash = new string('b', 64) }, FactBatch.Json);
        await RefusedAsync(ExchangeHost.Sign(forged, node.DeKey, node.KidOf("DE")), "exchange-chain-broken");
    }

    [Fact]
    public async Task A_batch_for_a_notification_that_concerns_no_state_served_here_is_refused()
    {
        var number = NewNumber();
        var (message, _) = node.Batch("DE", number, 1, ExchangeHost.Genesis, [Filed(number, import: "FR", transits: [])]);
        await RefusedAsync(message, "exchange-not-concerned");
        Assert.Equal(0, await StreamLengthAsync(number));
    }

    [Fact]
    public async Task A_signed_body_that_is_not_a_batch_is_refused()
    {
        await RefusedAsync(ExchangeHost.Sign("{\"hello\":", node.DeKey, node.KidOf("DE")), "exchange-malformed");
        var number = NewNumber();
        var (message, _) = node.Batch("DE", number, 1, ExchangeHost.Genesis, [Filed(number)]);
        var unknownFact = message.Body.Replace("\"type\":\"NotificationFiled\"", "\"type\":\"NotificationTeleported\"");
        await RefusedAsync(ExchangeHost.Sign(unknownFact, node.DeKey, node.KidOf("DE")), "exchange-malformed");
    }

    [Fact]
    public async Task A_batch_signed_with_a_revoked_key_is_refused()
    {
        var (number, _) = await FiledHereAsync();
        var (message, _) = node.Batch("BE", number, 1, ExchangeHost.Genesis, [Acknowledged("BE")], known: new() { ["DE"] = 1 });
        // BE's node announced a compromise: this node's administrator revokes the key. A revoked key is BE's last word here
        // in this test run, so this test uses its own key id (registered first) rather than the one the others use.
        var kid = $"BE-revoked-{ExchangeHost.Run}";
        var registered = await node.Admin().PostAsJsonAsync("/api/exchange/keys", new { state = "BE", kid, publicKeyPem = node.BeKey.ExportSubjectPublicKeyInfoPem() });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var revoked = await node.Admin().PostAsJsonAsync($"/api/exchange/keys/{kid}/revocations", new { reason = "key compromised (BE notice)" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        await RefusedAsync(ExchangeHost.Sign(message.Body, node.BeKey, kid), "exchange-key-revoked");
        // The same batch under BE's key in force is applied.
        await node.ReceiveAsync(message);
        Assert.Equal(2, await StreamLengthAsync(number));
    }

    [Fact]
    public async Task An_early_batch_is_held_until_what_it_follows_has_arrived()
    {
        var (number, deHash) = await FiledHereAsync();
        // BE acknowledged after seeing DE's second batch, which has not arrived here yet.
        var (be, _) = node.Batch("BE", number, 1, ExchangeHost.Genesis, [Acknowledged("BE")], known: new() { ["DE"] = 2 });
        await node.ReceiveAsync(be);
        Assert.Equal(1, await StreamLengthAsync(number));
        await using (var session = node.Store.QuerySession())
        {
            Assert.Single(await session.Query<HeldFactBatch>().Where(h => h.Notification == number).ToListAsync());
        }

        // DE's second batch arrives: applied, and the held one goes back through this node's queue (the broker) and follows.
        var (de2, _) = node.Batch("DE", number, 2, deHash, [Acknowledged("DE")], known: new() { ["BE"] = 0 });
        await node.ReceiveAsync(de2);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await StreamLengthAsync(number) < 3 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(await StreamLengthAsync(number) == 3, $"{await StreamLengthAsync(number)} events; refusals: {await RefusalsOfAsync(number)}");

        await using (var session = node.Store.QuerySession())
        {
            Assert.Empty(await session.Query<HeldFactBatch>().Where(h => h.Notification == number).ToListAsync());
            var origins = (await session.Events.FetchStreamAsync(number)).Select(e => e.Headers![FactReceiver.OriginStateHeader].ToString()!).ToArray();
            Assert.Equal(new[] { "DE", "DE", "BE" }, origins!);
        }
    }

    [Fact]
    public async Task An_authority_acts_only_at_its_own_node()
    {
        // At NL's node, DE's authority cannot file (its node is DE's) and BE's cannot acknowledge: a 403 problem, nothing appended.
        var before = await node.EventCountAsync();
        var filing = await node.Authority("DE").PostJson("/api/notifications", Samples.Notification("DE", "NL", ["BE"]));
        await filing.ShouldBeRefused(HttpStatusCode.Forbidden, "served-by-another-node", "Basel Art. 6(2)-(4)");
        Assert.Equal(before, await node.EventCountAsync());

        var (number, _) = await FiledHereAsync();
        before = await node.EventCountAsync();
        var ack = await node.Authority("BE").PostAsync($"/api/notifications/{number}/acknowledgements", null);
        await ack.ShouldBeRefused(HttpStatusCode.Forbidden, "served-by-another-node", "Basel Art. 6(2)-(4)");
        Assert.Equal(before, await node.EventCountAsync());

        // NL's own authority acts here, and its batch waits in the outbox for DE's and BE's nodes.
        var own = await node.Authority("NL").PostAsync($"/api/notifications/{number}/acknowledgements", null);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        await using var session = node.Store.QuerySession();
        var sent = await session.Query<ExchangeRecord>().Where(r => r.Notification == number && r.Direction == "sent").ToListAsync();
        var record = Assert.Single(sent);
        Assert.Equal("NL", record.OriginState);
        Assert.Equal(1, FactBatch.Parse(record.Body).Known["DE"]);
    }
}
