using System.Text;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace WasteMovements.Api.Tests.Infrastructure;

/// <summary>
/// A node's queue on the broker (<c>wm.node.&lt;NODE&gt;</c>, issue 17) seen from outside any node: the test reads a copy
/// of a real message there and publishes messages of its own in the same envelope format (Wolverine's RabbitMQ mapping:
/// message id and type in the AMQP properties, the message as JSON in the body), as a forger on the broker would.
/// </summary>
public sealed class NodeQueue : IAsyncDisposable
{
    private readonly IConnection _connection;
    private IChannel _channel;

    private NodeQueue(IConnection connection, IChannel channel, string queue)
    {
        _connection = connection;
        _channel = channel;
        Name = queue;
    }

    public string Name { get; }

    public static async Task<NodeQueue> OpenAsync(string brokerUri, string node)
    {
        var factory = new ConnectionFactory { Uri = new Uri(brokerUri) };
        var connection = await factory.CreateConnectionAsync();
        return new NodeQueue(connection, await connection.CreateChannelAsync(), $"wm.node.{node}");
    }

    /// <summary>
    /// Waits (bounded) for a message in the queue and returns a copy; the message itself goes back to the queue
    /// (nack with requeue), for its node to consume as if the test had never looked.
    /// </summary>
    public async Task<RawMessage> PeekAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (_channel.IsClosed) _channel = await _connection.CreateChannelAsync();
                if (await _channel.BasicGetAsync(Name, autoAck: false) is { } got)
                {
                    var message = RawMessage.From(got.BasicProperties, got.Body.ToArray());
                    await _channel.BasicNackAsync(got.DeliveryTag, multiple: false, requeue: true);
                    return message;
                }
            }
            catch (OperationInterruptedException)
            {
                // the queue is not declared yet (404 closes the channel)
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no message in {Name} within {timeout}");
            await Task.Delay(200);
        }
    }

    /// <summary>Publishes <paramref name="message"/> to the queue under a new message id; returns that id.</summary>
    public async Task<string> PublishAsync(RawMessage message)
    {
        if (_channel.IsClosed) _channel = await _connection.CreateChannelAsync();
        var id = Guid.NewGuid().ToString();
        var headers = new Dictionary<string, object?>();
        foreach (var (key, value) in message.Headers) headers[key] = key.Equals("id", StringComparison.OrdinalIgnoreCase) ? id : value;
        var properties = new BasicProperties
        {
            MessageId = id,
            Type = message.Type,
            ContentType = message.ContentType ?? "application/json",
            Persistent = true,
            Headers = headers,
        };
        await _channel.BasicPublishAsync("", Name, mandatory: false, properties, message.Body);
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

/// <summary>The signed batch carried by a message (the wire record <c>SignedFactBatch</c>).</summary>
public sealed record SignedBatch(string Body, string Kid, string Signature);

/// <summary>A message as it lay in the queue: AMQP type, content type, headers and body (the serialised <see cref="SignedBatch"/>).</summary>
public sealed record RawMessage(string? Type, string? ContentType, IReadOnlyDictionary<string, object?> Headers, byte[] Body)
{
    /// <summary>The batch inside, read whatever the property names' case (the serializer's choice).</summary>
    public SignedBatch Batch
    {
        get
        {
            var json = JsonNode.Parse(Body)!.AsObject();
            string Read(string name) => json.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value?.GetValue<string>() ?? "";
            return new SignedBatch(Read("body"), Read("kid"), Read("signature"));
        }
    }

    /// <summary>The same message with another body, kid and signature, in the same JSON shape.</summary>
    public RawMessage With(string body, string kid, string signature)
    {
        var json = JsonNode.Parse(Body)!.AsObject();
        foreach (var (name, value) in new[] { ("body", body), ("kid", kid), ("signature", signature) })
        {
            var key = json.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Key ?? name;
            json[key] = value;
        }

        return this with { Body = Encoding.UTF8.GetBytes(json.ToJsonString()) };
    }

    public static RawMessage From(IReadOnlyBasicProperties properties, byte[] body)
    {
        var headers = new Dictionary<string, object?>();
        foreach (var (key, value) in properties.Headers ?? new Dictionary<string, object?>()) headers[key] = value;
        return new RawMessage(properties.Type, properties.ContentType, headers, body);
    }
}
