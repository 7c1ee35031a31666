using WasteMovements.Api.Pipeline;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Consent;

public sealed class DecideOnConsentValidator : AbstractValidator<DecideOnConsent>
{
    public DecideOnConsentValidator()
    {
        RuleFor(x => x.Decision).IsInEnum();
        When(x => x.Decision == ConsentDecisionKind.Consent, () =>
        {
            RuleFor(x => x.ValidFrom).NotNull().WithMessage("A consent states the first day of its validity.");
            RuleFor(x => x.ValidUntil).NotNull().WithMessage("A consent states the last day of its validity.");
            RuleFor(x => x.ValidUntil).GreaterThanOrEqualTo(x => x.ValidFrom)
                .When(x => x.ValidFrom is not null && x.ValidUntil is not null)
                .WithMessage("The validity cannot end before it starts.");
            RuleFor(x => x.Conditions).Must(c => c is null || c.Count <= 50).WithMessage("At most 50 conditions.");
            RuleForEach(x => x.Conditions).NotEmpty().MaximumLength(2000);
        });
        When(x => x.Decision == ConsentDecisionKind.Refuse, () =>
            RuleFor(x => x.Reason).NotEmpty().WithMessage("A refusal states its reason (Basel Art. 6(2); EU Art. 9(1)).").MaximumLength(4000));
    }
}

/// <summary>
/// POST /api/notifications/{number}/decisions: the authority of the state of import, of a transit state (or,
/// under the EU regime, of dispatch) consents with conditions and validity, or refuses with a reason.
/// </summary>
public static class DecideEndpoint
{
    [WolverinePost("/api/notifications/{number}/decisions", Name = "DecideOnConsent")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string number, DecideOnConsent body, StepWriter write) => write.OnNotification(number, body, Procedure.DecideOnConsent);
}
