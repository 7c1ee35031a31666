using WasteMovements.Api.Pipeline;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Consent;

public sealed class WithdrawConsentValidator : AbstractValidator<WithdrawConsent>
{
    public WithdrawConsentValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(4000);
}

/// <summary>POST /api/notifications/{number}/withdrawals: the state that consented withdraws its consent (EU Art. 9(7)-(8)).</summary>
public static class WithdrawEndpoint
{
    [WolverinePost("/api/notifications/{number}/withdrawals", Name = "WithdrawConsent")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string number, WithdrawConsent body, StepWriter write) => write.OnNotification(number, body, Procedure.WithdrawConsent);
}
