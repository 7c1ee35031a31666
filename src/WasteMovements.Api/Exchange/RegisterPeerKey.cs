using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Common;

namespace WasteMovements.Api.Exchange;

/// <summary>A peer authority's public key, as its node publishes it (GET /api/exchange/keys there), checked out of band.</summary>
public sealed record RegisterPeerKey(string State, string Kid, string PublicKeyPem);

/// <summary>POST /api/exchange/keys: an administrator adds a peer's new key (a rotation at the peer; docs/operations.md).</summary>
public static class RegisterPeerKeyEndpoint
{
    [WolverinePost("/api/exchange/keys", Name = "RegisterPeerKey")]
    [Authorize(Policy = Policies.Admin)]
    public static async Task<IResult> Post(RegisterPeerKey body, IDocumentSession session, ExchangeTopology topology, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var state = body.State.ToUpperInvariant();
        if (!topology.ServedByPeer(state))
        {
            return Problems.Result(new Refusal("key-state-not-a-peer", "docs/exchange.md, Trust",
                topology.States.Contains(state)
                    ? $"{state} is served here; this node's own keys come from its configuration (Exchange:SigningKeys)."
                    : $"No peer node serves {state} (Exchange:Peers)."));
        }

        if (await session.LoadAsync<AuthorityKey>(body.Kid, ct) is not null)
            return Problems.Result(new Refusal("key-exists", "docs/exchange.md, Trust", $"A key {body.Kid} is held already; a new key needs a new kid."));

        var key = new AuthorityKey
        {
            Id = body.Kid, State = state, PublicKeyPem = body.PublicKeyPem.Trim() + "\n", Status = AuthorityKeyStatus.Active,
            AddedAt = clock.GetUtcNow(), AddedBy = ActorClaims.From(http.User).Person,
        };
        session.Store(key);
        await session.SaveChangesAsync(ct);
        return Results.Created($"/api/exchange/keys/{key.Id}", new PublishedKey(key.Id, key.State, key.Status, key.PublicKeyPem, key.AddedAt, null));
    }
}

public sealed class RegisterPeerKeyValidator : AbstractValidator<RegisterPeerKey>
{
    public RegisterPeerKeyValidator()
    {
        RuleFor(x => x.State).NotEmpty().Matches("^[A-Za-z]{2}$").WithMessage("'State' must be an ISO 3166-1 alpha-2 code.");
        RuleFor(x => x.Kid).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9._-]+$").WithMessage("'Kid' may hold letters, digits, '.', '_' and '-' only.");
        RuleFor(x => x.PublicKeyPem).NotEmpty().MaximumLength(4000)
            .Must(pem => pem is not null && ExchangeKeys.IsP256PublicKey(pem)).WithMessage("'Public Key Pem' must be an ECDSA P-256 public key in PEM (SubjectPublicKeyInfo).");
    }
}
