using Microsoft.AspNetCore.Mvc;
using WasteMovements.Api.Notifications;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Ui.Pages;

public sealed class InboxModel(UiIdentity identity, ApiClient api) : UiPage(identity, api)
{
    public InboxPage? Inbox { get; private set; }
    public IReadOnlyList<InboxItem> Items => Inbox?.Items ?? [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Me.IsAuditor || Me.IsAdmin) return Redirect("/ui/notifications");
        var result = await Get("/api/inbox");
        if (!result.Ok) Failure = result;
        Inbox = result.As<InboxPage>();
        return Page();
    }
}
