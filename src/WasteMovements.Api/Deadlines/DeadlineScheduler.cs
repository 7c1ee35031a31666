using Marten;
using Wolverine;
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
    public static async Task ScheduleAsync(IDocumentSession session, IMessageBus bus, TimeProvider clock, NotificationState? before, NotificationState after)
    {
        foreach (var spec in ProcedureDeadlines.Changed(before, after))
        {
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
    public static async Task ScheduleAsync(IDocumentSession session, IMessageBus bus, TimeProvider clock, ShipmentState? before, ShipmentState after)
    {
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
