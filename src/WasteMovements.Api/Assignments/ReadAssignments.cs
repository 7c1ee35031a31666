using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Assignments;

namespace WasteMovements.Api.Assignments;

/// <summary>The register of assignments as read: every person known to it, with the assignment they hold now (if any).</summary>
public sealed record AssignmentsView(IReadOnlyList<AssignedPerson> People);

/// <summary>One recorded step of a person's assignments, as an auditor reads it: what, when, by whom, for which capacity.</summary>
public sealed record AssignmentHistoryEntry(long Version, string Type, DateTimeOffset RecordedAt, string? RecordedBy, string? ActingFor, string? CorrelationId, JsonElement Data);

/// <summary>The register of assignments: read by administrators and auditors.</summary>
public static class ReadAssignmentsEndpoints
{
    /// <summary>GET /api/admin/assignments: every person, optionally only those assigned now (<c>current=true</c>) or of one state (<c>state</c>).</summary>
    [WolverineGet("/api/admin/assignments", Name = "ListAssignments")]
    [Authorize(Policy = Policies.AdminOrAuditor)]
    public static async Task<AssignmentsView> List(bool? current, string? state, IQuerySession session, CancellationToken ct)
    {
        IQueryable<AssignedPerson> query = session.Query<AssignedPerson>();
        if (current == true) query = query.Where(x => x.Current != null);
        if (!string.IsNullOrWhiteSpace(state)) query = query.Where(x => x.Current!.State == state.ToUpperInvariant());
        return new AssignmentsView(await query.OrderBy(x => x.Issuer).ThenBy(x => x.Subject).Take(1000).ToListAsync(ct));
    }

    /// <summary>GET /api/admin/assignments/{person}/history: every assignment and revocation of the person, in order.</summary>
    [WolverineGet("/api/admin/assignments/{person}/history", Name = "GetAssignmentHistory")]
    [Authorize(Policy = Policies.AdminOrAuditor)]
    public static async Task<IResult> History(string person, IQuerySession session, CancellationToken ct)
    {
        if (!Persons.IsId(person)) return Problems.NotFound("person", person);
        var events = await session.Events.FetchStreamAsync(Persons.StreamKey(person), token: ct);
        if (events.Count == 0) return Problems.NotFound("person", person);
        return Results.Ok(events.Select(e => new AssignmentHistoryEntry(e.Version, e.EventTypeName, e.Timestamp, e.UserName,
            e.Headers?.TryGetValue(EventMetadataMiddleware.AuthorityHeader, out var actingFor) == true ? actingFor?.ToString() : null, e.CorrelationId,
            JsonDocument.Parse(session.DocumentStore.Options.Serializer().ToJson(e.Data)).RootElement.Clone())).ToArray());
    }
}
