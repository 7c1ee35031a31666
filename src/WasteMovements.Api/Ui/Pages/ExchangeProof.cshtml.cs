using Microsoft.AspNetCore.Mvc;
using WasteMovements.Api.Exchange;

namespace WasteMovements.Api.Ui.Pages;

/// <summary>
/// Whether this node's copy of a notification is what each origin sent (docs/exchange.md, "Proof that a copy matches the
/// origin"): per origin state, the batches, the recomputed head and what does not match; and the heads this node signs,
/// for comparison with the origin's node. For administrators and auditors.
/// </summary>
public sealed class ExchangeProofModel(UiIdentity identity, ApiClient api) : UiPage(identity, api)
{
    [BindProperty(SupportsGet = true)] public string? Number { get; set; }
    public ChainProof? Proof { get; private set; }
    public ChainHeads? Heads { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Number = Number?.Trim();
        if (string.IsNullOrEmpty(Number)) return Page();
        var path = $"/api/exchange/notifications/{Uri.EscapeDataString(Number)}";
        var proof = await Get(path + "/proof");
        if (proof.Ok) Proof = proof.As<ChainProof>();
        else Failure ??= proof;
        if (proof.Ok)
        {
            // A node that only sent on this file holds no head received; the proof stands without them.
            var heads = await Get(path + "/heads");
            if (heads.Ok) Heads = heads.As<ChainHeads>();
            else if (heads.Status != StatusCodes.Status404NotFound) Failure ??= heads;
        }

        return Page();
    }
}
