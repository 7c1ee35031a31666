using Microsoft.AspNetCore.Mvc;
using WasteMovements.Api.Audit;
using WasteMovements.Api.Changes;
using WasteMovements.Api.Shipments;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Ui.Pages;

/// <summary>One notification: parties, waste, states concerned, quantities, shipments, timeline and the caller's actions.</summary>
public sealed class NotificationModel(UiIdentity identity, ApiClient api, Exchange.ExchangeTopology exchange) : UiPage(identity, api)
{
    /// <summary>Whether this node exchanges with others: only then has the file an exchange proof (docs/exchange.md).</summary>
    public bool ExchangeEnabled => exchange.Enabled;

    [BindProperty(SupportsGet = true)] public string Number { get; set; } = "";
    public NotificationState? State { get; private set; }
    public NotificationShipments? Shipments { get; private set; }
    public HistoryPage? History { get; private set; }

    /// <summary>The notifications that renotify this one (EU 2024/1157 Art. 9(3)).</summary>
    public IReadOnlyList<Successor> Successors { get; private set; } = [];

    /// <summary>The caller's unanswered part of the pending change (EU 2024/1157 Art. 17(2)), if any.</summary>
    public ChangeAnswer? MyChangeAnswer => State?.PendingChange?.Answers.FirstOrDefault(a => a.State == Me.Country && a.AnsweredAt is null);

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
        Successors = (await Get(Resource + "/renotifications")).As<List<Successor>>() ?? [];
        return Page();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync() => Act(Resource + "/acknowledgements", null, "Receipt acknowledged.", Load);

    /// <summary>EU 2024/1157 Art. 8(12): the destination informs all that the notification is properly completed.</summary>
    public Task<IActionResult> OnPostConfirmCompletenessAsync() =>
        Act(Resource + "/completeness-confirmations", null, "All informed: the notification is properly completed; the 30-day decision period runs.", Load);

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

    /// <summary>EU 2024/1157 Art. 12(3): the objecting authority lifts its objection within the period.</summary>
    public Task<IActionResult> OnPostLiftObjectionAsync(string reason) =>
        Act(Resource + "/objection-lifts", new { reason }, "Objection lifted; decide on the notification again.", Load);

    public Task<IActionResult> OnPostWithdrawAsync(string reason) => Act(Resource + "/withdrawals", new { reason }, "Consent withdrawn.", Load);

    /// <summary>EU 2024/1157 Art. 17(1): the same body as POST .../changes; fields left empty stay as they are.</summary>
    public Task<IActionResult> OnPostChangeAsync(string reason, string? carrierName, string? carrierAddress, string? carrierRegistration,
        int? intendedShipments, decimal? totalQuantity, string? firstDeparture, string? lastDeparture, string? itinerary) =>
        Act(Resource + "/changes", ChangeBody(reason, carrierName, carrierAddress, carrierRegistration, intendedShipments, totalQuantity, firstDeparture, lastDeparture, itinerary),
            "Change recorded.", Load);

    public Task<IActionResult> OnPostAnswerChangeAsync(string changeId, string answer, string? reason) =>
        Act($"{Resource}/changes/{Uri.EscapeDataString(changeId)}/answers", new { answer, reason = string.IsNullOrWhiteSpace(reason) ? null : reason },
            "Answer sent.", Load);

    /// <summary>EU 2024/1157 Art. 9(3): the same body as POST .../renotifications; opens the new notification.</summary>
    public async Task<IActionResult> OnPostRenotifyAsync(string reason, string? carrierName, string? carrierAddress, string? carrierRegistration,
        int? intendedShipments, decimal? totalQuantity, string? firstDeparture, string? lastDeparture, string? itinerary)
    {
        var result = await Post(Resource + "/renotifications",
            ChangeBody(reason, carrierName, carrierAddress, carrierRegistration, intendedShipments, totalQuantity, firstDeparture, lastDeparture, itinerary));
        if (!result.Ok)
        {
            Failure = result;
            return await Load();
        }

        var created = result.As<WasteMovements.Api.Notifications.NotificationCreated>();
        Flash = $"Renotified as {created?.NotificationNumber}.";
        return Redirect($"/ui/notifications/{created?.NotificationNumber}");
    }

    private static object ChangeBody(string reason, string? carrierName, string? carrierAddress, string? carrierRegistration,
        int? intendedShipments, decimal? totalQuantity, string? firstDeparture, string? lastDeparture, string? itinerary) => new
    {
        reason,
        carriers = string.IsNullOrWhiteSpace(carrierName)
            ? null
            : new[] { new { name = carrierName, address = carrierAddress ?? "", registrationNumber = string.IsNullOrWhiteSpace(carrierRegistration) ? null : carrierRegistration,
                contact = new { name = carrierName, phone = (string?)null, email = (string?)null }, meansOfTransport = new[] { "road" } } },
        intendedShipments,
        totalQuantity,
        firstDeparture = string.IsNullOrWhiteSpace(firstDeparture) ? null : firstDeparture,
        lastDeparture = string.IsNullOrWhiteSpace(lastDeparture) ? null : lastDeparture,
        itinerary = string.IsNullOrWhiteSpace(itinerary) ? null : itinerary,
    };

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
