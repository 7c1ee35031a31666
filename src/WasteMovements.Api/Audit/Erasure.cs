using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Audit;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Audit;

public sealed record ErasePersonalData(string Name, string? Subject, string Reason);

public sealed class ErasePersonalDataValidator : AbstractValidator<ErasePersonalData>
{
    public ErasePersonalDataValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MinimumLength(3).MaximumLength(200);
        RuleFor(x => x.Subject).MaximumLength(200);
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
    }
}

public sealed record ErasureResult(int Events, int Fields, IReadOnlyList<string> Notifications);

/// <summary>
/// POST /api/personal-data/erasures (administrators): erases a natural person's name and contacts from the
/// stored events, and the person from the events' user name, once the retention period of every file
/// concerned has ended. The chain still verifies (it covers salted digests of personal fields); each file
/// records a <see cref="PersonalDataErased"/> event; the projections are rebuilt from the erased events.
/// </summary>
public static class ErasureEndpoint
{
    [WolverinePost("/api/personal-data/erasures", Name = "ErasePersonalData")]
    [Authorize(Policy = Policies.Admin)]
    public static async Task<IResult> Post(ErasePersonalData body, IDocumentSession session, ChainReader reader, NpgsqlDataSource dataSource,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Without a subject only the name is searched (PostgreSQL text cannot hold the NUL that stood in for "no subject").
        var candidates = body.Subject is null
            ? await reader.QueryAsync($"select {ChainReader.Columns} from mt_events where strpos(lower(data::text), lower($1)) > 0 order by seq_id",
                ct, body.Name.Trim())
            : await reader.QueryAsync($"select {ChainReader.Columns} from mt_events where strpos(lower(data::text), lower($1)) > 0 or user_name = $2 order by seq_id",
                ct, body.Name.Trim(), body.Subject);

        var changes = new List<(StoredEvent Event, string Data, int Fields)>();
        foreach (var e in candidates)
        {
            var (data, fields) = PersonalData.Erase(e.Data, body.Name);
            var userErased = body.Subject is not null && e.UserName == body.Subject;
            if (fields > 0 || userErased) changes.Add((e, data, fields + (userErased ? 1 : 0)));
        }

        var notifications = changes.Select(c => NotificationOf(c.Event.StreamKey)).Where(n => n is not null).Select(n => n!).Distinct().ToArray();
        foreach (var number in notifications)
        {
            var shipments = await session.Query<ShipmentState>().Where(x => x.NotificationNumber == number).ToListAsync(ct);
            var notification = await session.LoadAsync<NotificationState>(number, ct);
            if (PersonalData.RetentionRunning(notification, shipments, number, now) is { } running) return Problems.Result(running);
        }

        foreach (var (e, data, _) in changes)
        {
            session.QueueSqlCommand("update mt_events set data = ?::jsonb where seq_id = ?", data, e.Sequence);
            if (body.Subject is not null && e.UserName == body.Subject)
            {
                session.QueueSqlCommand("update mt_events set user_name = ? where seq_id = ?", EventChain.Erased, e.Sequence);
            }
        }

        foreach (var number in notifications)
        {
            var fields = changes.Where(c => NotificationOf(c.Event.StreamKey) == number).Sum(c => c.Fields);
            // Locked like every write, and at a known version (Quick appends, EventStoreSetup).
            var stream = await session.Events.FetchForExclusiveWriting<NotificationState>(number, ct);
            stream.AppendOne(new PersonalDataErased(fields, body.Reason.Trim(), now));
        }

        await session.SaveChangesAsync(ct);

        // The inline projections still hold the personal data: rebuild those documents from the erased events.
        foreach (var number in notifications)
        {
            if (await session.Events.AggregateStreamAsync<NotificationState>(number, token: ct) is { } rebuilt) session.Store(rebuilt);
            foreach (var stream in changes.Select(c => c.Event.StreamKey).Where(k => k != number && NotificationOf(k) == number).Distinct())
            {
                if (await session.Events.AggregateStreamAsync<ShipmentState>(stream, token: ct) is { } shipment) session.Store(shipment);
            }
        }

        return Results.Ok(new ErasureResult(changes.Count, changes.Sum(c => c.Fields), notifications));
    }

    /// <summary>DE-2026-000001 for a notification stream, and for its shipments' streams (DE-2026-000001-003).</summary>
    private static string? NotificationOf(string streamKey)
    {
        var parts = streamKey.Split('-');
        return parts.Length is 3 or 4 && parts[0].Length == 2 ? string.Join('-', parts.Take(3)) : null;
    }
}
