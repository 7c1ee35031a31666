using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using WasteMovements.Api.Deadlines;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Api.CodeLists;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Notifications;

public sealed record NotificationCreated(string NotificationNumber, long Version);

/// <summary>
/// POST /api/notifications: the competent authority of the state of export files a notification
/// (Basel Art. 6(1)). Validated (400) by <see cref="FileNotificationValidator"/>, decided by
/// <see cref="Filing.Decide"/>, then <see cref="NotificationFiled"/> starts the notification's stream.
/// </summary>
public static class FileNotificationEndpoint
{
    [WolverinePost("/api/notifications", Name = "FileNotification")]
    [Authorize(Policy = Policies.Authority)]
    public static async Task<IResult> Post(
        NotificationParticulars body,
        ClaimsPrincipal user,
        IDocumentSession session,
        CountryRegistryProvider registry,
        NotificationNumbers numbers,
        TimeProvider clock,
        IMessageBus bus,
        CancellationToken ct)
    {
        var actor = Actor.From(user);
        var now = clock.GetUtcNow();
        var registryNow = await registry.CurrentAsync(ct);

        // Checked before a number is spent on a filing that will be refused.
        if (Filing.Check(body, new AuthorityActor(actor.Person, actor.Country!), registryNow) is { } refusal)
        {
            return Problems.Result(refusal);
        }

        var number = await numbers.NextAsync(body.StateOfExport, now.Year, ct);
        var filed = Filing.File(body, number, registryNow, now);
        session.Events.StartStream<NotificationState>(number, filed);
        // Basel Art. 6(4): a transit state that accepts tacit consent is deemed to consent 60 days after receipt.
        await DeadlineScheduler.ScheduleAsync(session, bus, clock, null, NotificationEvolution.Create(filed));
        return Results.Created($"/api/notifications/{number}", new NotificationCreated(number, 1));
    }
}
