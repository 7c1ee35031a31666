using Marten;
using Wolverine;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Pipeline;
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

    public static async Task Handle(DeadlineReached message, IDocumentSession session, IMessageBus bus, TimeProvider clock, Exchange.FactExchange exchange, CancellationToken ct)
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

        // The same pipeline as every HTTP write: lock, decide with the pure step, append, schedule what follows.
        var writer = new EventWriter(session, bus, clock, exchange);
        var outcome = deadline.Shipment is not null
            ? Enum.TryParse<ShipmentDeadlineKind>(deadline.Kind, out var kind)
                ? await writer.OnShipmentAsync(deadline.Shipment, Actor.Deadlines, new PassShipmentDeadline(kind, deadline.DueAt), Shipping.DeadlinePassed, null, ct)
                : null
            : deadline.Kind switch
            {
                nameof(DeadlineKind.DecisionPeriod) => await writer.OnNotificationAsync(deadline.Notification, Actor.Deadlines,
                    new EndDecisionPeriod(deadline.State!), Procedure.DecisionPeriodEnded, null, ct),
                nameof(DeadlineKind.ConsentValidity) => await writer.OnNotificationAsync(deadline.Notification, Actor.Deadlines,
                    new EndConsentValidity(), Procedure.ValidityEnded, null, ct),
                _ => null,
            };

        Complete(session, deadline, outcome?.Decision ?? Decision.Accept(), now);
    }

    private static void Complete(IDocumentSession session, ScheduledDeadline deadline, Decision decision, DateTimeOffset now) =>
        session.Store(deadline with
        {
            Done = true,
            CompletedAt = now,
            Outcome = decision.Events.Count == 0 ? "nothing to do" : string.Join(", ", decision.Events.Select(e => e.GetType().Name)),
        });
}
