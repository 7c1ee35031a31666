using Marten;
using Microsoft.Extensions.Options;
using Wolverine;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Notifications;
using WasteMovements.Api.Security;
using WasteMovements.Api.Shipments;
using WasteMovements.Domain.Assignments;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.IllegalTraffic;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Pipeline;

/// <summary>
/// The write pipeline as an HTTP endpoint sees it: an endpoint takes a <see cref="StepWriter"/> parameter (built by
/// <see cref="StepWriterParameterStrategy"/> from the chain's own Marten session and message bus, so everything it
/// writes commits in the chain's transaction together with the Idempotency-Key record) and names the step:
/// <code>write.OnNotification(number, new AcknowledgeNotification(), Procedure.Acknowledge)</code>
/// It reads If-Match (a stream version; optimistic, 412 when stale; without it the stream is locked), the caller as
/// the domain's <see cref="Actor"/>, and answers with the stream's new version and its ETag, or the RFC 9457 problem
/// of the refusal (rule and article), 404 or 412. Decision 0007 says why this and not Wolverine's aggregate workflow.
/// </summary>
public sealed class StepWriter(HttpContext http, EventWriter writer)
{
    public static StepWriter For(HttpContext http, IDocumentSession session, IMessageBus bus, TimeProvider clock) =>
        new(http, new EventWriter(session, bus, clock, http.RequestServices.GetService<Exchange.FactExchange>()));

    public Actor Actor => ActorClaims.From(http.User);

    /// <summary>The deployment's tolerance for received quantities (configuration <c>Shipments:DiscrepancyTolerancePercent</c>).</summary>
    public decimal TolerancePercent => http.RequestServices.GetRequiredService<IOptions<ShipmentOptions>>().Value.DiscrepancyTolerancePercent;

    /// <summary>A step on an existing notification; by default answered 200 with <see cref="NotificationWritten"/>.</summary>
    public async Task<IResult> OnNotification<TCommand>(string number, TCommand command, Step<NotificationState, TCommand> step,
        Func<WriteOutcome, IResult>? answer = null)
    {
        if (!IfMatch.TryParse(http.Request, out var expected)) return IfMatch.Invalid();
        var outcome = await writer.OnNotificationAsync(number, Actor, command, step, expected, http.RequestAborted);
        return Answer(outcome, "notification", answer ?? (o => Results.Json(new NotificationWritten(o.Stream, o.Version))));
    }

    /// <summary>A step on a shipment; answered 200 with <see cref="ShipmentWritten"/>.</summary>
    public async Task<IResult> OnShipment<TCommand>(string shipmentId, TCommand command, Step<ShipmentFile, TCommand> step)
    {
        if (!IfMatch.TryParse(http.Request, out var expected)) return IfMatch.Invalid();
        var outcome = await writer.OnShipmentAsync(shipmentId, Actor, command, step, expected, http.RequestAborted);
        return Answer(outcome, "shipment", o => Results.Ok(new ShipmentWritten(o.Stream, o.Version)));
    }

    /// <summary>A step that starts a notification's stream under the number already assigned.</summary>
    public async Task<IResult> StartNotification<TState, TCommand>(string number, TState state, TCommand command, Step<TState, TCommand> step,
        Func<WriteOutcome, IResult> answer)
    {
        var outcome = await writer.StartNotificationAsync(number, state, Actor, command, step);
        return Answer(outcome, "notification", answer);
    }

    /// <summary>A step that starts an illegal-traffic case's stream under the number already assigned.</summary>
    public IResult StartCase<TCommand>(string key, NewIllegalTrafficCase seed, TCommand command, Step<NewIllegalTrafficCase, TCommand> step,
        Func<WriteOutcome, IResult> answer) =>
        Answer(writer.StartCase(key, seed, Actor, command, step), "illegal-traffic-case", answer);

    /// <summary>A step on an illegal-traffic case; answered 200 with <see cref="CaseWritten"/>.</summary>
    public async Task<IResult> OnCase<TCommand>(string key, TCommand command, Step<IllegalTrafficCase, TCommand> step)
    {
        if (!IfMatch.TryParse(http.Request, out var expected)) return IfMatch.Invalid();
        var outcome = await writer.OnCaseAsync(key, Actor, command, step, expected, http.RequestAborted);
        return Answer(outcome, "illegal-traffic-case", o => Results.Ok(new CaseWritten(o.Stream, o.Version)));
    }

    /// <summary>A step that starts a document's own stream (an Annex VII document) under the key already assigned.</summary>
    public async Task<IResult> StartDocument<TState, TNew, TCommand>(string key, TNew file, TCommand command, Step<TNew, TCommand> step,
        string kind, Func<WriteOutcome, IResult> answer) where TState : class =>
        Answer(await writer.StartDocumentAsync<TState, TNew, TCommand>(key, file, Actor, command, step), kind, answer);

    /// <summary>A step on a document's own stream; answered 200 with <see cref="DocumentWritten"/> unless told otherwise.</summary>
    public async Task<IResult> OnDocument<TState, TCommand>(string key, TCommand command, Step<TState, TCommand> step, string kind,
        Func<WriteOutcome, IResult>? answer = null) where TState : class
    {
        if (!IfMatch.TryParse(http.Request, out var expected)) return IfMatch.Invalid();
        var outcome = await writer.OnDocumentAsync(key, Actor, command, step, expected, http.RequestAborted);
        return Answer(outcome, kind, answer ?? (o => Results.Ok(new DocumentWritten(o.Stream, o.Version))));
    }

    /// <summary>A revision of a state's entry in the country registry.</summary>
    public async Task<IResult> OnRegistryEntry<TCommand>(string key, TCommand command, Step<CountryRegistryEntry?, TCommand> step,
        Func<WriteOutcome, IResult> answer) =>
        Answer(await writer.OnRegistryEntryAsync(key, Actor, command, step, http.RequestAborted), "country", answer);

    /// <summary>A step on an entry of a register with a stream per entry (e.g. a pre-consented facility, EU 2024/1157 Art. 14).</summary>
    public async Task<IResult> OnRegisterEntry<TEntry, TCommand>(string key, string kind, TCommand command, Step<TEntry?, TCommand> step,
        Func<WriteOutcome, IResult> answer) where TEntry : class =>
        Answer(await writer.OnRegisterEntryAsync(key, Actor, command, step, http.RequestAborted), kind, answer);

    /// <summary>A step on a person's record in the register of assignments (assign, revoke).</summary>
    public async Task<IResult> OnPerson<TCommand>(string personId, TCommand command, Step<AssignedPerson?, TCommand> step,
        Func<WriteOutcome, IResult> answer) =>
        Answer(await writer.OnPersonAsync(personId, Actor, command, step, http.RequestAborted), "person", answer);

    private IResult Answer(WriteOutcome outcome, string kind, Func<WriteOutcome, IResult> success)
    {
        if (outcome.Refusal is { } refusal) return Problems.Result(refusal);
        if (outcome.Missing is { } missing) return Problems.NotFound(kind, missing);
        if (outcome.StaleVersion is { } stale) return IfMatch.Mismatch(stale);
        http.Response.Headers.ETag = $"\"{outcome.Version}\"";
        return success(outcome);
    }
}

/// <summary>The answer to a step on an illegal-traffic case: the case and its stream's new version (its ETag).</summary>
public sealed record CaseWritten(string CaseId, long Version);
/// <summary>The answer to a step on a document's stream: its id and new version (also the ETag).</summary>
public sealed record DocumentWritten(string Id, long Version);
