using WasteMovements.Api.Exchange;
using WasteMovements.Domain.Notifications;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Exchange;

/// <summary>Which node serves which state, records which fact and fires which deadline (docs/exchange.md); no database.</summary>
public sealed class TopologyTests
{
    private static ExchangeTopology At(string node) => new(new ExchangeOptions
    {
        Node = node,
        States = [node],
        Peers = new[] { "DE", "BE", "NL" }.Where(n => n != node).Select(n => new PeerOptions { Node = n, States = [n] }).ToList(),
    });

    private static NotificationState DeToNlViaBeAndCh() =>
        NotificationEvolution.Create(Filing.Filed(Samples.Notification("DE", "NL", ["BE", "CH"]), "DE-2026-000001", Given.Registry, Given.Now));

    [Fact]
    public void Each_deadline_fires_at_exactly_one_node()
    {
        var nodes = new[] { At("DE"), At("BE"), At("NL") };
        // A state's own period at its node; CH has no node: its period fires where its facts are recorded, at the state of
        // export's node; deadlines without a state (consent validity, the shipments') at the state of export's node too.
        foreach (var (state, expected) in new (string?, string)[] { ("DE", "DE"), ("BE", "BE"), ("NL", "NL"), ("CH", "DE"), (null, "DE") })
        {
            var firing = nodes.Where(n => n.FiresHere(state, "DE")).Select(n => n.Node!).ToArray();
            Assert.Equal(new[] { expected }, firing);
        }
    }

    [Fact]
    public void A_notification_is_sent_to_the_nodes_of_the_states_it_concerns()
    {
        var notification = DeToNlViaBeAndCh();
        Assert.Equal(["BE", "NL"], At("DE").PeersConcerned(notification));
        Assert.Equal(["DE", "NL"], At("BE").PeersConcerned(notification));
        Assert.True(At("NL").Concerned(notification));
        Assert.False(new ExchangeTopology(new ExchangeOptions { Node = "FR", States = ["FR"] }).Concerned(notification));
    }

    [Fact]
    public void A_state_no_node_serves_is_recorded_by_the_state_of_export()
    {
        var de = At("DE");
        Assert.Equal("DE", de.RecordingState("CH", "DE"));
        Assert.Equal("BE", de.RecordingState("BE", "DE"));
        Assert.True(de.ServedByPeer("BE"));
        Assert.False(de.ServedByPeer("CH"));
        Assert.False(de.ServedByPeer("DE"));
    }

    [Fact]
    public void A_single_deployment_exchanges_nothing_and_fires_every_deadline()
    {
        var single = new ExchangeTopology(new ExchangeOptions());
        Assert.False(single.Enabled);
        Assert.True(single.FiresHere("BE", "DE"));
        Assert.True(single.ServesHere("BE"));
        Assert.Empty(single.PeersConcerned(DeToNlViaBeAndCh()));
    }

    [Fact]
    public void A_state_configured_for_two_nodes_stops_the_start()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new ExchangeTopology(new ExchangeOptions
        {
            Node = "DE", States = ["DE"], Peers = [new PeerOptions { Node = "NL", States = ["DE"] }],
        }));
        Assert.Contains("DE", e.Message);
    }
}
