using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql.Tables;
using Weasel.Core;
using WasteMovements.Api.Audit;
using WasteMovements.Api.CodeLists;
using WasteMovements.Api.Deadlines;
using WasteMovements.Api.GreenList;
using WasteMovements.Api.Notifications;
using WasteMovements.Api.PreconsentedFacilities;
using WasteMovements.Api.Reports;
using WasteMovements.Api.Shipments;
using WasteMovements.Domain.GreenList;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Infrastructure;

/// <summary>The event store's configuration, in one place for the API host and the benchmark program.</summary>
public static class EventStoreSetup
{
    /// <param name="projections">False only for bulk loaders (benchmarks) that write events without projecting them.</param>
    public static void Configure(StoreOptions options, string connectionString, bool projections = true)
    {
        options.Connection(connectionString);
        // Notification numbers (DE-2026-000042) are the stream keys: docs/decisions/0001-stream-identity.md.
        options.Events.StreamIdentity = StreamIdentity.AsString;
        // Quick appends (decision 0002, revised): every append to an existing stream names the version it follows
        // (FetchForWriting / FetchForExclusiveWriting, or Append with an expected version), so Marten numbers the
        // events itself before the inline projections and the audit chain see them, and mt_quick_append_events checks
        // that version in the database; no extra round trip for the sequence and the stream's row before the write.
        // EventChainListener refuses an append that names no version (its events' versions would not be known).
        options.Events.AppendMode = EventAppendMode.Quick;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

        // Tamper evidence: every appended event is chained to its stream in the same transaction (docs/audit.md).
        options.Listeners.Add(new StreamEventTypeGuard());
        options.Listeners.Add(new EventChainListener());
        EventVersioning.Register(options);
        if (projections)
        {
            options.Projections.Add(new NotificationProjection(), ProjectionLifecycle.Inline);
            options.Projections.Add(new CountryRegistryProjection(), ProjectionLifecycle.Inline);
            options.Projections.Add(new PreconsentedFacilityProjection(), ProjectionLifecycle.Inline);
            // Issue 18: who acts for which authority, facility or undertaking; read by the claims transformation.
            options.Projections.Add(new Assignments.AssignedPersonProjection(), ProjectionLifecycle.Inline);
            options.Projections.Add(new ShipmentProjection(), ProjectionLifecycle.Inline);
            options.Projections.Add(new IllegalTraffic.IllegalTrafficCaseProjection(), ProjectionLifecycle.Inline);
            // EU 2024/1157 Art. 18: each Annex VII document's state, listed by state concerned, facility and undertaking.
            options.Projections.Add(new AnnexVIIProjection(), ProjectionLifecycle.Inline);
            // Basel Art. 13(3) reports: built in the background by the async daemon.
            options.Projections.Add(new AnnualReportProjection(), ProjectionLifecycle.Async);
        }

        options.Schema.For<ShipmentState>().Duplicate(x => x.NotificationNumber).Duplicate(x => x.FacilityId).Duplicate(x => x.StateOfExport);
        // "The caller's notifications" and the inbox query the small duplicated columns below and order by filing
        // time; no index over the whole document (it cost every write and no query used it any more).
        options.Schema.For<NotificationState>().Duplicate(x => x.FiledAt)
            // The inbox: the states with a step pending, as a small text[] column with its own GIN index, so that
            // finding a state's pending files does not read (and decompress) every candidate document.
            .Duplicate(x => x.PendingFor, pgType: "text[]", configure: index => index.Method = IndexMethod.gin)
            // The list: the states concerned as a small column too, so that walking the filed_at index newest
            // first tests each row without reading (and decompressing) its document.
            .Duplicate(x => x.StatesConcerned, pgType: "text[]", configure: index => index.Method = IndexMethod.gin);
        // The inbox and the list find a state's cases by the states concerned.
        options.Schema.For<Domain.IllegalTraffic.IllegalTrafficCase>().Duplicate(x => x.StatesConcerned, pgType: "text[]", configure: index => index.Method = IndexMethod.gin);
        options.Schema.For<AnnexVIIDocumentState>().Duplicate(x => x.FilledAt).Duplicate(x => x.FacilityId).Duplicate(x => x.ArrangerId)
            .Duplicate(x => x.ConsigneeId)
            .Duplicate(x => x.StatesConcerned, pgType: "text[]", configure: index => index.Method = IndexMethod.gin);
        options.Schema.For<Uploads.UploadRowRecord>().Duplicate(x => x.CreatedAt);
        // Mirror statistics: a partner's figures, read by the state that loaded them, the partner and the year (docs/decisions/0015-partner-figures.md).
        options.Schema.For<Domain.Reports.Mirror.PartnerFigures>().Duplicate(x => x.State).Duplicate(x => x.Partner).Duplicate(x => x.Year);
        options.Schema.For<ScheduledDeadline>().Duplicate(x => x.DueAt);
        options.Schema.For<IdempotencyRecord>().Duplicate(x => x.CreatedAt);
        options.Storage.ExtendedSchemaObjects.Add(NotificationNumbers.Table(options.DatabaseSchemaName));
        // Issue 17: the exchange between nodes (trust store, chain cursors, copies of batches, held and refused batches).
        Exchange.ExchangeSetup.Configure(options);
    }
}
