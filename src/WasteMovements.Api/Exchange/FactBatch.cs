using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using System.Text.Json.Serialization;
using Wolverine.Attributes;

namespace WasteMovements.Api.Exchange;

/// <summary>
/// The one message between nodes: a step's facts, signed by the deciding authority's key. <see cref="Body"/> is the exact
/// UTF-8 JSON that was signed (a <see cref="FactBatch"/>), so nothing is re-serialised before the signature is checked.
/// </summary>
[MessageIdentity("wm.exchange.fact-batch.v1")]
public sealed record SignedFactBatch(string Body, string Kid, string Signature);

/// <summary>
/// What a step decided, as its origin sends it (docs/exchange.md, "The message"): the facts of one decision in order,
/// each under its procedure name (NotificationFiled, ConsentGranted, ShipmentReceived, ...) with the stream it belongs
/// to, numbered <see cref="Seq"/> in the origin state's chain on the notification.
/// </summary>
public sealed record FactBatch
{
    public required string Notification { get; init; }
    public required string OriginNode { get; init; }
    /// <summary>The authority that decided and signed: its facts are the ones it may decide (FactOrigins).</summary>
    public required string OriginState { get; init; }
    public required long Seq { get; init; }
    public required string Previous { get; init; }
    public required string Hash { get; init; }
    public required DateTimeOffset DecidedAt { get; init; }
    /// <summary>The role of who decided (authority, facility, system for a deadline); the person stays at the origin (GDPR).</summary>
    public required string Role { get; init; }
    public required JsonElement Facts { get; init; }
    /// <summary>
    /// The other origins' batches this decision was taken on (state -> last seq applied at the origin): a receiver
    /// applies the batch only after those, so every node passes through the states the deciding authority saw.
    /// </summary>
    public required Dictionary<string, long> Known { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>
    /// The one way a batch is written (by the deciding node, and by the tests that play a peer): each fact under its
    /// procedure name with the stream it belongs to and its data as the event store serialises it; the hash chains the
    /// facts exactly as they stand in the body, which is what the origin signs.
    /// </summary>
    public static (string Body, string Hash) Compose(ISerializer serializer, string notification, string originNode, string originState, long seq,
        string previous, IReadOnlyList<object> facts, string role, DateTimeOffset decidedAt, Dictionary<string, long> known)
    {
        var array = new JsonArray();
        foreach (var f in facts)
        {
            array.Add(new JsonObject
            {
                ["stream"] = Domain.StreamEventTypes.StreamOf(f, notification),
                ["type"] = f.GetType().Name,
                ["data"] = JsonNode.Parse(serializer.ToJson(f)),
            });
        }

        var factsJson = array.ToJsonString(Json);
        var hash = Domain.Exchange.ExchangeChain.Hash(previous, notification, originState, seq, factsJson);
        using var factsDoc = JsonDocument.Parse(factsJson);
        var batch = new FactBatch
        {
            Notification = notification, OriginNode = originNode, OriginState = originState, Seq = seq, Previous = previous, Hash = hash,
            DecidedAt = decidedAt, Role = role, Facts = factsDoc.RootElement.Clone(), Known = known,
        };
        var body = JsonSerializer.Serialize(batch, Json);
        // The chain hashes the facts as they stand in the signed body; writing them again must not change a byte.
        if (Parse(body).FactsJson != factsJson) throw new InvalidOperationException("The facts of a batch changed when written into its body.");
        return (body, hash);
    }

    public static FactBatch Parse(string body) =>
        JsonSerializer.Deserialize<FactBatch>(body, Json) ?? throw new JsonException("empty batch");

    /// <summary>The facts exactly as they were sent: what the chain hashes.</summary>
    public string FactsJson => Facts.GetRawText();
}

/// <summary>One fact of a batch.</summary>
public sealed record ExchangedFact(string Stream, string Type, JsonElement Data);

/// <summary>The last batch of an origin state on a notification known at this node (sent from here, or applied here).</summary>
public sealed record ExchangeCursor
{
    /// <summary>"{notification}|{originState}".</summary>
    public required string Id { get; init; }
    public required string Notification { get; init; }
    public required string OriginState { get; init; }
    public long Seq { get; init; }
    public string Hash { get; init; } = Domain.Exchange.ExchangeChain.Genesis;

    public static string Key(string notification, string originState) => $"{notification}|{originState}";
}

/// <summary>
/// A batch as sent or applied at this node, kept with its signature: the copy a proof is computed from
/// (<c>GET /api/exchange/notifications/{number}/proof</c>) and what an auditor can show to the origin.
/// </summary>
public sealed record ExchangeRecord
{
    /// <summary>"{notification}|{originState}|{seq}".</summary>
    public required string Id { get; init; }
    public required string Notification { get; init; }
    public required string OriginState { get; init; }
    public required string OriginNode { get; init; }
    public required long Seq { get; init; }
    public required string Hash { get; init; }
    public required string Body { get; init; }
    public required string Kid { get; init; }
    public required string Signature { get; init; }
    /// <summary>"sent" or "received".</summary>
    public required string Direction { get; init; }
    public required DateTimeOffset At { get; init; }

    public static string Key(string notification, string originState, long seq) => $"{notification}|{originState}|{seq}";
}

/// <summary>A batch that arrived before an earlier one of its origin (seq beyond the next): applied when the gap is filled.</summary>
public sealed record HeldFactBatch
{
    public required string Id { get; init; }
    public required string Notification { get; init; }
    public required string OriginState { get; init; }
    public required long Seq { get; init; }
    public required SignedFactBatch Message { get; init; }
    public required DateTimeOffset HeldAt { get; init; }
}

/// <summary>A batch this node refused, with the rule (docs/exchange.md, "Refusals"). Nothing of it was appended.</summary>
public sealed record RefusedFactBatch
{
    public required Guid Id { get; init; }
    public required string Rule { get; init; }
    public required string Reason { get; init; }
    public string? Kid { get; init; }
    public string? ClaimedOrigin { get; init; }
    public string? Notification { get; init; }
    public long? Seq { get; init; }
    public Guid? MessageId { get; init; }
    public required string BodySha256 { get; init; }
    public required DateTimeOffset At { get; init; }
}
