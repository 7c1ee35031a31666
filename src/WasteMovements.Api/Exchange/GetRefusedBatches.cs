using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;

namespace WasteMovements.Api.Exchange;

public static class GetRefusedBatchesEndpoint
{
    /// <summary>GET /api/exchange/refusals: the batches refused here, newest first (each with its rule; nothing of them was appended).</summary>
    [WolverineGet("/api/exchange/refusals", Name = "GetRefusedBatches")]
    [Authorize(Policy = Policies.AdminOrAuditor)]
    public static async Task<IReadOnlyList<RefusedFactBatch>> Get(string? rule, IQuerySession session, CancellationToken ct)
    {
        IQueryable<RefusedFactBatch> query = session.Query<RefusedFactBatch>();
        if (!string.IsNullOrWhiteSpace(rule)) query = query.Where(r => r.Rule == rule);
        return await query.OrderByDescending(r => r.At).Take(500).ToListAsync(ct);
    }
}
