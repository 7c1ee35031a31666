using Marten;
using Wolverine;
using WasteMovements.Api.Exchange;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Deadlines;

public static class DeadlineScheduler
{
    /// <summary>
    /// Records and schedules the deadlines that a change of the notification set or moved. The messages go
    /// through Wolverine's Marten outbox: they are persisted in the same transaction as the events.
    /// </summary>
    /// <param name="topology">
    /// With the exchange between nodes, only the deadlines that fire at this node: a state's own at its node, the others
    /// at the node of the state of export (<see cref="ExchangeTopology.FiresHere"/>), so that none fires twice.
    /// </param>
    public static async Task ScheduleAsync(IDocumentSession session, IMessageBus bus, TimeProvider clock, NotificationState? before, NotificationState after,
        ExchangeTopology? topology = null)
    {
        foreach (var spec in ProcedureDeadlines.Changed(before, after))
        {
            if (topology is not null && !topology.FiresHere(spec.State, after.StateOfExport)) continue;
            var deadline = new ScheduledDeadline
            {
                Id = spec.Key(after.Id),
                Notification = after.Id,
                Kind = spec.Kind.ToString(),
                State = spec.State,
                DueAt = spec.DueAt,
                Basis = spec.Basis,
            };
            session.Store(deadline);
            await bus.ScheduleAsync(new DeadlineReached(deadline.Id, deadline.DueAt), ProcedureClock.ToWallClock(clock, deadline.DueAt));
        }
    }

    /// <summary>Records and schedules the shipment deadlines (receipt, certificate, take-back) a change set.</summary>
    public static async Task ScheduleAsync(IDocumentSession session, IMessageBus bus, TimeProvider clock, ShipmentState? before, ShipmentState after,
        ExchangeTopology? topology = null)
    {
        if (topology is not null && !topology.FiresHere(null, after.StateOfExport)) return;
        var old = before?.Deadlines.Select(d => (d.Kind, d.DueAt)).ToHashSet() ?? [];
        foreach (var d in after.Deadlines.Where(d => !d.Overdue && !old.Contains((d.Kind, d.DueAt))))
        {
            var deadline = new ScheduledDeadline
            {
                Id = $"{after.Id}|{d.Kind}|{d.DueAt.UtcTicks}",
                Notification = after.NotificationNumber,
                Shipment = after.Id,
                Kind = d.Kind.ToString(),
                DueAt = d.DueAt,
                Basis = d.Basis,
            };
            session.Store(deadline);
            await bus.ScheduleAsync(new DeadlineReached(deadline.Id, deadline.DueAt), ProcedureClock.ToWallClock(clock, deadline.DueAt));
        }
    }
}
