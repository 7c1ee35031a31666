using Marten;
using Wolverine;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Deadlines;

public static class DeadlineScheduler
{
    /// <summary>
    /// Records and schedules the deadlines that a change of the notification set or moved. The messages go
    /// through Wolverine's Marten outbox: they are persisted in the same transaction as the events.
    /// </summary>
    public static async Task ScheduleAsync(IDocumentSession session, IMessageBus bus, NotificationState? before, NotificationState after)
    {
        foreach (var spec in ProcedureDeadlines.Changed(before, after))
        {
            var deadline = new ScheduledDeadline
            {
                Id = spec.Key(after.Id),
                Notification = after.Id,
                Kind = spec.Kind,
                State = spec.State,
                DueAt = spec.DueAt,
                Basis = spec.Basis,
            };
            session.Store(deadline);
            await bus.ScheduleAsync(new DeadlineReached(deadline.Id, deadline.DueAt), deadline.DueAt);
        }
    }
}
