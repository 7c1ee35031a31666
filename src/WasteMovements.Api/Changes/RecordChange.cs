using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.CodeLists;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Changes;

/// <summary>
/// POST /api/notifications/{number}/changes: the state of export's authority records a change of the consented
/// particulars (EU 2024/1157 Art. 17(1)), decided by <see cref="Procedure.RecordChange"/>.
/// </summary>
public static class RecordChangeEndpoint
{
    [WolverinePost("/api/notifications/{number}/changes", Name = "RecordNotificationChange")]
    [Authorize(Policy = Policies.Authority)]
    public static async Task<IResult> Post(string number, ChangeOfParticulars body, StepWriter write, CountryRegistryProvider registry, CancellationToken ct) =>
        await write.OnNotification(number, new RecordChange(body, await registry.CurrentAsync(ct)), Procedure.RecordChange);
}
