using Marten;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Audit;

/// <summary>
/// The worked example of an event schema change (docs/decisions/0005-event-versioning.md). Releases before
/// the direction enum recorded border crossings as <c>border_crossing_recorded</c> with the office under
/// <c>office</c> and a boolean <c>exit</c>. Stored events are never rewritten (the chain covers their stored
/// form); they are read as today's <see cref="BorderCrossed"/> through an upcaster.
/// </summary>
public sealed record BorderCrossingRecordedV1(string NotificationNumber, string ShipmentId, string State, string Office, bool Exit, DateTimeOffset At);

public static class EventVersioning
{
    public const string BorderCrossingRecordedV1Name = "border_crossing_recorded";

    public static void Register(StoreOptions options) =>
        options.Events.Upcast<BorderCrossingRecordedV1, BorderCrossed>(BorderCrossingRecordedV1Name, old =>
            new BorderCrossed(old.NotificationNumber, old.ShipmentId, old.State, old.Office, old.Exit ? CrossingDirection.Exit : CrossingDirection.Entry, old.At));
}
