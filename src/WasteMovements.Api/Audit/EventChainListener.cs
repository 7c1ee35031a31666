using System.Runtime.CompilerServices;
using JasperFx.Events;
using Marten;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Domain.Audit;

namespace WasteMovements.Api.Audit;

/// <summary>
/// Chains every appended event to the previous one of its stream, inside the transaction that appends it:
/// Marten calls this after it has prepared the events (versions assigned, Rich appends) and before the batch
/// is written. For an existing stream the previous hash is read on the session's connection, within the
/// transaction that locked the stream, so concurrent writers chain one after the other; or, when the write pipeline
/// already read it together with the stream's version (<see cref="RememberHead"/>, one round trip less per stream),
/// taken from there, but only if that version is the one the new events follow.
/// </summary>
public sealed class EventChainListener : DocumentSessionListenerBase
{
    private static readonly ConditionalWeakTable<IDocumentSession, Dictionary<string, (long Version, string Hash)>> Heads = new();

    /// <summary>
    /// Records the hash of a stream's last event as read at <paramref name="version"/> in this session's transaction
    /// (Pipeline/StreamLoader.cs). Used only for events that follow exactly that version: if the stream moved on in
    /// between (an optimistic write), the head is selected again, and the version check of the append fails anyway.
    /// </summary>
    public static void RememberHead(IDocumentSession session, string key, long version, string hash) =>
        Heads.GetOrCreateValue(session)[key] = (version, hash);

    private static string? KnownHead(IDocumentSession session, string key, long previousVersion)
    {
        if (!Heads.TryGetValue(session, out var heads) || !heads.Remove(key, out var head)) return null;
        return head.Version == previousVersion ? head.Hash : null;
    }

    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var serializer = ((StoreOptions)session.DocumentStore.Options).Serializer();
        foreach (var stream in session.PendingChanges.Streams())
        {
            if (stream.Events.Count == 0) continue;
            var key = stream.Key ?? stream.Id.ToString();
            var previous = EventChain.Genesis;
            if (stream.ActionType != StreamActionType.Start && stream.ExpectedVersionOnServer is null &&
                session.DocumentStore.Options.Events.AppendMode != EventAppendMode.Rich)
            {
                // Quick appends number the events from the version the stream was fetched at; without one the numbers
                // (and so the hashes) would not be the stored ones. A programming error: a 500 and nothing written.
                throw new InvalidOperationException(
                    $"An append to stream {key} names no expected version: fetch it for writing (FetchForWriting) first (EventStoreSetup, Quick appends).");
            }

            if (stream.ActionType != StreamActionType.Start)
            {
                var known = KnownHead(session, key, stream.Events[0].Version - 1);
                if (known is null)
                {
                    var last = await session.AdvancedSql.QueryAsync<string>(
                        "select coalesce(headers ->> 'wm.hash', '') from mt_events where stream_id = ? order by version desc limit 1", token, key);
                    known = last.FirstOrDefault() ?? "";
                }

                if (known is { Length: > 0 }) previous = known;
            }

            foreach (var e in stream.Events)
            {
                var user = e.UserName ?? session.LastModifiedBy;
                var correlation = e.CorrelationId ?? session.CorrelationId;
                var causation = e.CausationId ?? session.CausationId;
                var authority = (e.Headers is { } h && h.TryGetValue(EventMetadataMiddleware.AuthorityHeader, out var a) ? a : session.GetHeader(EventMetadataMiddleware.AuthorityHeader))?.ToString();

                var data = serializer.ToJson(e.Data);
                var salt = EventChain.NewSalt();
                var digests = EventChain.PersonalDigests(data, user, salt);
                digests.TryGetValue(EventChain.UserPath, out var userDigest);
                var hash = EventChain.Hash(key, e.Version, e.EventTypeName, EventChain.CanonicalData(data, digests), userDigest, correlation, causation, authority, previous);

                // A header dictionary of this event's own: the session's may be shared by all its events.
                e.Headers = e.Headers is null ? new Dictionary<string, object>() : new Dictionary<string, object>(e.Headers);
                if (authority is not null) e.Headers[EventMetadataMiddleware.AuthorityHeader] = authority;
                e.SetHeader(EventChain.PreviousHeader, previous);
                e.SetHeader(EventChain.SaltHeader, salt);
                e.SetHeader(EventChain.PersonalHeader, digests);
                e.SetHeader(EventChain.HashHeader, hash);
                previous = hash;
            }
        }
    }
}
