using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;

namespace WasteMovements.Api.Ui.Pages;

public sealed class InboxModel(UiIdentity identity, ApiClient api) : UiPage(identity, api)
{
    public JsonNode? Inbox { get; private set; }
    public JsonArray Items => Inbox.A("items");

    public async Task<IActionResult> OnGetAsync()
    {
        if (Me.IsAuditor || Me.IsAdmin) return Redirect("/ui/notifications");
        var result = await Get("/api/inbox");
        if (!result.Ok) Failure = result;
        Inbox = result.Body;
        return Page();
    }
}
