using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Common;

namespace WasteMovements.Api.Exchange;

public sealed record RevokeKey(string Reason);

/// <summary>
/// POST /api/exchange/keys/{kid}/revocations: this node stops trusting a key (a peer's compromised key) or signing with
/// it (an own key). From then on every batch signed with it is refused here (<c>exchange-key-revoked</c>).
/// </summary>
public static class RevokeKeyEndpoint
{
    [WolverinePost("/api/exchange/keys/{kid}/revocations", Name = "RevokeKey")]
    [Authorize(Policy = Policies.Admin)]
    public static async Task<IResult> Post(string kid, RevokeKey body, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var key = await session.LoadAsync<AuthorityKey>(kid, ct);
        if (key is null) return Problems.NotFound("key", kid);
        if (key.Status == AuthorityKeyStatus.Revoked)
            return Problems.Result(new Refusal("key-already-revoked", "docs/exchange.md, Trust", $"Key {kid} was revoked on {key.RevokedAt:u}."));
        var revoked = key with { Status = AuthorityKeyStatus.Revoked, RevokedAt = clock.GetUtcNow(), RevokedBy = ActorClaims.From(http.User).Person, RevocationReason = body.Reason };
        session.Store(revoked);
        await session.SaveChangesAsync(ct);
        return Results.Ok(new PublishedKey(revoked.Id, revoked.State, revoked.Status, revoked.PublicKeyPem, revoked.AddedAt, revoked.RevokedAt));
    }
}

public sealed class RevokeKeyValidator : AbstractValidator<RevokeKey>
{
    public RevokeKeyValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
}
