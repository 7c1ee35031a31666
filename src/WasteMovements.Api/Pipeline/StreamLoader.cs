using System.Data.Common;
using JasperFx.Events;
using Marten;
using Marten.Internal;
using Marten.Linq.QueryHandlers;
using Weasel.Postgresql;
using Weasel.Storage;
using WasteMovements.Api.Audit;
using WasteMovements.Domain.Audit;

namespace WasteMovements.Api.Pipeline;

/// <summary>
/// Loads the streams a step writes in ONE round trip (docs/benchmarks.md, "One pipeline: round trips"): a Marten batch
/// query holding, per stream, Marten's own fetch for writing (the row lock <c>select ... for update</c> and the
/// projected document; or, optimistically, the version and the document) followed by the stream's version and the
/// hash of its last event, the head of the audit chain. Each is its own statement, run in order, so the head is read
/// after the lock was granted. <see cref="EventChainListener"/> then takes the head from here
/// (<see cref="EventChainListener.RememberHead"/>) instead of selecting it again at commit. The fetch is Marten's, so
/// its inline projection still evolves the fetched document from the session instead of loading it again.
/// </summary>
public static class StreamLoader
{
    /// <summary>Locks and loads the streams in the given order (the order of the locks), in one round trip.</summary>
    public static async Task<IEventStream<T>[]> ExclusiveAsync<T>(IDocumentSession session, IReadOnlyList<string> keys, CancellationToken ct)
        where T : class
    {
        // Marten's batched exclusive fetch starts the transaction itself, asynchronously: started here first, it is
        // already there when the batch runs (Npgsql sends the BEGIN with the batch).
        await session.BeginTransactionAsync(ct);
        var batch = session.CreateBatchQuery();
        var fetches = new Task<IEventStream<T>>[keys.Count];
        var heads = new Task<(long, string)?>[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            fetches[i] = batch.Events.FetchForExclusiveWriting<T>(keys[i]);
            heads[i] = batch.AddItem(new ChainHeadQuery(session, keys[i]));
        }

        await batch.Execute(ct);
        var streams = new IEventStream<T>[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            streams[i] = await fetches[i];
            Remember(session, keys[i], await heads[i]);
        }

        return streams;
    }

    /// <summary>A notification and one of its shipments, both locked, the notification first (so concurrent steps cannot deadlock).</summary>
    public static async Task<(IEventStream<TFirst>, IEventStream<TSecond>)> ExclusiveAsync<TFirst, TSecond>(IDocumentSession session,
        string first, string second, CancellationToken ct) where TFirst : class where TSecond : class
    {
        await session.BeginTransactionAsync(ct);
        var batch = session.CreateBatchQuery();
        var firstFetch = batch.Events.FetchForExclusiveWriting<TFirst>(first);
        var firstHead = batch.AddItem(new ChainHeadQuery(session, first));
        var secondFetch = batch.Events.FetchForExclusiveWriting<TSecond>(second);
        var secondHead = batch.AddItem(new ChainHeadQuery(session, second));
        await batch.Execute(ct);
        var streams = (await firstFetch, await secondFetch);
        Remember(session, first, await firstHead);
        Remember(session, second, await secondHead);
        return streams;
    }

    /// <summary>Loads the stream without a lock, at the version If-Match named (Marten throws ConcurrencyException if it is not).</summary>
    public static async Task<IEventStream<T>> OptimisticAsync<T>(IDocumentSession session, string key, long expectedVersion, CancellationToken ct)
        where T : class
    {
        var batch = session.CreateBatchQuery();
        var fetch = batch.Events.FetchForWriting<T>(key, expectedVersion);
        var head = batch.AddItem(new ChainHeadQuery(session, key));
        await batch.Execute(ct);
        var stream = await fetch;
        Remember(session, key, await head);
        return stream;
    }

    private static void Remember(IDocumentSession session, string key, (long Version, string Hash)? head)
    {
        // The version and the hash come from one statement (one snapshot); the listener uses the hash only for events
        // that follow exactly that version, so an optimistic write that another one overtook selects it again (and
        // then fails on the stream's version anyway).
        if (head is { } h) EventChainListener.RememberHead(session, key, h.Version, h.Hash);
    }

    /// <summary>The stream's version and the hash of its last event ("" if it has none), in one statement.</summary>
    private sealed class ChainHeadQuery(IDocumentSession session, string key) : IQueryHandler<(long, string)?>
    {
        private readonly string _schema = ((StoreOptions)session.DocumentStore.Options).Events.DatabaseSchemaName;

        public void ConfigureCommand(ICommandBuilder builder, IStorageSession storage)
        {
            builder.Append($"select s.version, coalesce((select e.headers ->> '{EventChain.HashHeader}' from {_schema}.mt_events as e " +
                           $"where e.stream_id = s.id order by e.version desc limit 1), '') from {_schema}.mt_streams as s where s.id = ");
            builder.AppendParameter(key);
        }

        public async Task<(long, string)?> HandleAsync(DbDataReader reader, IStorageSession storage, CancellationToken token)
        {
            if (!await reader.ReadAsync(token)) return null;
            return (await reader.GetFieldValueAsync<long>(0, token), await reader.GetFieldValueAsync<string>(1, token));
        }

        public Task<int> StreamJson(Stream stream, DbDataReader reader, CancellationToken token) => throw new NotSupportedException();
    }
}
