using JasperFx.Core;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Configuration;
using Wolverine.RabbitMQ;
using Wolverine.RabbitMQ.Internal;

namespace WasteMovements.Api.Exchange;

/// <summary>The exchange's services, documents and broker (docs/exchange.md); nothing of it is active without <c>Exchange:Node</c>.</summary>
public static class ExchangeSetup
{
    public static Uri QueueUri(string node) => new($"rabbitmq://queue/{ExchangeTopology.QueueOf(node)}");

    public static void AddWasteMovementsExchange(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Exchange").Get<ExchangeOptions>() ?? new ExchangeOptions();
        var topology = new ExchangeTopology(options);
        builder.Services.Configure<ExchangeOptions>(builder.Configuration.GetSection("Exchange"));
        builder.Services.AddSingleton(topology);
        builder.Services.AddSingleton<ExchangeKeys>();
        builder.Services.AddSingleton<FactExchange>();
        // First of the hosted services, before Wolverine's listeners start: a batch already waiting in this node's queue
        // at start-up must find the peers' keys stored, or it is refused (exchange-unknown-key) and lost to this node.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, AuthorityKeySeeder>());
    }

    /// <summary>The exchange's documents in the store (keys, cursors, copies, held and refused batches).</summary>
    public static void Configure(StoreOptions store)
    {
        store.Schema.For<ExchangeCursor>().Duplicate(x => x.Notification);
        store.Schema.For<ExchangeRecord>().Duplicate(x => x.Notification);
        store.Schema.For<HeldFactBatch>().Duplicate(x => x.Notification);
        store.Schema.For<RefusedFactBatch>().Duplicate(x => x.At);
        store.Schema.For<AuthorityKey>();
    }

    /// <summary>
    /// The broker: this node listens on its own durable queue with a durable inbox (a message is stored in PostgreSQL
    /// before the broker is acknowledged), sends through the durable outbox to the peers' queues (declared here, so a
    /// message is never published to a queue that does not exist), and dead letters go to Wolverine's table in this node's
    /// database, not to a broker queue, so that the operator sees them with the node's other state.
    /// </summary>
    public static void Configure(WolverineOptions wolverine, IConfiguration configuration)
    {
        var options = configuration.GetSection("Exchange").Get<ExchangeOptions>() ?? new ExchangeOptions();
        var topology = new ExchangeTopology(options);
        if (!topology.Enabled)
        {
            // A single deployment: a batch can only come from a node; none is listened to, none is sent.
            return;
        }

        var broker = options.Broker ?? throw new InvalidOperationException("Exchange:Broker is not set (the RabbitMQ address of the exchange).");
        var rabbit = wolverine.UseRabbitMq(new Uri(broker)).AutoProvision().DisableDeadLetterQueueing();
        var transport = wolverine.Transports.GetOrCreate<RabbitMqTransport>();
        foreach (var peer in topology.Peers)
        {
            var queue = ExchangeTopology.QueueOf(peer.Node);
            rabbit.DeclareQueue(queue);
            // UseDurableOutboxOnAllSendingEndpoints (below) only reaches endpoints with a routing rule; the batches are sent
            // to a named peer (EndpointFor), so each peer's queue is made durable here. Without it the sender was Wolverine's
            // inline agent: a batch committed while the broker restarted was retried in memory only and never arrived.
            transport.Queues[queue].Mode = EndpointMode.Durable;
        }

        wolverine.ListenToRabbitQueue(ExchangeTopology.QueueOf(topology.Node!))
            .UseDurableInbox()
            // One batch at a time, in the order received: the chain order is checked anyway (held batches).
            .ListenerCount(1).Sequential();
        wolverine.Policies.UseDurableOutboxOnAllSendingEndpoints();

        // A fact this node cannot read: retrying will not help; the operator replays it after an upgrade.
        wolverine.Policies.OnException<UnreadableFactException>().MoveToErrorQueue();
        // A database or broker hiccup: retried with back-off; after that the message is a dead letter an operator replays.
        wolverine.Policies.OnException<NpgsqlException>().Or<TimeoutException>().Or<Marten.Exceptions.MartenCommandException>()
            .RetryWithCooldown(50.Milliseconds(), 250.Milliseconds(), 1.Seconds())
            .Then.ScheduleRetry(5.Seconds(), 30.Seconds(), 2.Minutes())
            .Then.MoveToErrorQueue();
        wolverine.Policies.OnAnyException().RetryTimes(2).Then.MoveToErrorQueue();
    }
}
