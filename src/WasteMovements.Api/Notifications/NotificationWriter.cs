using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using Wolverine;
using WasteMovements.Api.Deadlines;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Notifications;

/// <summary>What every write to a notification answers (docs/api-guide.md: "every write returns the stream's new version").</summary>
public sealed record NotificationWritten(string NotificationNumber, long Version);

/// <summary>
/// The one way a step is applied to an existing notification: load it for writing, let the pure decision
/// function decide, append its events, schedule the deadlines they set. With If-Match the load is
/// optimistic (412 on mismatch); without it the stream row is locked for the transaction, so concurrent
/// steps of different authorities are applied one after the other and neither is lost.
/// </summary>
public static class NotificationWriter
{
    public delegate Decision Decide(NotificationState state, AuthorityActor actor, DateTimeOffset now);

    public static async Task<(IResult Result, Decision? Decision)> ExecuteAsync(
        string number, HttpContext http, IDocumentSession session, IMessageBus bus, TimeProvider clock, Decide decide,
        CancellationToken ct, int successStatus = StatusCodes.Status200OK, Func<NotificationWritten, object>? body = null)
    {
        if (!IfMatch.TryParse(http.Request, out var expected)) return (IfMatch.Invalid(), null);

        IEventStream<NotificationState> stream;
        try
        {
            stream = expected is { } version
                ? await session.Events.FetchForWriting<NotificationState>(number, version, ct)
                : await session.Events.FetchForExclusiveWriting<NotificationState>(number, ct);
        }
        catch (ConcurrencyException) when (expected is not null)
        {
            return (IfMatch.Mismatch(expected.Value), null);
        }

        if (stream.Aggregate is null) return (Problems.NotFound("notification", number), null);

        var actor = Actor.From(http.User);
        var now = clock.GetUtcNow();
        var decision = decide(stream.Aggregate, new AuthorityActor(actor.Person, actor.Country ?? ""), now);
        if (decision.Refusal is { } refusal) return (Problems.Result(refusal), decision);

        var current = stream.CurrentVersion ?? stream.StartingVersion ?? 0;
        if (decision.Events.Count > 0)
        {
            stream.AppendMany(decision.Events);
            var after = decision.Events.Aggregate(stream.Aggregate, (s, e) => NotificationEvolution.Evolve(s, e)!);
            await DeadlineScheduler.ScheduleAsync(session, bus, clock, stream.Aggregate, after);
        }

        var written = new NotificationWritten(number, current + decision.Events.Count);
        http.Response.Headers.ETag = $"\"{written.Version}\"";
        return (Results.Json(body?.Invoke(written) ?? written, statusCode: successStatus), decision);
    }
}
