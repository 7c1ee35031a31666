using JasperFx.Events;
using Marten.Events.Aggregation;
using WasteMovements.Domain;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Notifications;

/// <summary>
/// Inline projection of the notification state. Marten 9 dispatches projections through a source
/// generator, so this partial class lives in the host project and delegates to the domain's pure evolve
/// function (docs/stack-notes.md, section 0). The append mode is Rich, so <see cref="IEvent.Version"/> is final here.
/// </summary>
public partial class NotificationProjection : SingleStreamProjection<NotificationState, string>
{
    public NotificationProjection()
    {
        // Only a notification stream's events: other streams in the same commit cost no document load.
        foreach (var type in StreamEventTypes.Notification) IncludeType(type);
        // Rebuilds (the daemon) fetch 5,000 events per batch instead of 500: about twice the events per second
        // in docs/benchmarks.md. Inline projection of live appends is not affected.
        Options.BatchSize = 5000;
    }

    public override NotificationState? Evolve(NotificationState? snapshot, string id, IEvent e)
    {
        var next = NotificationEvolution.Evolve(snapshot, e.Data);
        return next is null ? null : next with { Version = e.Version };
    }
}
