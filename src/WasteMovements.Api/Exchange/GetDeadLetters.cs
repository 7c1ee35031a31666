using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using WasteMovements.Api.Security;

namespace WasteMovements.Api.Exchange;

/// <summary>A message that failed after its retries, as an operator sees it before replaying it.</summary>
public sealed record DeadLetter(Guid Id, string MessageType, string? Destination, string ExceptionType, string ExceptionMessage, DateTimeOffset SentAt, bool Replayable);

public static class GetDeadLettersEndpoint
{
    /// <summary>GET /api/exchange/dead-letters: the dead letters of this node (Wolverine's table in its database), newest first.</summary>
    [WolverineGet("/api/exchange/dead-letters", Name = "GetDeadLetters")]
    [Authorize(Policy = Policies.AdminOrAuditor)]
    public static async Task<IReadOnlyList<DeadLetter>> Get(IMessageStore store, CancellationToken ct)
    {
        var results = await store.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery { PageSize = 200 }, ct);
        return results.Envelopes.OrderByDescending(e => e.SentAt)
            .Select(e => new DeadLetter(e.Id, e.MessageType, e.Envelope.Destination?.ToString(), e.ExceptionType, e.ExceptionMessage, e.SentAt, e.Replayable)).ToArray();
    }
}
