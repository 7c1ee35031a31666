using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Wolverine;
using WasteMovements.Api.Deadlines;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Pipeline;
using WasteMovements.Domain;
using WasteMovements.Domain.Exchange;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Exchange;

/// <summary>What became of a received batch.</summary>
public enum Receipt { Applied, Held, Refused }

/// <summary>
/// Receives a batch from another node (docs/exchange.md, "Receiving"): checks the signature against the trust store, the
/// place in the origin's chain and what the batch depends on, whether this node is concerned and whether the origin may
/// decide those facts (FactOrigins), then appends the same facts to this node's copy of the streams with their origin in
/// the events' headers, in the handler's transaction (Wolverine's durable inbox marks the message handled in it). A
/// refused batch appends nothing and is recorded as a <see cref="RefusedFactBatch"/>.
/// </summary>
public sealed class FactReceiver(IDocumentSession session, IMessageBus bus, TimeProvider clock, ExchangeTopology topology, ILogger logger)
{
    public const string OriginNodeHeader = "wm.origin.node";
    public const string OriginStateHeader = "wm.origin.state";
    public const string OriginSeqHeader = "wm.origin.seq";
    public const string OriginHashHeader = "wm.origin.hash";
    public const string OriginMessageHeader = "wm.origin.message";

    private static readonly IReadOnlyDictionary<string, Type> FactTypes =
        StreamEventTypes.Notification.Concat(StreamEventTypes.Shipment).ToDictionary(t => t.Name, StringComparer.Ordinal);

    public async Task<Receipt> ReceiveAsync(SignedFactBatch message, Guid? messageId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(message.Kid) || string.IsNullOrEmpty(message.Signature) || string.IsNullOrEmpty(message.Body))
            return Refuse("exchange-unsigned", "The batch carries no key id or no signature.", message, null, messageId);

        var key = await session.LoadAsync<AuthorityKey>(message.Kid, ct);
        if (key is null) return Refuse("exchange-unknown-key", $"No key {message.Kid} is known here.", message, null, messageId);
        if (key.Status == AuthorityKeyStatus.Revoked)
            return Refuse("exchange-key-revoked", $"Key {key.Id} of {key.State} was revoked here on {key.RevokedAt:u}.", message, null, messageId);
        if (!ExchangeKeys.Verify(key.PublicKeyPem, message.Body, message.Signature))
            return Refuse("exchange-bad-signature", $"The signature does not verify with key {key.Id} of {key.State}: the batch was altered or signed with another key.", message, null, messageId);

        FactBatch batch;
        List<ExchangedFact> facts;
        try
        {
            batch = FactBatch.Parse(message.Body);
            facts = batch.Facts.Deserialize<List<ExchangedFact>>(FactBatch.Json) ?? [];
        }
        catch (JsonException e)
        {
            return Refuse("exchange-malformed", $"The signed body is not a fact batch: {e.Message}", message, null, messageId);
        }

        if (key.State != batch.OriginState)
            return Refuse("exchange-key-state-mismatch", $"Key {key.Id} is {key.State}'s, but the batch claims to be {batch.OriginState}'s.", message, batch, messageId);
        if (topology.States.Contains(batch.OriginState) || topology.NodeOf(batch.OriginState) is { } node && node != batch.OriginNode)
            return Refuse("exchange-origin-not-entitled", $"{batch.OriginState} is not served by node {batch.OriginNode}.", message, batch, messageId);
        if (facts.Count == 0 || facts.Any(f => !FactTypes.ContainsKey(f.Type) || !BelongsTo(f, batch.Notification)))
            return Refuse("exchange-malformed", "The batch names a fact this system does not know, or a stream of another notification.", message, batch, messageId);

        // The origin's chain on this notification: the next batch, one already applied, one early, or a broken link.
        var cursorKey = ExchangeCursor.Key(batch.Notification, batch.OriginState);
        // Every origin's cursor on this notification in one query: this origin's place, and what the batch depends on.
        var all = await session.Query<ExchangeCursor>().Where(c => c.Notification == batch.Notification).ToListAsync(ct);
        var cursor = all.FirstOrDefault(c => c.Id == cursorKey)
                     ?? new ExchangeCursor { Id = cursorKey, Notification = batch.Notification, OriginState = batch.OriginState };
        var place = ExchangeChain.Place(cursor.Seq, cursor.Hash, batch.Seq, batch.Previous, batch.Hash,
            ExchangeChain.Hash(batch.Previous, batch.Notification, batch.OriginState, batch.Seq, batch.FactsJson));
        switch (place)
        {
            case BatchPlace.Broken:
                return Refuse("exchange-chain-broken", $"Batch {batch.Seq} of {batch.OriginState} does not follow batch {cursor.Seq} held here, or its hash is not its content's.", message, batch, messageId);
            case BatchPlace.AlreadyApplied:
                var applied = await session.LoadAsync<ExchangeRecord>(ExchangeRecord.Key(batch.Notification, batch.OriginState, batch.Seq), ct);
                return Refuse("exchange-replayed", applied?.Hash == batch.Hash
                    ? $"Batch {batch.Seq} of {batch.OriginState} on {batch.Notification} was applied already (an identical copy: a redelivery or a replay)."
                    : $"Batch {batch.Seq} of {batch.OriginState} on {batch.Notification} was applied already with other content.", message, batch, messageId);
        }

        var cursors = all.ToDictionary(c => c.OriginState, c => c.Seq);
        if (place == BatchPlace.Early || !Ready(batch, cursors)) return await HoldAsync(message, batch, ct);

        var events = facts.Select(f => Deserialize(f)).ToList();
        var filed = events[0] as NotificationFiled;
        IEventStream<NotificationState>? notificationStream = null;
        NotificationState? before = null;
        if (filed is not null)
        {
            // The filing starts this node's copy; a copy that exists already was not made by this origin's chain.
            if (await session.Events.FetchStreamStateAsync(batch.Notification, ct) is not null)
                return Refuse("exchange-chain-broken", $"{batch.Notification} exists here already; a filing cannot start it again.", message, batch, messageId);
        }
        else
        {
            // The copy of the file, locked like every write on it (Pipeline/StreamLoader.cs).
            notificationStream = (await StreamLoader.ExclusiveAsync<NotificationState>(session, [batch.Notification], ct))[0];
            before = notificationStream.Aggregate;
            if (before is null) return await HoldAsync(message, batch, ct);
        }

        var concerned = before?.StatesConcerned ?? filed!.Authorities.Select(a => a.State).ToArray();
        if (!concerned.Any(topology.States.Contains))
            return Refuse("exchange-not-concerned", $"{batch.Notification} concerns {string.Join(", ", concerned)}; none is served by node {topology.Node}.", message, batch, messageId);

        // A state that no node serves has its facts recorded by the node of the state of export (docs/exchange.md).
        var export = before?.StateOfExport ?? filed!.Particulars.StateOfExport;
        var entitled = FactOrigins.OriginOf(events, before) ?? export;
        var actingFor = topology.NodeOf(entitled) is null && batch.OriginState == export ? entitled : batch.OriginState;
        if (FactOrigins.Check(actingFor, events, before) is { } refusal)
            return Refuse(refusal.Rule, refusal.Detail, message, batch, messageId);

        await AppendAsync(batch, facts, events, notificationStream, before, messageId, ct);
        session.Store(cursor with { Seq = batch.Seq, Hash = batch.Hash });
        session.Store(new ExchangeRecord
        {
            Id = ExchangeRecord.Key(batch.Notification, batch.OriginState, batch.Seq), Notification = batch.Notification, OriginState = batch.OriginState,
            OriginNode = batch.OriginNode, Seq = batch.Seq, Hash = batch.Hash, Body = message.Body, Kid = message.Kid, Signature = message.Signature,
            Direction = "received", At = clock.GetUtcNow(),
        });
        cursors[batch.OriginState] = batch.Seq;
        await ReleaseHeldAsync(batch.Notification, cursors, ct);
        logger.LogInformation("Exchange: applied batch {Seq} of {Origin} on {Notification} ({Count} facts)", batch.Seq, batch.OriginState, batch.Notification, events.Count);
        return Receipt.Applied;
    }

    /// <summary>Whether every batch of other origins that the decision was taken on has been applied here.</summary>
    private static bool Ready(FactBatch batch, IReadOnlyDictionary<string, long> cursors) =>
        batch.Known.All(k => (cursors.TryGetValue(k.Key, out var seq) ? seq : 0) >= k.Value);

    private static bool BelongsTo(ExchangedFact fact, string notification) =>
        fact.Stream == notification || fact.Stream.StartsWith(notification + "-", StringComparison.Ordinal) && StreamEventTypes.For(fact.Stream) == StreamEventTypes.Shipment;

    private object Deserialize(ExchangedFact fact)
    {
        var serializer = ((StoreOptions)session.DocumentStore.Options).Serializer();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(fact.Data.GetRawText()));
        try
        {
            return serializer.FromJson(FactTypes[fact.Type], stream);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new UnreadableFactException(fact.Type, e);
        }
    }

    private async Task AppendAsync(FactBatch batch, List<ExchangedFact> facts, List<object> events, IEventStream<NotificationState>? notificationStream,
        NotificationState? before, Guid? messageId, CancellationToken ct)
    {
        session.LastModifiedBy = $"exchange:{batch.OriginNode}";
        session.CorrelationId = messageId?.ToString();
        session.CausationId = $"{batch.Notification}|{batch.OriginState}|{batch.Seq}";
        var own = new List<object>();
        var shipments = new Dictionary<string, List<object>>(StringComparer.Ordinal);
        for (var i = 0; i < facts.Count; i++)
        {
            if (facts[i].Stream == batch.Notification) own.Add(events[i]);
            else if (shipments.TryGetValue(facts[i].Stream, out var list)) list.Add(events[i]);
            else shipments[facts[i].Stream] = [events[i]];
        }

        if (own.Count > 0)
        {
            if (notificationStream is null) session.Events.StartStream<NotificationState>(batch.Notification, own.ToArray());
            else notificationStream.AppendMany(own);
            var after = own.Aggregate(before, NotificationEvolution.Evolve)!;
            await DeadlineScheduler.ScheduleAsync(session, bus, clock, before, after, topology);
        }

        foreach (var (key, list) in shipments)
        {
            ShipmentState? shipmentBefore = null;
            if (list[0] is MovementDocumentIssued)
            {
                session.Events.StartStream<ShipmentState>(key, list.ToArray());
            }
            else
            {
                var stream = await session.Events.FetchForExclusiveWriting<ShipmentState>(key, ct);
                shipmentBefore = stream.Aggregate;
                stream.AppendMany(list);
            }

            var shipmentAfter = list.Aggregate(shipmentBefore, ShipmentEvolution.Evolve)!;
            await DeadlineScheduler.ScheduleAsync(session, bus, clock, shipmentBefore, shipmentAfter, topology);
        }

        // Each received fact carries its origin (docs/exchange.md, "A received fact"); the audit chain then links it here.
        var ours = new HashSet<object>(events, ReferenceEqualityComparer.Instance);
        foreach (var action in session.PendingChanges.Streams())
        {
            foreach (var e in action.Events.Where(e => ours.Contains(e.Data)))
            {
                e.Headers = e.Headers is null ? new Dictionary<string, object>() : new Dictionary<string, object>(e.Headers);
                e.Headers[EventMetadataMiddleware.AuthorityHeader] = $"authority:{batch.OriginState}";
                e.Headers[EventMetadataMiddleware.RoleHeader] = batch.Role;
                e.Headers[OriginNodeHeader] = batch.OriginNode;
                e.Headers[OriginStateHeader] = batch.OriginState;
                e.Headers[OriginSeqHeader] = batch.Seq;
                e.Headers[OriginHashHeader] = batch.Hash;
                if (messageId is { } id) e.Headers[OriginMessageHeader] = id.ToString();
            }
        }
    }

    private async Task<Receipt> HoldAsync(SignedFactBatch message, FactBatch batch, CancellationToken ct)
    {
        var id = ExchangeRecord.Key(batch.Notification, batch.OriginState, batch.Seq);
        if (await session.LoadAsync<HeldFactBatch>(id, ct) is null)
        {
            session.Store(new HeldFactBatch { Id = id, Notification = batch.Notification, OriginState = batch.OriginState, Seq = batch.Seq, Message = message, HeldAt = clock.GetUtcNow() });
        }

        logger.LogInformation("Exchange: holding batch {Seq} of {Origin} on {Notification} until what it follows arrives", batch.Seq, batch.OriginState, batch.Notification);
        return Receipt.Held;
    }

    /// <summary>Sends the held batches that can now follow back through this node's own queue, each to be received in a transaction of its own.</summary>
    private async Task ReleaseHeldAsync(string notification, IReadOnlyDictionary<string, long> cursors, CancellationToken ct)
    {
        foreach (var held in await session.Query<HeldFactBatch>().Where(h => h.Notification == notification).ToListAsync(ct))
        {
            var batch = FactBatch.Parse(held.Message.Body);
            if (batch.Seq != (cursors.TryGetValue(batch.OriginState, out var s) ? s : 0) + 1 || !Ready(batch, cursors)) continue;
            session.Delete(held);
            await bus.EndpointFor(ExchangeSetup.QueueUri(topology.Node!)).SendAsync(held.Message);
        }
    }

    private Receipt Refuse(string rule, string reason, SignedFactBatch message, FactBatch? batch, Guid? messageId)
    {
        // Only the refusal is stored: every fact of the batch stays out of the store.
        var refused = new RefusedFactBatch
        {
            Id = Guid.NewGuid(), Rule = rule, Reason = reason, Kid = message.Kid, ClaimedOrigin = batch?.OriginState, Notification = batch?.Notification,
            Seq = batch?.Seq, MessageId = messageId, At = clock.GetUtcNow(),
            BodySha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message.Body ?? ""))),
        };
        session.Store(refused);
        logger.LogWarning("Exchange: refused a batch ({Rule}): {Reason} [kid {Kid}, message {MessageId}]", rule, reason, message.Kid, messageId);
        return Receipt.Refused;
    }
}

/// <summary>
/// A genuine batch with a fact this node cannot read (another version of the message set): not refused, which would be
/// final, but dead-lettered at once, to be replayed when this node reads that version (docs/operations.md).
/// </summary>
public sealed class UnreadableFactException(string type, Exception inner)
    : Exception($"The {type} of the batch cannot be read by this node: {inner.Message}", inner);
