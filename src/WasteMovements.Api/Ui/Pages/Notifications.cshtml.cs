using Microsoft.AspNetCore.Mvc;
using WasteMovements.Api.Notifications;

namespace WasteMovements.Api.Ui.Pages;

public sealed class NotificationsModel(UiIdentity identity, ApiClient api) : UiPage(identity, api)
{
    public const int PageSize = 20;
    public static readonly string[] Statuses =
        ["filed", "acknowledged", "awaitingInformation", "consented", "partiallyConsented", "refused", "withdrawn", "cancelled", "expired", "closed"];

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public NotificationPage? Listing { get; private set; }

    public async Task OnGetAsync()
    {
        var result = await Get("/api/notifications" + Query(PageNumber));
        if (result.Ok) Listing = result.As<NotificationPage>();
        else Failure = result;
    }

    public string Link(int page) => "/ui/notifications" + Query(page);

    private string Query(int page)
    {
        var parts = new List<string> { $"page={Math.Max(1, page)}", $"pageSize={PageSize}" };
        void Add(string name, string? value) { if (!string.IsNullOrWhiteSpace(value)) parts.Add($"{name}={Uri.EscapeDataString(value)}"); }
        Add("status", Status);
        Add("role", Role);
        Add("state", State);
        Add("from", From);
        Add("to", To);
        return "?" + string.Join("&", parts);
    }
}
