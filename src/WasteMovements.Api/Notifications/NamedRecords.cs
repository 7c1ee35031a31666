using Marten;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.PreconsentedFacilities;

namespace WasteMovements.Api.Notifications;

/// <summary>
/// The records a set of particulars names, loaded for the pure filing checks (<see cref="Filing.Check"/>): the
/// pre-consent register entry as it stands now (EU 2024/1157 Art. 14) and the notification an onward delivery follows
/// (Art. 15(7)-(8)). Used by the filing, change and renotification endpoints alike.
/// </summary>
public static class NamedRecords
{
    public static async Task<(PreconsentedFacilityEntry? Preconsent, NotificationState? Earlier)> LoadAsync(IQuerySession session, NotificationParticulars? p, CancellationToken ct)
    {
        var preconsent = p?.PreconsentEntry is { Length: > 0 } entry
            ? await session.LoadAsync<PreconsentedFacilityEntry>(PreconsentedFacilityEntry.StreamKey(entry), ct)
            : null;
        var earlier = p?.EarlierNotification is { Length: > 0 } first ? await session.LoadAsync<NotificationState>(first.ToUpperInvariant(), ct) : null;
        return (preconsent, earlier);
    }
}
