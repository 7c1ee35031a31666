using Microsoft.AspNetCore.Mvc;
using WasteMovements.Api.Audit;
using WasteMovements.Api.Shipments;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Ui.Pages;

/// <summary>One notification: parties, waste, states concerned, quantities, shipments, timeline and the caller's actions.</summary>
public sealed class NotificationModel(UiIdentity identity, ApiClient api) : UiPage(identity, api)
{
    [BindProperty(SupportsGet = true)] public string Number { get; set; } = "";
    public NotificationState? State { get; private set; }
    public NotificationShipments? Shipments { get; private set; }
    public HistoryPage? History { get; private set; }

    private string Resource => $"/api/notifications/{Uri.EscapeDataString(Number)}";

    public AuthorityState? MyAuthority => State?.Authorities.FirstOrDefault(a => a.State == Me.Country);
    public bool IsExport => Me.IsAuthority && State?.Particulars.StateOfExport == Me.Country;
    public string Regime => State?.Regime.Regime.Name() ?? "";

    public async Task<IActionResult> OnGetAsync() => await Load();

    private async Task<IActionResult> Load()
    {
        var state = await Get(Resource);
        if (!state.Ok)
        {
            Failure = state;
            return Page();
        }

        State = state.As<NotificationState>();
        Shipments = (await Get(Resource + "/shipments")).As<NotificationShipments>();
        History = (await Get(Resource + "/history?pageSize=500")).As<HistoryPage>();
        return Page();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync() => Act(Resource + "/acknowledgements", null, "Receipt acknowledged.", Load);

    public Task<IActionResult> OnPostRequestAsync(string questions) =>
        Act(Resource + "/information-requests", new { questions }, "Information requested; your clock is paused until the answer.", Load);

    public Task<IActionResult> OnPostAnswerAsync(string requestId, string answer) =>
        Act($"{Resource}/information-requests/{Uri.EscapeDataString(requestId)}/answer", new { answer }, "Answer sent.", Load);

    public Task<IActionResult> OnPostConsentAsync(string? conditions, string? validFrom, string? validUntil, bool contractConfirmed, bool requiresGuarantee) =>
        Act(Resource + "/decisions", new
        {
            decision = "consent",
            conditions = (conditions ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            validFrom = string.IsNullOrWhiteSpace(validFrom) ? null : validFrom,
            validUntil = string.IsNullOrWhiteSpace(validUntil) ? null : validUntil,
            contractConfirmed,
            requiresFinancialGuarantee = requiresGuarantee,
        }, "Consent recorded.", Load);

    public Task<IActionResult> OnPostRefuseAsync(string reason) =>
        Act(Resource + "/decisions", new { decision = "refuse", reason }, "Refusal recorded.", Load);

    public Task<IActionResult> OnPostWithdrawAsync(string reason) => Act(Resource + "/withdrawals", new { reason }, "Consent withdrawn.", Load);

    public Task<IActionResult> OnPostCancelAsync(string reason) => Act(Resource + "/cancellation", new { reason }, "Notification cancelled.", Load);

    public Task<IActionResult> OnPostGuaranteeAsync(string kind, string provider, string reference, decimal amount, string currency, string coverage, string validUntil,
        bool coversTransport, bool coversTreatment, bool coversStorage, int? firstShipment, int? lastShipment) =>
        Act(Resource + "/guarantee", new
        {
            kind, provider, reference, amount, currency, coverage, validUntil,
            cover = new { transport = coversTransport, treatment = coversTreatment, storageNinetyDays = coversStorage },
            firstShipment, lastShipment,
        }, "Guarantee recorded.", Load);

    public Task<IActionResult> OnPostApproveAsync() => Act(Resource + "/guarantee/approval", null, "Guarantee approved.", Load);

    public Task<IActionResult> OnPostReleaseAsync() => Act(Resource + "/guarantee/release", null, "Guarantee released.", Load);

    public async Task<IActionResult> OnPostAnnounceAsync(decimal quantity, string unit, string plannedDeparture, string carrier, string packaging, int packages)
    {
        var result = await Post(Resource + "/shipments", new { quantity, unit, plannedDeparture, carriers = new[] { carrier }, packaging, packages });
        if (!result.Ok)
        {
            Failure = result;
            return await Load();
        }

        var created = result.As<ShipmentCreated>();
        Flash = $"Shipment {created?.ShipmentNumber} announced; the movement document is ready.";
        return Redirect($"/ui/shipments/{created?.ShipmentId}");
    }
}
