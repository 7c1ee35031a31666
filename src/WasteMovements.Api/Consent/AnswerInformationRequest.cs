using WasteMovements.Api.Pipeline;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Consent;

public sealed class AnswerInformationRequestValidator : AbstractValidator<AnswerInformationRequest>
{
    public AnswerInformationRequestValidator()
    {
        RuleFor(x => x.Answer).NotEmpty().MaximumLength(8000);
        RuleFor(x => x.Attachments).Must(a => a is null || a.Count <= 20).WithMessage("At most 20 attachments.");
        RuleForEach(x => x.Attachments).NotEmpty().MaximumLength(500);
    }
}

/// <summary>
/// POST /api/notifications/{number}/information-requests/{requestId}/answer: the state of export answers;
/// the asking authority's clock runs again.
/// </summary>
public static class AnswerInformationRequestEndpoint
{
    [WolverinePost("/api/notifications/{number}/information-requests/{requestId}/answer", Name = "AnswerInformationRequest")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string number, string requestId, AnswerInformationRequest body, StepWriter write) =>
        write.OnNotification(number, body with { RequestId = requestId }, Procedure.AnswerInformationRequest);
}
