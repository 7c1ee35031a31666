using WasteMovements.Api.Pipeline;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Consent;

public sealed class LiftObjectionValidator : AbstractValidator<LiftObjection>
{
    public LiftObjectionValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(4000);
}

/// <summary>
/// POST /api/notifications/{number}/objection-lifts: the authority that objected to a shipment for recovery lifts its
/// objection within the decision period (EU 2024/1157 Art. 12(3)-(4)) and may then decide again.
/// </summary>
public static class LiftObjectionEndpoint
{
    [WolverinePost("/api/notifications/{number}/objection-lifts", Name = "LiftObjection")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string number, LiftObjection body, StepWriter write) => write.OnNotification(number, body, Procedure.LiftObjection);
}
