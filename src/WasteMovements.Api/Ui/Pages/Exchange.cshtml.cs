using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using WasteMovements.Api.Exchange;

namespace WasteMovements.Api.Ui.Pages;

/// <summary>
/// The exchange between nodes as an operator watches it (issue 17; docs/exchange.md): this node, its states and published
/// keys, each peer with its keys and the batches waiting to be sent to it, the refused batches and the dead letters; for
/// administrators the peer-key registration, the revocations and the replay, posted to the same routes as the API's.
/// </summary>
public sealed class ExchangeModel(UiIdentity identity, ApiClient api) : UiPage(identity, api)
{
    public ExchangeStatus? Status { get; private set; }
    public PublishedKeys? Published { get; private set; }
    public IReadOnlyList<RefusedFactBatch> Refused { get; private set; } = [];
    public IReadOnlyList<DeadLetter> DeadLetters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await Load();

    private async Task<IActionResult> Load()
    {
        var status = await Get("/api/exchange/status");
        if (!status.Ok)
        {
            Failure ??= status;
            return Page();
        }

        Status = status.As<ExchangeStatus>();
        if (Status is not { Enabled: true }) return Page();
        var published = await Get("/api/exchange/keys");
        if (published.Ok) Published = published.As<PublishedKeys>();
        else Failure ??= published;
        var refused = await Get("/api/exchange/refusals");
        if (refused.Ok) Refused = refused.As<RefusedFactBatch[]>() ?? [];
        else Failure ??= refused;
        var dead = await Get("/api/exchange/dead-letters");
        if (dead.Ok) DeadLetters = dead.As<DeadLetter[]>() ?? [];
        else Failure ??= dead;
        return Page();
    }

    /// <summary>A key's SHA-256 fingerprint over its DER SubjectPublicKeyInfo, as docs/operations.md has operators compare it (openssl ... | sha256sum).</summary>
    public static string Fingerprint(string publicKeyPem)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(publicKeyPem);
            return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            return "not a readable key";
        }
    }

    public Task<IActionResult> OnPostRegisterKeyAsync(string state, string kid, string publicKeyPem) =>
        Act("/api/exchange/keys", new { state = state?.Trim().ToUpperInvariant(), kid = kid?.Trim(), publicKeyPem }, "Peer key registered.", Load);

    public Task<IActionResult> OnPostRevokeAsync(string kid, string reason) =>
        Act($"/api/exchange/keys/{Uri.EscapeDataString(kid ?? "")}/revocations", new { reason }, $"Key {kid} revoked on this node.", Load);

    public Task<IActionResult> OnPostReplayAsync(Guid[] ids) =>
        Act("/api/exchange/dead-letters/replay", new { ids }, "Marked for replay: Wolverine handles them again.", Load);
}

/// <summary>The keys of one node as the exchange page lists them; <see cref="Owner"/> keeps the form ids apart.</summary>
public sealed record ExchangeKeysView(IReadOnlyList<PublishedKey> Keys, bool CanRevoke, string Owner);
