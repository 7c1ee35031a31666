using WasteMovements.Api.Pipeline;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Notifications;

public sealed class CancelNotificationValidator : AbstractValidator<CancelNotification>
{
    public CancelNotificationValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(4000);
}

/// <summary>POST /api/notifications/{number}/cancellation: the state of export cancels its notification.</summary>
public static class CancelNotificationEndpoint
{
    [WolverinePost("/api/notifications/{number}/cancellation", Name = "CancelNotification")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string number, CancelNotification body, StepWriter write) => write.OnNotification(number, body, Procedure.Cancel);
}
