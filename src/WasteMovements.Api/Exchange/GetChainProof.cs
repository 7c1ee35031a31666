using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Audit;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Exchange;

namespace WasteMovements.Api.Exchange;

/// <summary>
/// One origin's part of a notification at this node: the chain recomputed from the stored copies of its batches, whether
/// every signature verifies, and whether the facts in this node's event store are exactly those of the batches.
/// </summary>
public sealed record OriginProof(string OriginState, string Direction, long Batches, string Head, bool ChainHolds, long? BrokenAt,
    bool SignaturesVerify, bool StoredFactsMatch, IReadOnlyList<string> Problems)
{
    public bool Matches => ChainHolds && SignaturesVerify && StoredFactsMatch;
}

public sealed record ChainProof(string Notification, string? Node, IReadOnlyList<OriginProof> Origins)
{
    public bool Matches => Origins.All(o => o.Matches);
}

public static class GetChainProofEndpoint
{
    /// <summary>
    /// GET /api/exchange/notifications/{number}/proof: that this node's copy matches each origin's chain up to the head
    /// given here, which an auditor compares with the origin's <c>/heads</c> (docs/exchange.md, "Proof").
    /// </summary>
    [WolverineGet("/api/exchange/notifications/{number}/proof", Name = "GetChainProof")]
    [Authorize(Policy = Policies.AdminOrAuditor)]
    public static async Task<IResult> Get(string number, IQuerySession session, ChainReader reader, ExchangeTopology topology, CancellationToken ct)
    {
        var records = await session.Query<ExchangeRecord>().Where(r => r.Notification == number).ToListAsync(ct);
        if (records.Count == 0) return Problems.NotFound("exchanged notification", number);
        var stored = (await reader.ForNotificationAsync(number, ct)).Where(e => e.Header(FactReceiver.OriginStateHeader) is not null).ToList();
        var keys = (await session.LoadManyAsync<AuthorityKey>(ct, records.Select(r => r.Kid).Distinct().ToArray())).ToDictionary(k => k.Id);

        var origins = new List<OriginProof>();
        foreach (var group in records.GroupBy(r => (r.OriginState, r.Direction)).OrderBy(g => g.Key.OriginState))
        {
            var problems = new List<string>();
            var batches = group.OrderBy(r => r.Seq).Select(r => (Record: r, Batch: FactBatch.Parse(r.Body))).ToList();
            var check = ExchangeChain.Verify(number, group.Key.OriginState, batches.Select(b => (b.Batch.Seq, b.Batch.Previous, b.Batch.Hash, b.Batch.FactsJson)));
            if (!check.Holds) problems.Add($"the chain does not hold at batch {check.BrokenAt}");
            var signaturesVerify = true;
            foreach (var (record, _) in batches)
            {
                if (!keys.TryGetValue(record.Kid, out var key) || !ExchangeKeys.Verify(key.PublicKeyPem, record.Body, record.Signature))
                {
                    signaturesVerify = false;
                    problems.Add($"the signature of batch {record.Seq} does not verify with key {record.Kid}");
                }
            }

            var factsMatch = true;
            if (group.Key.Direction == "received")
            {
                // Every fact of every batch is in this node's store once, with the same content, under that batch's number.
                foreach (var (record, batch) in batches)
                {
                    // Compared stream by stream, each in its order: a batch's facts on two streams (a completion: the shipment's
                    // fact, then the notification's) are appended here one stream after the other, so their global sequence
                    // need not follow the batch's order; each stream's order does.
                    var sent = batch.Facts.EnumerateArray().OrderBy(f => f.GetProperty("stream").GetString(), StringComparer.Ordinal).ToList();
                    var here = stored.Where(e => e.Header(FactReceiver.OriginStateHeader) == group.Key.OriginState && e.Header(FactReceiver.OriginSeqHeader) == record.Seq.ToString())
                        .OrderBy(e => e.StreamKey, StringComparer.Ordinal).ThenBy(e => e.Sequence).ToList();
                    var same = sent.Count == here.Count && sent.Zip(here).All(p =>
                        p.First.GetProperty("stream").GetString() == p.Second.StreamKey &&
                        JsonNode.DeepEquals(JsonNode.Parse(p.First.GetProperty("data").GetRawText()), JsonNode.Parse(p.Second.Data)));
                    if (!same)
                    {
                        factsMatch = false;
                        problems.Add($"batch {record.Seq}: {sent.Count} facts sent, {here.Count} stored here{(sent.Count == here.Count ? ", with other content" : "")}");
                    }
                }

                var unexplained = stored.Count(e => e.Header(FactReceiver.OriginStateHeader) == group.Key.OriginState) - batches.Sum(b => b.Batch.Facts.GetArrayLength());
                if (unexplained != 0)
                {
                    factsMatch = false;
                    problems.Add($"{unexplained} stored facts of {group.Key.OriginState} belong to no batch held here");
                }
            }

            origins.Add(new OriginProof(group.Key.OriginState, group.Key.Direction, check.Seq, check.Head, check.Holds, check.BrokenAt, signaturesVerify, factsMatch, problems));
        }

        return Results.Ok(new ChainProof(number, topology.Node, origins));
    }
}
