using JasperFx.Events;

namespace WasteMovements.Api.Infrastructure;

public static class EventTime
{
    /// <summary>
    /// The event's recorded time at PostgreSQL's precision (microseconds), so that a document projected live
    /// and the same document rebuilt from stored events are identical.
    /// </summary>
    public static DateTimeOffset Of(IEvent e) => new(e.Timestamp.Ticks - e.Timestamp.Ticks % 10, e.Timestamp.Offset);
}
