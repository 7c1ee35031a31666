using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Notifications;

public sealed record CancelNotification(string Reason);

public sealed class CancelNotificationValidator : AbstractValidator<CancelNotification>
{
    public CancelNotificationValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(4000);
}

/// <summary>POST /api/notifications/{number}/cancellation: the state of export cancels its notification.</summary>
public static class CancelNotificationEndpoint
{
    [WolverinePost("/api/notifications/{number}/cancellation", Name = "CancelNotification")]
    [Authorize(Policy = Policies.Authority)]
    public static async Task<IResult> Post(string number, CancelNotification body, HttpContext http, IDocumentSession session, IMessageBus bus,
        TimeProvider clock, CancellationToken ct) =>
        (await NotificationWriter.ExecuteAsync(number, http, session, bus, clock,
            (state, actor, now) => Procedure.Cancel(state, actor, body.Reason, now), ct)).Result;
}
