using WasteMovements.Api.Pipeline;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Deadlines;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Api.CodeLists;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.PreconsentedFacilities;
using Marten;

namespace WasteMovements.Api.Notifications;

public sealed record NotificationCreated(string NotificationNumber, long Version);

/// <summary>
/// POST /api/notifications: the competent authority of the state of export files a notification
/// (Basel Art. 6(1)). Validated (400) by <see cref="FileNotificationValidator"/>, decided by
/// <see cref="Filing.File"/>, then <see cref="NotificationFiled"/> starts the notification's stream.
/// </summary>
public static class FileNotificationEndpoint
{
    [WolverinePost("/api/notifications", Name = "FileNotification")]
    [Authorize(Policy = Policies.Authority)]
    public static async Task<IResult> Post(NotificationParticulars body, StepWriter write, CountryRegistryProvider registry, NotificationNumbers numbers,
        IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var registryNow = await registry.CurrentAsync(ct);
        // The records the filing names, for the pure checks: the pre-consent register entry (EU 2024/1157 Art. 14) and the
        // notification an onward delivery follows (Art. 15(7)-(8)).
        var (preconsent, earlier) = await NamedRecords.LoadAsync(session, body, ct);
        // Checked before a number of the state's sequence is spent on a filing that will be refused.
        if (Filing.Check(body, write.Actor, registryNow, clock.GetUtcNow(), preconsent, earlier) is { } refusal) return Problems.Result(refusal);
        var number = await numbers.NextAsync(body.StateOfExport, clock.GetUtcNow().Year, ct);
        return await write.StartNotification(number, new NewNotification(number, registryNow, preconsent, earlier), body, Filing.File,
            written => Results.Created($"/api/notifications/{number}", new NotificationCreated(number, written.Version)));
    }
}
