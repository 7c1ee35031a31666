using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;
using WasteMovements.Api.Exchange;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Notifications;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Exchange;

/// <summary>A peer's key rotation as this node sees it, and a batch that fails (not refused) becoming a dead letter an operator replays.</summary>
[Collection(ExchangeCollection.Name)]
public sealed class KeysAndDeadLettersTests(ExchangeHost node)
{
    private static int _numbers = Random.Shared.Next(800000, 999000);

    private static string NewNumber() => $"DE-2026-{Interlocked.Increment(ref _numbers):D6}";

    private NotificationFiled Filed(string number) =>
        Filing.Filed(Samples.Notification("DE", "NL", ["BE"]), number, Given.Registry, node.Clock.GetUtcNow());

    private async Task<long> StreamLengthAsync(string number)
    {
        await using var connection = new NpgsqlConnection(node.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from mt_events where stream_id = $1", connection) { Parameters = { new() { Value = number } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> TablesAsync()
    {
        await using var connection = new NpgsqlConnection(node.ConnectionString);
        await connection.OpenAsync();
        var parts = new List<string>();
        foreach (var table in new[] { "wolverine_dead_letters", "wolverine_incoming_envelopes", "wolverine_outgoing_envelopes" })
        {
            await using var command = new NpgsqlCommand($"select count(*) from {table}", connection);
            parts.Add($"{table}: {await command.ExecuteScalarAsync()}");
        }

        await using (var rows = new NpgsqlCommand("select status, attempts, execution_time::text, owner_id from wolverine_incoming_envelopes", connection))
        await using (var reader = await rows.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) parts.Add($"incoming {reader.GetValue(0)} attempts {reader.GetValue(1)} at {reader.GetValue(2)} owner {reader.GetValue(3)}");
        }

        await using var refused = new NpgsqlCommand("select count(*) from mt_doc_refusedfactbatch", connection);
        parts.Add($"refused: {await refused.ExecuteScalarAsync()}");
        return string.Join(", ", parts);
    }

    [Fact]
    public async Task A_peers_new_key_is_trusted_once_registered_and_the_old_one_keeps_verifying()
    {
        // DE's node rotated: its new key signs from now on. Until this node's administrator registers it, it is unknown here.
        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = $"DE-2-{ExchangeHost.Run}";
        var number = NewNumber();
        var (signed, _) = node.Batch("DE", number, 1, ExchangeHost.Genesis, [Filed(number)], signWith: newKey, kid: kid);
        await node.ReceiveAsync(signed);
        Assert.Equal(0, await StreamLengthAsync(number));

        var published = await node.Anonymous().GetFromJsonAsync<JsonObject>("/api/exchange/keys");
        Assert.Equal(ExchangeHost.Node, published!["node"]!.GetValue<string>());
        Assert.Contains(published["keys"]!.AsArray(), k => k!["kid"]!.GetValue<string>() == node.KidOf("NL") && !k.ToJsonString().Contains("PRIVATE"));

        var registered = await node.Admin().PostAsJsonAsync("/api/exchange/keys", new { state = "DE", kid, publicKeyPem = newKey.ExportSubjectPublicKeyInfoPem() });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        // The same batch, sent again by DE's node after the registration: applied (the first copy was refused, not applied).
        await node.ReceiveAsync(signed);
        Assert.Equal(1, await StreamLengthAsync(number));

        // The old key still verifies what it signs.
        var other = NewNumber();
        var (old, _) = node.Batch("DE", other, 1, ExchangeHost.Genesis, [Filed(other)]);
        await node.ReceiveAsync(old);
        Assert.Equal(1, await StreamLengthAsync(other));

        // A second registration of the same kid is refused; so is a key for a state no peer serves.
        var again = await node.Admin().PostAsJsonAsync("/api/exchange/keys", new { state = "DE", kid, publicKeyPem = newKey.ExportSubjectPublicKeyInfoPem() });
        await again.ShouldBeRefused(HttpStatusCode.Conflict, "key-exists");
        var stranger = await node.Admin().PostAsJsonAsync("/api/exchange/keys", new { state = "FR", kid = $"FR-{ExchangeHost.Run}", publicKeyPem = newKey.ExportSubjectPublicKeyInfoPem() });
        await stranger.ShouldBeRefused(HttpStatusCode.Conflict, "key-state-not-a-peer");
    }

    [Fact]
    public async Task A_batch_that_cannot_be_read_here_becomes_a_dead_letter_that_an_operator_replays()
    {
        // A genuine, signed batch whose fact this node cannot read (a newer node's format, say): not a refusal, which
        // would be final, but a failure: retried, then kept as a dead letter to replay once this node is upgraded.
        var number = NewNumber();
        var (good, _) = node.Batch("DE", number, 1, ExchangeHost.Genesis, [Filed(number)]);
        // Chained and signed as DE's node would (the hash covers the facts as sent): only the reading fails here.
        var body = JsonNode.Parse(good.Body)!;
        body["facts"]![0]!["data"]!["particulars"]!["totalQuantity"] = "a hundred";
        var factsJson = body["facts"]!.ToJsonString(FactBatch.Json);
        body["hash"] = WasteMovements.Domain.Exchange.ExchangeChain.Hash(ExchangeHost.Genesis, number, "DE", 1, factsJson);
        var unreadable = body.ToJsonString(FactBatch.Json);
        Assert.Equal(factsJson, FactBatch.Parse(unreadable).FactsJson);
        var message = ExchangeHost.Sign(unreadable, node.DeKey, node.KidOf("DE"));

        await using (var scope = node.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().EndpointFor(ExchangeSetup.QueueUri(ExchangeHost.Node)).SendAsync(message);
        }

        var admin = node.Admin();
        JsonArray letters = [];
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            letters = (await admin.GetFromJsonAsync<JsonArray>("/api/exchange/dead-letters"))!;
            if (letters.Any(l => l!["messageType"]!.GetValue<string>().Contains("fact-batch"))) break;
            await Task.Delay(200);
        }

        var letter = letters.SingleOrDefault(l => l!["messageType"]!.GetValue<string>().Contains("fact-batch"));
        Assert.True(letter is not null, $"no dead letter: {letters.ToJsonString()}; {await TablesAsync()}");
        Assert.Equal(0, await StreamLengthAsync(number));
        Assert.Equal(typeof(UnreadableFactException).FullName, letter!["exceptionType"]!.GetValue<string>());

        var replay = await admin.PostAsJsonAsync("/api/exchange/dead-letters/replay", new { ids = new[] { letter!["id"]!.GetValue<Guid>() } });
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<JsonObject>())!["marked"]!.GetValue<int>());

        var empty = await admin.PostAsJsonAsync("/api/exchange/dead-letters/replay", new { ids = Array.Empty<Guid>() });
        await empty.ShouldBeProblem(HttpStatusCode.BadRequest);
    }
}
