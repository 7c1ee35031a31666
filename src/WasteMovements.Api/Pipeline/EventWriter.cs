using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using Wolverine;
using WasteMovements.Api.Deadlines;
using WasteMovements.Api.Exchange;
using WasteMovements.Domain;
using WasteMovements.Domain.Assignments;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.IllegalTraffic;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Pipeline;

/// <summary>
/// What a write came to: the version the step left the stream it addressed at (its ETag) and the decision; or why
/// nothing was written: the decision's refusal, a file that does not exist, or an If-Match the stream no longer matches.
/// </summary>
public sealed record WriteOutcome
{
    public string Stream { get; private init; } = "";
    public long Version { get; private init; }
    public Decision? Decision { get; private init; }
    public Refusal? Refusal { get; private init; }
    public string? Missing { get; private init; }
    public long? StaleVersion { get; private init; }

    public static WriteOutcome Written(string stream, long version, Decision decision) => new() { Stream = stream, Version = version, Decision = decision };
    public static WriteOutcome Refused(Refusal refusal) => new() { Refusal = refusal };
    public static WriteOutcome NotFound(string key) => new() { Missing = key };
    public static WriteOutcome Stale(long expected) => new() { StaleVersion = expected };
}

/// <summary>
/// The one core every write goes through, over HTTP (<see cref="StepWriter"/>) and from scheduled deadlines alike:
/// load the file for writing (under a row lock, or optimistically at the version If-Match named; one round trip with
/// the audit chain's head, <see cref="StreamLoader"/>), decide with the
/// pure step, append each event to the stream its type belongs to (<see cref="StreamEventTypes.StreamOf"/>), and
/// record and schedule the deadlines the new state sets. Nothing here knows a rule of the procedure; a refusal
/// appends nothing. The caller's transaction (Wolverine's, with the outbox and the Idempotency-Key record) commits
/// it all or nothing.
/// </summary>
public sealed class EventWriter(IDocumentSession session, IMessageBus bus, TimeProvider clock, FactExchange? exchange = null)
{
    public IDocumentSession Session => session;

    /// <summary>Which node serves which state, when this deployment exchanges with others (docs/exchange.md); null otherwise.</summary>
    private ExchangeTopology? Topology => exchange is { Enabled: true } ? exchange.Topology : null;

    /// <summary>A step on an existing notification. Facts of new shipments (the movement document) start their streams.</summary>
    public async Task<WriteOutcome> OnNotificationAsync<TCommand>(string number, Actor actor, TCommand command,
        Step<NotificationState, TCommand> step, long? expectedVersion, CancellationToken ct)
    {
        IEventStream<NotificationState> stream;
        try
        {
            // One round trip with the audit chain's head (StreamLoader).
            stream = expectedVersion is { } expected
                ? await StreamLoader.OptimisticAsync<NotificationState>(session, number, expected, ct)
                : (await StreamLoader.ExclusiveAsync<NotificationState>(session, [number], ct))[0];
        }
        catch (ConcurrencyException) when (expectedVersion is not null)
        {
            return WriteOutcome.Stale(expectedVersion.Value);
        }

        if (stream.Aggregate is not { } before) return WriteOutcome.NotFound(number);
        var now = clock.GetUtcNow();
        var decision = step(before, actor, command, now);
        if (decision.Refusal is { } refusal) return WriteOutcome.Refused(refusal);
        var (recording, elsewhere) = exchange?.RecordingState(before, decision.Events) ?? (null, null);
        if (elsewhere is not null) return WriteOutcome.Refused(elsewhere);

        var (own, others) = Route(decision, number);
        var version = Version(stream) + own.Count;
        if (own.Count > 0) await AppendAsync(stream, own, before);
        foreach (var (key, events) in others)
        {
            // A step on a notification may only open new shipment streams (announcement); it never writes an
            // existing shipment, which would need that stream's lock.
            if (events[0] is not MovementDocumentIssued) throw new InvalidOperationException($"{events[0].GetType().Name} for {key} from a notification step");
            session.Events.StartStream<ShipmentState>(key, events);
            await DeadlineScheduler.ScheduleAsync(session, bus, clock, null, Evolve((ShipmentState?)null, events), Topology);
        }

        if (recording is not null) await exchange!.PublishAsync(session, bus, recording, Evolve(before, own), decision.Events, number, RoleOf(actor), now, ct);
        return WriteOutcome.Written(number, version, decision);
    }

    /// <summary>
    /// A step on a shipment: the notification's stream and then the shipment's are locked (always in that order,
    /// so concurrent steps cannot deadlock); the decision sees both; each event goes to its own stream.
    /// </summary>
    public async Task<WriteOutcome> OnShipmentAsync<TCommand>(string shipmentId, Actor actor, TCommand command,
        Step<ShipmentFile, TCommand> step, long? expectedVersion, CancellationToken ct)
    {
        // The notification number is the shipment id without its last segment.
        var cut = shipmentId.LastIndexOf('-');
        if (cut <= 0) return WriteOutcome.NotFound(shipmentId);
        var number = shipmentId[..cut];
        var (notificationStream, shipmentStream) = await StreamLoader.ExclusiveAsync<NotificationState, ShipmentState>(session, number, shipmentId, ct);
        if (notificationStream.Aggregate is not { } notification || shipmentStream.Aggregate is not { } shipment)
        {
            return WriteOutcome.NotFound(shipmentId);
        }

        var current = Version(shipmentStream);
        if (expectedVersion is { } expected && expected != current) return WriteOutcome.Stale(expected);

        var now = clock.GetUtcNow();
        var decision = step(new ShipmentFile(shipment, notification), actor, command, now);
        if (decision.Refusal is { } refusal) return WriteOutcome.Refused(refusal);
        var (recording, elsewhere) = exchange?.RecordingState(notification, decision.Events) ?? (null, null);
        if (elsewhere is not null) return WriteOutcome.Refused(elsewhere);

        var (forNotification, others) = Route(decision, number);
        if (forNotification.Count > 0) await AppendAsync(notificationStream, forNotification, notification);
        var forShipment = others.TryGetValue(shipmentId, out var own) ? own : [];
        if (others.Keys.Any(k => k != shipmentId)) throw new InvalidOperationException($"A step on {shipmentId} wrote another shipment");
        if (forShipment.Count > 0) await AppendAsync(shipmentStream, forShipment, shipment);
        if (recording is not null) await exchange!.PublishAsync(session, bus, recording, Evolve(notification, forNotification), decision.Events, number, RoleOf(actor), now, ct);
        return WriteOutcome.Written(shipmentId, current + forShipment.Count, decision);
    }

    /// <summary>A new notification: the step's events start its stream (Basel Art. 6(1)).</summary>
    public async Task<WriteOutcome> StartNotificationAsync<TState, TCommand>(string number, TState state, Actor actor, TCommand command,
        Step<TState, TCommand> step)
    {
        var now = clock.GetUtcNow();
        var decision = step(state, actor, command, now);
        if (decision.Refusal is { } refusal) return WriteOutcome.Refused(refusal);
        // With the exchange, a notification is filed at the node of its state of export (Basel Art. 6(1)).
        var (recording, elsewhere) = exchange?.RecordingState(null, decision.Events) ?? (null, null);
        if (elsewhere is not null) return WriteOutcome.Refused(elsewhere);
        session.Events.StartStream<NotificationState>(number, decision.Events.ToArray());
        var filed = Evolve((NotificationState?)null, decision.Events);
        // Basel Art. 6(4): a transit state that accepts tacit consent is deemed to consent 60 days after receipt.
        await DeadlineScheduler.ScheduleAsync(session, bus, clock, null, filed, Topology);
        if (recording is not null) await exchange!.PublishAsync(session, bus, recording, filed, decision.Events, number, RoleOf(actor), now, CancellationToken.None);
        return WriteOutcome.Written(number, decision.Events.Count, decision);
    }

    /// <summary>A new illegal-traffic case (Basel Art. 9(1)): the step's events start its stream under the number assigned.</summary>
    public WriteOutcome StartCase<TCommand>(string key, NewIllegalTrafficCase seed, Actor actor, TCommand command, Step<NewIllegalTrafficCase, TCommand> step) =>
        Start<IllegalTrafficCase, NewIllegalTrafficCase, TCommand>(key, seed, actor, command, step);

    /// <summary>
    /// A step on an existing illegal-traffic case: one stream of its own, locked (or at the version If-Match named),
    /// decided, appended, like a notification's own events. Its deadline is read from the case (the inbox), not scheduled.
    /// </summary>
    public async Task<WriteOutcome> OnCaseAsync<TCommand>(string key, Actor actor, TCommand command, Step<IllegalTrafficCase, TCommand> step,
        long? expectedVersion, CancellationToken ct)
    {
        IEventStream<IllegalTrafficCase> stream;
        try
        {
            stream = expectedVersion is { } expected
                ? await StreamLoader.OptimisticAsync<IllegalTrafficCase>(session, key, expected, ct)
                : (await StreamLoader.ExclusiveAsync<IllegalTrafficCase>(session, [key], ct))[0];
        }
        catch (ConcurrencyException) when (expectedVersion is not null)
        {
            return WriteOutcome.Stale(expectedVersion.Value);
        }

        if (stream.Aggregate is not { } before) return WriteOutcome.NotFound(key);
        var decision = step(before, actor, command, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return WriteOutcome.Refused(refusal);
        var version = Version(stream) + decision.Events.Count;
        if (decision.Events.Count > 0) stream.AppendMany(decision.Events);
        return WriteOutcome.Written(key, version, decision);
    }

    /// <summary>The one way a step starts a stream: decide from the seed, then start it with the step's events.</summary>
    private WriteOutcome Start<TAggregate, TSeed, TCommand>(string key, TSeed seed, Actor actor, TCommand command, Step<TSeed, TCommand> step)
        where TAggregate : class
    {
        var decision = step(seed, actor, command, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return WriteOutcome.Refused(refusal);
        session.Events.StartStream<TAggregate>(key, decision.Events.ToArray());
        return WriteOutcome.Written(key, decision.Events.Count, decision);
    }

    /// <summary>
    /// A new document of an aggregate whose stream holds only its own facts and sets no scheduled deadline (an Annex VII
    /// document, EU 2024/1157 Art. 18): the step's events start the stream under the key already assigned.
    /// </summary>
    public Task<WriteOutcome> StartDocumentAsync<TState, TNew, TCommand>(string key, TNew file, Actor actor, TCommand command,
        Step<TNew, TCommand> step) where TState : class
    {
        var decision = step(file, actor, command, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return Task.FromResult(WriteOutcome.Refused(refusal));
        if (decision.Events.Any(e => StreamEventTypes.For(key)?.Contains(e.GetType()) != true))
        {
            throw new InvalidOperationException($"A step starting {key} decided an event of another stream");
        }

        session.Events.StartStream<TState>(key, decision.Events.ToArray());
        return Task.FromResult(WriteOutcome.Written(key, decision.Events.Count, decision));
    }

    /// <summary>
    /// A step on such a document: locked, or optimistic at the If-Match version, like a notification; every event goes
    /// to the document's own stream. The inbox of these documents is computed from their state, so nothing is scheduled.
    /// </summary>
    public async Task<WriteOutcome> OnDocumentAsync<TState, TCommand>(string key, Actor actor, TCommand command,
        Step<TState, TCommand> step, long? expectedVersion, CancellationToken ct) where TState : class
    {
        IEventStream<TState> stream;
        try
        {
            stream = expectedVersion is { } expected
                ? await StreamLoader.OptimisticAsync<TState>(session, key, expected, ct)
                : (await StreamLoader.ExclusiveAsync<TState>(session, [key], ct))[0];
        }
        catch (ConcurrencyException) when (expectedVersion is not null)
        {
            return WriteOutcome.Stale(expectedVersion.Value);
        }

        if (stream.Aggregate is not { } before) return WriteOutcome.NotFound(key);
        var decision = step(before, actor, command, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return WriteOutcome.Refused(refusal);
        if (decision.Events.Any(e => StreamEventTypes.For(key)?.Contains(e.GetType()) != true))
        {
            throw new InvalidOperationException($"A step on {key} decided an event of another stream");
        }

        var version = Version(stream) + decision.Events.Count;
        if (decision.Events.Count > 0) stream.AppendMany(decision.Events);
        return WriteOutcome.Written(key, version, decision);
    }

    /// <summary>A state's entry in the country registry (stream <c>country:XX</c>, created by its first revision), locked.</summary>
    public Task<WriteOutcome> OnRegistryEntryAsync<TCommand>(string key, Actor actor, TCommand command,
        Step<CountryRegistryEntry?, TCommand> step, CancellationToken ct) =>
        OnRegisterEntryAsync(key, actor, command, step, ct);

    /// <summary>
    /// An entry of a register with a stream per entry (the country registry, the register of pre-consented facilities,
    /// EU 2024/1157 Art. 14), locked; the step sees null before the entry's first event.
    /// </summary>
    public async Task<WriteOutcome> OnRegisterEntryAsync<TEntry, TCommand>(string key, Actor actor, TCommand command,
        Step<TEntry?, TCommand> step, CancellationToken ct) where TEntry : class
    {
        var stream = await session.Events.FetchForExclusiveWriting<TEntry>(key, ct);
        var decision = step(stream.Aggregate, actor, command, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return WriteOutcome.Refused(refusal);
        // The version before the append: appending moves the stream's CurrentVersion already.
        var version = Version(stream) + decision.Events.Count;
        stream.AppendMany(decision.Events);
        return WriteOutcome.Written(key, version, decision);
    }

    /// <summary>
    /// A person's record in the register of assignments (stream <c>person:P-...</c>, docs/decisions/0018-assignments.md),
    /// locked like a register entry; the step sees null before the person's first assignment.
    /// </summary>
    public Task<WriteOutcome> OnPersonAsync<TCommand>(string personId, Actor actor, TCommand command,
        Step<AssignedPerson?, TCommand> step, CancellationToken ct) =>
        OnRegisterEntryAsync(Persons.StreamKey(personId), actor, command, step, ct);

    private async Task AppendAsync(IEventStream<NotificationState> stream, IReadOnlyList<object> events, NotificationState before)
    {
        stream.AppendMany(events);
        await DeadlineScheduler.ScheduleAsync(session, bus, clock, before, Evolve(before, events), Topology);
    }

    private async Task AppendAsync(IEventStream<ShipmentState> stream, IReadOnlyList<object> events, ShipmentState before)
    {
        stream.AppendMany(events);
        await DeadlineScheduler.ScheduleAsync(session, bus, clock, before, Evolve(before, events), Topology);
    }

    private static string RoleOf(Actor actor) => actor.Role.ToString().ToLowerInvariant();

    private static NotificationState Evolve(NotificationState? state, IEnumerable<object> events) =>
        events.Aggregate(state, NotificationEvolution.Evolve)!;

    private static ShipmentState Evolve(ShipmentState? state, IEnumerable<object> events) =>
        events.Aggregate(state, ShipmentEvolution.Evolve)!;

    private static long Version<T>(IEventStream<T> stream) where T : class => stream.CurrentVersion ?? stream.StartingVersion ?? 0;

    /// <summary>The events for the notification's own stream, and the others grouped by their shipment stream, in order.</summary>
    private static (IReadOnlyList<object> Own, Dictionary<string, List<object>> Others) Route(Decision decision, string number)
    {
        var own = new List<object>();
        var others = new Dictionary<string, List<object>>(StringComparer.Ordinal);
        foreach (var e in decision.Events)
        {
            var key = StreamEventTypes.StreamOf(e, number);
            if (key == number) own.Add(e);
            else if (others.TryGetValue(key, out var list)) list.Add(e);
            else others[key] = [e];
        }

        return (own, others);
    }
}
