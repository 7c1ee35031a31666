using Marten;
using Wolverine;

namespace WasteMovements.Api.Exchange;

/// <summary>
/// The handler of this node's queue (<c>wm.node.&lt;NODE&gt;</c>): one batch per transaction, in the durable inbox
/// (docs/exchange.md). Failures are retried, then dead-lettered where an operator sees and replays them
/// (<c>GET /api/exchange/dead-letters</c>); a refusal is not a failure: it is recorded and the message is done.
/// </summary>
public static class ReceiveFactBatchHandler
{
    // Returns nothing: a handler's return value would be sent on as a message (Wolverine's cascading messages).
    public static async Task Handle(SignedFactBatch message, Envelope envelope, IDocumentSession session, IMessageBus bus, TimeProvider clock,
        ExchangeTopology topology, ILogger<FactReceiver> logger, CancellationToken ct) =>
        await new FactReceiver(session, bus, clock, topology, logger).ReceiveAsync(message, envelope.Id, ct);
}
