using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Domain.PreconsentedFacilities;

namespace WasteMovements.Api.PreconsentedFacilities;

/// <summary>One recorded step of a register entry, as an auditor reads it: what happened, when, by whom.</summary>
public sealed record RegisterHistoryEntry(long Version, string Type, DateTimeOffset RecordedAt, string? RecordedBy, JsonElement Data);

/// <summary>The register as read: the entries, each with whether it is in force today.</summary>
public sealed record PreconsentRegisterView(IReadOnlyList<PreconsentedFacilityEntry> Entries);

/// <summary>The register of pre-consented facilities: read by anyone authenticated (EU 2024/1157 Art. 14(13)).</summary>
public static class ReadPreconsentRegisterEndpoints
{
    /// <summary>GET /api/preconsented-facilities: the entries, optionally of one state (<c>state</c>) or one facility (<c>facility</c>).</summary>
    [WolverineGet("/api/preconsented-facilities", Name = "ListPreconsentedFacilities")]
    [Authorize]
    public static async Task<PreconsentRegisterView> List(string? state, string? facility, IQuerySession session, CancellationToken ct)
    {
        IQueryable<PreconsentedFacilityEntry> query = session.Query<PreconsentedFacilityEntry>();
        if (!string.IsNullOrWhiteSpace(state)) query = query.Where(x => x.State == state.ToUpperInvariant());
        if (!string.IsNullOrWhiteSpace(facility)) query = query.Where(x => x.Terms.FacilityId == facility);
        var entries = await query.OrderBy(x => x.Id).Take(1000).ToListAsync(ct);
        return new PreconsentRegisterView(entries);
    }

    /// <summary>GET /api/preconsented-facilities/{entryId}: one entry.</summary>
    [WolverineGet("/api/preconsented-facilities/{entryId}", Name = "GetPreconsentedFacility")]
    [Authorize]
    public static async Task<IResult> Get(string entryId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<PreconsentedFacilityEntry>(PreconsentedFacilityEntry.StreamKey(entryId), ct) is { } entry
            ? Results.Ok(entry)
            : Problems.NotFound("pre-consent", entryId);

    /// <summary>GET /api/preconsented-facilities/{entryId}/history: every recorded step of the entry, in order.</summary>
    [WolverineGet("/api/preconsented-facilities/{entryId}/history", Name = "GetPreconsentHistory")]
    [Authorize]
    public static async Task<IResult> History(string entryId, IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(PreconsentedFacilityEntry.StreamKey(entryId), token: ct);
        if (events.Count == 0) return Problems.NotFound("pre-consent", entryId);
        // The data as the event store holds it (camelCase, enums as strings).
        return Results.Ok(events.Select(e => new RegisterHistoryEntry(e.Version, e.EventTypeName, e.Timestamp, e.UserName,
            JsonDocument.Parse(session.DocumentStore.Options.Serializer().ToJson(e.Data)).RootElement.Clone())).ToArray());
    }
}
