using WasteMovements.Api.Pipeline;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Consent;

public sealed class RequestInformationValidator : AbstractValidator<RequestInformation>
{
    public RequestInformationValidator() => RuleFor(x => x.Questions).NotEmpty().MaximumLength(4000);
}

public sealed record InformationRequestCreated(string NotificationNumber, long Version, string RequestId);

/// <summary>
/// POST /api/notifications/{number}/information-requests: an import or transit authority asks for more
/// information (Basel Art. 6(2), 6(4); EU Art. 8). Its decision clock pauses until the answer arrives.
/// </summary>
public static class RequestInformationEndpoint
{
    [WolverinePost("/api/notifications/{number}/information-requests", Name = "RequestInformation")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string number, RequestInformation body, StepWriter write) =>
        write.OnNotification(number, body, Procedure.RequestInformation, written => Results.Json(
            new InformationRequestCreated(written.Stream, written.Version, written.Decision!.Events.OfType<InformationRequested>().Single().RequestId),
            statusCode: StatusCodes.Status201Created));
}
