using System.Text;
using RabbitMQ.Client;
using WasteMovements.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WasteMovements.Api.Tests.Reliability;

/// <summary>
/// The restart the exchange's fault tests use (Infrastructure/Broker.cs, eng/rabbitmq.sh restart): it really ends the
/// broker a client was connected to, and what a durable queue held (a persistent message) is there afterwards, as the
/// exchange relies on for a fact batch in flight (docs/operations.md, "Broker"). On a broker of the test's own, so that
/// the tests on the shared broker, which run in parallel, see no outage.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class BrokerRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_restart_closes_the_connections_of_before_and_a_persistent_message_in_a_durable_queue_survives_it()
    {
        await using var broker = await Broker.StartPrivateAsync();
        var factory = new ConnectionFactory
        {
            Uri = new Uri(broker.Uri),
            // The connection of before must stay dead, to show that the broker it talked to went away.
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
        };
        var queue = $"wm.test.broker-restart.{Guid.NewGuid():N}";
        var body = Encoding.UTF8.GetBytes($"a fact batch in flight {Guid.NewGuid():N}");

        await using var before = await factory.CreateConnectionAsync("before the restart");
        await using (var channel = await before.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            // With confirms: returns once the broker has taken the message (written to disk for a persistent one).
            await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true }, body);
        }

        Assert.True(before.IsOpen);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await broker.RestartAsync();
        output.WriteLine($"eng/rabbitmq.sh restart took {watch.Elapsed.TotalSeconds:0.0} s");

        // The connection of before was closed by the broker's shutdown (not by this client).
        var closedDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (before.IsOpen && DateTime.UtcNow < closedDeadline) await Task.Delay(50);
        Assert.False(before.IsOpen, "the connection opened before the restart is still open: the broker did not restart");
        Assert.NotNull(before.CloseReason);
        output.WriteLine($"connection of before: {before.CloseReason}");
        Assert.NotEqual(ShutdownInitiator.Application, before.CloseReason!.Initiator);

        // A new connection works, and the restarted broker recovered the durable queue and its persistent message.
        await using var after = await factory.CreateConnectionAsync("after the restart");
        await using var reader = await after.CreateChannelAsync();
        var got = await reader.BasicGetAsync(queue, autoAck: true);
        Assert.NotNull(got);
        Assert.Equal(body, got!.Body.ToArray());
        Assert.True(got.BasicProperties.Persistent);
        await reader.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
    }

    [Fact]
    public async Task A_stopped_broker_refuses_connections_and_a_started_one_accepts_them_again()
    {
        await using var broker = await Broker.StartPrivateAsync();
        var factory = new ConnectionFactory { Uri = new Uri(broker.Uri), AutomaticRecoveryEnabled = false };
        await broker.StopAsync();
        Assert.False(await broker.AnswersAsync());
        await Assert.ThrowsAnyAsync<Exception>(async () => await factory.CreateConnectionAsync("while stopped"));

        await broker.StartAsync();
        await using var connection = await factory.CreateConnectionAsync("after the start");
        Assert.True(connection.IsOpen);
    }
}
