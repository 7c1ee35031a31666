using Marten;
using WasteMovements.Domain;

namespace WasteMovements.Api.Infrastructure;

/// <summary>
/// Refuses, before anything is written, an event appended to a stream whose kind does not hold it
/// (<see cref="StreamEventTypes"/>). The projections subscribe to their streams' event types only: such an
/// event would be stored but never projected, and the document's version would fall behind its stream's
/// (If-Match and ETags rely on them being equal). A programming error, so a 500 and a rolled-back write.
/// </summary>
public sealed class StreamEventTypeGuard : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        foreach (var stream in session.PendingChanges.Streams())
        {
            var key = stream.Key ?? stream.Id.ToString();
            if (StreamEventTypes.For(key) is not { } allowed) continue;
            if (stream.Events.FirstOrDefault(e => !allowed.Contains(e.EventType)) is { } stray)
            {
                throw new InvalidOperationException($"{stray.EventType.Name} may not be appended to stream {key} (see StreamEventTypes).");
            }
        }

        return Task.CompletedTask;
    }
}
