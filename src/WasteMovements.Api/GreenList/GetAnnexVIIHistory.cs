using System.Security.Claims;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Audit;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Audit;
using WasteMovements.Domain.GreenList;

namespace WasteMovements.Api.GreenList;

public sealed record AnnexVIIHistory(string DocumentId, IReadOnlyList<HistoryEntry> Events);

public static class GetAnnexVIIHistoryEndpoint
{
    private static readonly string[] FactTimes = ["filledAt", "confirmedAt", "certifiedAt", "recordedAt"];

    /// <summary>
    /// GET /api/annex-vii-documents/{documentId}/history: every event of the document in order, with who signed, for which
    /// undertaking, facility or authority, the fact time and the recorded time, and its hash in the stream's chain.
    /// </summary>
    [WolverineGet("/api/annex-vii-documents/{documentId}/history", Name = "GetAnnexVIIHistory")]
    [Authorize(Policy = Policies.GreenList)]
    public static async Task<IResult> Get(string documentId, ClaimsPrincipal user, IQuerySession session, ChainReader reader, CancellationToken ct)
    {
        var d = await session.LoadAsync<AnnexVIIDocumentState>(documentId, ct);
        if (d is null) return Problems.NotFound("Annex VII document", documentId);
        if (!GetAnnexVIIDocumentsEndpoints.MaySee(ActorClaims.From(user), d)) return Problems.NotConcerned($"You are not concerned by {documentId}.");
        var events = await reader.QueryAsync($"select {ChainReader.Columns} from mt_events where stream_id = $1 order by seq_id", ct, documentId);
        var entries = events.Select(e =>
        {
            using var doc = JsonDocument.Parse(e.Data);
            var data = doc.RootElement.Clone();
            DateTimeOffset? occurred = FactTimes.Select(f => data.TryGetProperty(f, out var v) && v.TryGetDateTimeOffset(out var t) ? t : (DateTimeOffset?)null)
                .FirstOrDefault(t => t is not null);
            return new HistoryEntry(e.Sequence, e.StreamKey, e.Version, e.Type, data, e.RecordedAt, occurred, e.UserName,
                e.Header(EventMetadataMiddleware.AuthorityHeader), e.CorrelationId, e.CausationId, e.Header(EventChain.HashHeader));
        }).ToArray();
        return Results.Ok(new AnnexVIIHistory(documentId, entries));
    }
}
