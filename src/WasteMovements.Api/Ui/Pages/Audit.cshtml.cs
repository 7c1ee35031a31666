using Microsoft.AspNetCore.Mvc;
using WasteMovements.Api.Audit;
using WasteMovements.Domain.Audit;

namespace WasteMovements.Api.Ui.Pages;

/// <summary>The auditor's view: history, the file as it stood at a chosen instant, and the chain verification.</summary>
public sealed class AuditModel(UiIdentity identity, ApiClient api) : UiPage(identity, api)
{
    [BindProperty(SupportsGet = true)] public string Number { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? At { get; set; }
    public HistoryPage? History { get; private set; }
    public ChainVerification? Integrity { get; private set; }
    public PointInTimeState? PointInTime { get; private set; }

    public async Task OnGetAsync()
    {
        var resource = $"/api/notifications/{Uri.EscapeDataString(Number)}";
        var history = await Get(resource + "/history?pageSize=1000");
        if (!history.Ok)
        {
            Failure = history;
            return;
        }

        History = history.As<HistoryPage>();
        if (Me.IsAuditor)
        {
            Integrity = (await Get(resource + "/integrity")).As<ChainVerification>();
            if (!string.IsNullOrWhiteSpace(At) && DateTimeOffset.TryParse(At, out var at))
            {
                var state = await Get($"{resource}/state?at={Uri.EscapeDataString(at.ToUniversalTime().ToString("O"))}");
                if (state.Ok) PointInTime = state.As<PointInTimeState>();
                else Failure = state;
            }
        }
    }
}
