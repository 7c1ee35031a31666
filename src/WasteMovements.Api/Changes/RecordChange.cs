using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.CodeLists;
using WasteMovements.Api.Notifications;
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
    public static async Task<IResult> Post(string number, ChangeOfParticulars body, StepWriter write, CountryRegistryProvider registry,
        IQuerySession session, CancellationToken ct)
    {
        // The changed particulars are checked as a filing's are, so the step gets the records they name, loaded as the
        // filing endpoint loads them: the pre-consent entry (EU 2024/1157 Art. 14) and the earlier notification of an
        // onward delivery (Art. 15(7)-(8)). A change cannot alter either name (ChangeOfParticulars has neither), so the notification's own are read.
        var current = await session.LoadAsync<NotificationState>(number, ct);
        var (preconsent, earlier) = await NamedRecords.LoadAsync(session, current?.Particulars, ct);
        return await write.OnNotification(number, new RecordChange(body, await registry.CurrentAsync(ct), preconsent, earlier), Procedure.RecordChange);
    }
}
