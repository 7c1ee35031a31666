using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Persistence.Durability;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using WasteMovements.Api.Security;

namespace WasteMovements.Api.Exchange;

public sealed record ReplayDeadLetters(IReadOnlyList<Guid> Ids);

public sealed record DeadLettersReplayed(int Marked);

public static class ReplayDeadLettersEndpoint
{
    /// <summary>
    /// POST /api/exchange/dead-letters/replay: marks the dead letters for replay; Wolverine moves them back to the durable
    /// inbox and handles them again. A batch applied meanwhile is then refused as already applied: nothing twice.
    /// </summary>
    [WolverinePost("/api/exchange/dead-letters/replay", Name = "ReplayDeadLetters")]
    [Authorize(Policy = Policies.Admin)]
    public static async Task<IResult> Post(ReplayDeadLetters body, IMessageStore store, CancellationToken ct)
    {
        var ids = body.Ids.Distinct().ToArray();
        var found = await store.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery(ids), ct);
        await store.DeadLetters.ReplayAsync(new DeadLetterEnvelopeQuery(ids), ct);
        return Results.Accepted(value: new DeadLettersReplayed(found.Envelopes.Count));
    }
}

public sealed class ReplayDeadLettersValidator : AbstractValidator<ReplayDeadLetters>
{
    public ReplayDeadLettersValidator() => RuleFor(x => x.Ids).NotEmpty().Must(ids => ids is { Count: <= 500 }).WithMessage("'Ids' may name at most 500 dead letters.");
}
