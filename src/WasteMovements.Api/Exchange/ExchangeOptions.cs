using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Exchange;

/// <summary>
/// Configuration section <c>Exchange</c> (docs/exchange.md, docs/operations.md "Joining the exchange"). Without a
/// <see cref="Node"/> this deployment exchanges nothing: every authority signs in here, as before the exchange existed.
/// </summary>
public sealed class ExchangeOptions
{
    /// <summary>This node's name (e.g. "DE"); its queue on the broker is <c>wm.node.DE</c>.</summary>
    public string? Node { get; set; }
    /// <summary>The states whose competent authorities sign in at this node.</summary>
    public List<string> States { get; set; } = [];
    /// <summary>The broker (RabbitMQ), e.g. amqp://guest:guest@127.0.0.1:55672/.</summary>
    public string? Broker { get; set; }
    /// <summary>This node's signing keys, one or more per state served (the active one signs; the others are published as retired).</summary>
    public List<SigningKeyOptions> SigningKeys { get; set; } = [];
    public List<PeerOptions> Peers { get; set; } = [];
}

public sealed class SigningKeyOptions
{
    public string State { get; set; } = "";
    public string Kid { get; set; } = "";
    public string? PrivateKeyPem { get; set; }
    public string? PrivateKeyFile { get; set; }
    public bool Active { get; set; } = true;
}

public sealed class PeerOptions
{
    public string Node { get; set; } = "";
    public List<string> States { get; set; } = [];
    public List<PeerKeyOptions> Keys { get; set; } = [];
}

public sealed class PeerKeyOptions
{
    public string State { get; set; } = "";
    public string Kid { get; set; } = "";
    public string? PublicKeyPem { get; set; }
    public string? PublicKeyFile { get; set; }
}

/// <summary>Which node serves which state, read from <see cref="ExchangeOptions"/>.</summary>
public sealed class ExchangeTopology
{
    private readonly Dictionary<string, string> _nodeOfState = new(StringComparer.OrdinalIgnoreCase);

    public ExchangeTopology(ExchangeOptions options)
    {
        Node = string.IsNullOrWhiteSpace(options.Node) ? null : options.Node.Trim().ToUpperInvariant();
        States = options.States.Select(s => s.Trim().ToUpperInvariant()).ToHashSet();
        Peers = options.Peers.Select(p => new Peer(p.Node.Trim().ToUpperInvariant(), p.States.Select(s => s.Trim().ToUpperInvariant()).ToArray())).ToArray();
        if (Node is null) return;
        foreach (var s in States) _nodeOfState[s] = Node;
        foreach (var peer in Peers)
        {
            foreach (var s in peer.States)
            {
                if (!_nodeOfState.TryAdd(s, peer.Node))
                    throw new InvalidOperationException($"Exchange: state {s} is configured for both node {_nodeOfState[s]} and node {peer.Node}.");
            }
        }
    }

    /// <summary>Whether this deployment exchanges with others at all.</summary>
    public bool Enabled => Node is not null;
    public string? Node { get; }
    public IReadOnlySet<string> States { get; }
    public IReadOnlyList<Peer> Peers { get; }

    public static string QueueOf(string node) => $"wm.node.{node}";

    /// <summary>The node that serves a state; null for a state no node serves (a third country on paper).</summary>
    public string? NodeOf(string state) => _nodeOfState.TryGetValue(state, out var n) ? n : null;

    public bool ServesHere(string state) => !Enabled || States.Contains(state);

    public bool ServedByPeer(string state) => Enabled && NodeOf(state) is { } n && n != Node;

    /// <summary>
    /// The state whose node records and signs a fact entitled to <paramref name="state"/>: that state's own node, or, for a
    /// state that no node serves, the node of the state of export (it records what reaches it on paper).
    /// </summary>
    public string RecordingState(string state, string stateOfExport) => NodeOf(state) is null ? stateOfExport : state;

    /// <summary>The peer nodes concerned by a notification: those serving a state it concerns.</summary>
    public IReadOnlyList<string> PeersConcerned(NotificationState notification) =>
        notification.StatesConcerned.Select(NodeOf).OfType<string>().Where(n => n != Node).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>Whether any state of the notification is served here.</summary>
    public bool Concerned(NotificationState notification) => !Enabled || notification.StatesConcerned.Any(States.Contains);

    /// <summary>
    /// Whether this node schedules a deadline: one of a state's own (its decision period: tacit consent, Basel Art. 6(4))
    /// at that state's recording node, one without a state (consent validity, the shipments' deadlines) at the node of
    /// the state of export. So each deadline fires at exactly one node.
    /// </summary>
    public bool FiresHere(string? deadlineState, string stateOfExport) =>
        !Enabled || States.Contains(RecordingState(deadlineState ?? stateOfExport, stateOfExport));

    public sealed record Peer(string Node, IReadOnlyList<string> States);
}
