using System.Security.Claims;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Audit;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Audit;

public sealed record HistoryEntry(
    long Sequence, string Stream, long Version, string Type, JsonElement Data, DateTimeOffset RecordedAt, DateTimeOffset? OccurredAt,
    string? Actor, string? Authority, string? CorrelationId, string? CausationId, string? Hash);

public sealed record HistoryPage(string NotificationNumber, IReadOnlyList<HistoryEntry> Events, int Page, int PageSize, int Total);

public sealed record PointInTimeState(string NotificationNumber, DateTimeOffset? At, long? Version, NotificationState? Notification, IReadOnlyList<ShipmentState> Shipments);

public sealed record Dossier(
    string Format, string NotificationNumber, DateTimeOffset ExportedAt, NotificationState? Notification, IReadOnlyList<ShipmentState> Shipments,
    IReadOnlyList<ChainedEvent> Events, ChainVerification Integrity);

/// <summary>
/// Auditors' routes: the full history of a notification and its shipments, its state at any instant or
/// version (rebuilt from the events), the chain verification, and the dossier to archive and verify offline.
/// </summary>
public static class AuditEndpoints
{
    public const string DossierFormat = "wastemovements-dossier/1";

    /// <summary>The declared time of the fact, as the actor stated it, where the event carries one.</summary>
    private static readonly string[] DeclaredTimeFields =
        ["departedAt", "receivedAt", "completedAt", "at", "rejectedAt", "returnedAt", "informedAt", "foundAt", "acknowledgedAt", "decidedAt",
         "requestedAt", "answeredAt", "withdrawnAt", "cancelledAt", "filedAt", "deemedAt", "expiredAt", "announcedAt", "issuedAt", "closedAt"];

    private static async Task<(NotificationState? State, IResult? Refusal)> Authorize(string number, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var state = await session.LoadAsync<NotificationState>(number, ct);
        if (state is null) return (null, Problems.NotFound("notification", number));
        var actor = ActorClaims.From(user);
        if (actor.IsAuthority && !state.Concerns(actor.Country!))
        {
            return (state, Problems.NotConcerned($"{actor.Country} is not a state concerned by notification {number}."));
        }

        return (state, null);
    }

    /// <summary>GET /api/notifications/{number}/history?page=&amp;pageSize=: every event of the notification and its shipments, in order.</summary>
    [WolverineGet("/api/notifications/{number}/history", Name = "GetHistory")]
    [Authorize(Policy = Policies.AuthorityOrAuditor)]
    public static async Task<IResult> History(string number, ClaimsPrincipal user, IQuerySession session, ChainReader reader, CancellationToken ct,
        int page = 1, int pageSize = 100)
    {
        if (page < 1 || pageSize is < 1 or > 1000)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["pageSize"] = ["page starts at 1; pageSize is 1 to 1000."] },
                type: Problems.TypeBase + "validation", title: "The request is invalid");
        }

        var (_, refusal) = await Authorize(number, user, session, ct);
        if (refusal is not null) return refusal;
        var events = await reader.ForNotificationAsync(number, ct);
        var entries = events.Skip((page - 1) * pageSize).Take(pageSize).Select(e =>
        {
            using var doc = JsonDocument.Parse(e.Data);
            var data = doc.RootElement.Clone();
            DateTimeOffset? occurred = null;
            foreach (var field in DeclaredTimeFields)
            {
                if (data.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String && v.TryGetDateTimeOffset(out var t))
                {
                    occurred = t;
                    break;
                }
            }

            return new HistoryEntry(e.Sequence, e.StreamKey, e.Version, e.Type, data, e.RecordedAt, occurred, e.UserName,
                e.Header(EventMetadataMiddleware.AuthorityHeader), e.CorrelationId, e.CausationId, e.Header(EventChain.HashHeader));
        }).ToArray();
        return Results.Ok(new HistoryPage(number, entries, page, pageSize, events.Count));
    }

    /// <summary>GET /api/notifications/{number}/state?at=TIMESTAMP or ?version=N: the file as it stood, rebuilt from the events.</summary>
    [WolverineGet("/api/notifications/{number}/state", Name = "GetStateAt")]
    [Authorize(Policy = Policies.Auditor)]
    public static async Task<IResult> StateAt(string number, IQuerySession session, CancellationToken ct, DateTimeOffset? at = null, long? version = null)
    {
        if (at is null == version is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["at"] = ["Give exactly one of at (an ISO 8601 instant) or version."] },
                type: Problems.TypeBase + "validation", title: "The request is invalid");
        }

        if (await session.LoadAsync<NotificationState>(number, ct) is null) return Problems.NotFound("notification", number);
        var notification = at is { } instant
            ? await session.Events.AggregateStreamAsync<NotificationState>(number, timestamp: instant, token: ct)
            : await session.Events.AggregateStreamAsync<NotificationState>(number, version: version!.Value, token: ct);

        var shipments = new List<ShipmentState>();
        foreach (var s in notification?.Shipments ?? [])
        {
            var shipment = at is { } t
                ? await session.Events.AggregateStreamAsync<ShipmentState>(s.ShipmentId, timestamp: t, token: ct)
                : await session.Events.AggregateStreamAsync<ShipmentState>(s.ShipmentId, token: ct);
            if (shipment is not null) shipments.Add(shipment);
        }

        return Results.Ok(new PointInTimeState(number, at, version, notification, shipments));
    }

    /// <summary>GET /api/notifications/{number}/integrity: recomputes the hash chains of the notification and its shipments.</summary>
    [WolverineGet("/api/notifications/{number}/integrity", Name = "VerifyIntegrity")]
    [Authorize(Policy = Policies.Auditor)]
    public static async Task<IResult> Integrity(string number, ChainReader reader, CancellationToken ct)
    {
        var events = await reader.ForNotificationAsync(number, ct);
        if (events.Count == 0) return Problems.NotFound("notification", number);
        return Results.Ok(EventChain.Verify(events.Select(e => e.ToChained())));
    }

    /// <summary>GET /api/notifications/{number}/dossier: one JSON document to archive and verify offline (docs/audit.md).</summary>
    [WolverineGet("/api/notifications/{number}/dossier", Name = "ExportDossier")]
    [Authorize(Policy = Policies.Auditor)]
    public static async Task<IResult> Dossier(string number, IQuerySession session, ChainReader reader, TimeProvider clock, CancellationToken ct)
    {
        var events = await reader.ForNotificationAsync(number, ct);
        if (events.Count == 0) return Problems.NotFound("notification", number);
        var chained = events.Select(e => e.ToChained()).ToArray();
        var notification = await session.LoadAsync<NotificationState>(number, ct);
        var shipments = await session.Query<ShipmentState>().Where(x => x.NotificationNumber == number).OrderBy(x => x.ShipmentNumber).ToListAsync(ct);
        var dossier = new Dossier(DossierFormat, number, clock.GetUtcNow(), notification, shipments.ToArray(), chained, EventChain.Verify(chained));
        return Results.Json(dossier, statusCode: StatusCodes.Status200OK, contentType: "application/json");
    }
}
