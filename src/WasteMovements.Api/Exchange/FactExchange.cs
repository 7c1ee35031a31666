using Marten;
using Wolverine;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Exchange;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Exchange;

/// <summary>
/// The exchange's side of the write pipeline (Pipeline/EventWriter.cs): before a decision is staged, whether this node
/// may record it; after, the signed batch for every peer node concerned, through Wolverine's durable outbox, so it is sent
/// if and only if the step's transaction commits (docs/exchange.md).
/// </summary>
public sealed class FactExchange(ExchangeTopology topology, ExchangeKeys keys)
{
    public const string ServedByAnotherNode = "served-by-another-node";

    public bool Enabled => topology.Enabled;
    public ExchangeTopology Topology => topology;

    /// <summary>
    /// The state that records this decision here and signs it: the state entitled to its facts, or, for a state no node
    /// serves, the state of export. A refusal when that state signs in at another node: an authority acts only at its own
    /// node, and a copy of another state's file here cannot decide for it (Basel Art. 6(2)-(4): each state decides its own part).
    /// </summary>
    public (string? State, Refusal? Refusal) RecordingState(NotificationState? before, IReadOnlyList<object> facts)
    {
        if (!topology.Enabled) return (null, null);
        var exchanged = Exchanged(facts);
        if (exchanged.Count == 0) return (null, null);
        var export = before?.StateOfExport ?? exchanged.OfType<NotificationFiled>().Select(f => f.Particulars.StateOfExport).FirstOrDefault() ?? "";
        var entitled = FactOrigins.OriginOf(exchanged, before) ?? export;
        var recording = topology.RecordingState(entitled, export);
        if (topology.States.Contains(recording))
        {
            // The peers check every batch with the same rule; one they would refuse must not leave this node, since a
            // refused batch stops its origin's chain there (docs/exchange.md, "Refusals").
            var actingFor = topology.NodeOf(entitled) is null && recording == export ? entitled : recording;
            return FactOrigins.Check(actingFor, exchanged, before) is { } refusal ? (null, refusal) : (recording, null);
        }

        var node = topology.NodeOf(recording);
        return (null, new Refusal(ServedByAnotherNode, "Basel Art. 6(2)-(4)",
            node is null
                ? $"{string.Join(", ", exchanged.Select(f => f.GetType().Name).Distinct())} is for {recording}, which no node serves and which is not the state of export recorded here."
                : $"{string.Join(", ", exchanged.Select(f => f.GetType().Name).Distinct())} is for {recording}, whose authority acts at node {node}, not at node {topology.Node}.",
            RefusalKind.NotPermitted));
    }

    /// <summary>The facts that cross to other nodes: all but those local to this node (an erasure of personal data, GDPR).</summary>
    public static IReadOnlyList<object> Exchanged(IReadOnlyList<object> facts) =>
        facts.Where(f => FactOrigins.SideOf(f.GetType()) != FactSide.Local).ToArray();

    /// <summary>
    /// Numbers the batch in the recording state's chain on the notification, signs it, keeps the copy sent, and sends it
    /// to each peer node concerned. Called inside the step's transaction, under the notification's lock (the cursor is safe).
    /// </summary>
    public async Task PublishAsync(IDocumentSession session, IMessageBus bus, string recordingState, NotificationState after,
        IReadOnlyList<object> facts, string number, string role, DateTimeOffset now, CancellationToken ct)
    {
        var exchanged = Exchanged(facts);
        if (exchanged.Count == 0) return;
        var cursorKey = ExchangeCursor.Key(number, recordingState);
        // Every origin's cursor on this notification in one query: this state's next seq, and the others' as 'known'.
        var all = await session.Query<ExchangeCursor>().Where(c => c.Notification == number).ToListAsync(ct);
        var cursor = all.FirstOrDefault(c => c.Id == cursorKey)
                     ?? new ExchangeCursor { Id = cursorKey, Notification = number, OriginState = recordingState };
        var known = all.Where(c => c.OriginState != recordingState).ToDictionary(c => c.OriginState, c => c.Seq);
        var seq = cursor.Seq + 1;
        var (body, hash) = FactBatch.Compose(((StoreOptions)session.DocumentStore.Options).Serializer(), number, topology.Node!, recordingState,
            seq, cursor.Hash, exchanged, role, now, known);
        var signed = await keys.SignAsync(session, recordingState, body, ct)
                     ?? throw new InvalidOperationException($"Exchange: no usable signing key for {recordingState} (revoked or not configured).");

        session.Store(cursor with { Seq = seq, Hash = hash });
        session.Store(new ExchangeRecord
        {
            Id = ExchangeRecord.Key(number, recordingState, seq), Notification = number, OriginState = recordingState, OriginNode = topology.Node!,
            Seq = seq, Hash = hash, Body = body, Kid = signed.Kid, Signature = signed.Signature, Direction = "sent", At = now,
        });
        var message = new SignedFactBatch(body, signed.Kid, signed.Signature);
        foreach (var peer in topology.PeersConcerned(after))
        {
            await bus.EndpointFor(ExchangeSetup.QueueUri(peer)).SendAsync(message);
        }
    }
}
