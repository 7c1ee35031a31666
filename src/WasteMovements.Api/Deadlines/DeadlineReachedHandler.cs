using Marten;
using Wolverine;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Deadlines;

/// <summary>
/// Acts when a deadline passes: tacit consent (Basel Art. 6(4), OECD, EU Art. 9(1)) or consent expiry.
/// Idempotent: a repeated, stale (the deadline moved) or early delivery changes nothing.
/// </summary>
public static class DeadlineReachedHandler
{
    public const string SystemActor = "system";

    public static async Task Handle(DeadlineReached message, IDocumentSession session, IMessageBus bus, TimeProvider clock, CancellationToken ct)
    {
        var deadline = await session.LoadAsync<ScheduledDeadline>(message.DeadlineId, ct);
        if (deadline is null || deadline.Done || deadline.DueAt != message.DueAt) return;

        var now = clock.GetUtcNow();
        if (now < deadline.DueAt)
        {
            // Delivered before the procedure's clock reached it: wait for the due time.
            await bus.ScheduleAsync(message, ProcedureClock.ToWallClock(clock, deadline.DueAt));
            return;
        }

        session.LastModifiedBy = SystemActor;
        session.SetHeader(EventMetadataMiddleware.AuthorityHeader, "system:deadlines");
        session.SetHeader(EventMetadataMiddleware.RoleHeader, SystemActor);
        session.CausationId = deadline.Id;

        if (deadline.Shipment is not null)
        {
            await ShipmentDeadlineAsync(deadline, session, bus, now, ct);
            return;
        }

        var stream = await session.Events.FetchForExclusiveWriting<NotificationState>(deadline.Notification, ct);
        var before = stream.Aggregate;
        var decision = before is null
            ? Decision.Accept()
            : deadline.Kind switch
            {
                nameof(DeadlineKind.DecisionPeriod) => Procedure.DecisionPeriodEnded(before, deadline.State!, now),
                nameof(DeadlineKind.ConsentValidity) => Procedure.ValidityEnded(before, now),
                _ => Decision.Accept(),
            };

        if (decision.Events.Count > 0)
        {
            stream.AppendMany(decision.Events);
            var after = decision.Events.Aggregate(before!, (s, e) => NotificationEvolution.Evolve(s, e)!);
            await DeadlineScheduler.ScheduleAsync(session, bus, clock, before, after);
        }

        Complete(session, deadline, decision, now);
    }

    private static async Task ShipmentDeadlineAsync(ScheduledDeadline deadline, IDocumentSession session, IMessageBus bus, DateTimeOffset now, CancellationToken ct)
    {
        var stream = await session.Events.FetchForExclusiveWriting<ShipmentState>(deadline.Shipment!, ct);
        var decision = stream.Aggregate is null || !Enum.TryParse<ShipmentDeadlineKind>(deadline.Kind, out var kind)
            ? Decision.Accept()
            : Shipping.DeadlinePassed(stream.Aggregate, kind, deadline.DueAt, now);
        if (decision.Events.Count > 0) stream.AppendMany(decision.Events);
        Complete(session, deadline, decision, now);
    }

    private static void Complete(IDocumentSession session, ScheduledDeadline deadline, Decision decision, DateTimeOffset now) =>
        session.Store(deadline with
        {
            Done = true,
            CompletedAt = now,
            Outcome = decision.Events.Count == 0 ? "nothing to do" : string.Join(", ", decision.Events.Select(e => e.GetType().Name)),
        });
}
