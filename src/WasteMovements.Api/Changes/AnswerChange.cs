using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Changes;

public sealed class AnswerChangeValidator : AbstractValidator<AnswerChange>
{
    public AnswerChangeValidator()
    {
        RuleFor(x => x.Answer).IsInEnum();
        RuleFor(x => x.Reason).NotEmpty().When(x => x.Answer == ChangeAnswerKind.NewNotificationRequired)
            .WithMessage("Requiring a new notification states the reason (EU 2024/1157 Art. 17(2)).");
        RuleFor(x => x.Reason).MaximumLength(4000);
    }
}

/// <summary>
/// POST /api/notifications/{number}/changes/{changeId}/answers: an authority concerned says whether an essential change
/// needs a new notification (EU 2024/1157 Art. 17(2)), decided by <see cref="Procedure.AnswerChange"/>.
/// </summary>
public static class AnswerChangeEndpoint
{
    [WolverinePost("/api/notifications/{number}/changes/{changeId}/answers", Name = "AnswerNotificationChange")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string number, string changeId, AnswerChange body, StepWriter write) =>
        write.OnNotification(number, body with { ChangeId = changeId }, Procedure.AnswerChange);
}
