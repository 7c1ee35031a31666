using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using WasteMovements.Api.Notifications;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Consent;

public sealed record RequestInformation(string Questions);

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
    public static async Task<IResult> Post(string number, RequestInformation body, HttpContext http, IDocumentSession session, IMessageBus bus,
        TimeProvider clock, CancellationToken ct)
    {
        var requestId = "IR-" + Guid.CreateVersion7().ToString("N")[..16];
        var (result, _) = await NotificationWriter.ExecuteAsync(number, http, session, bus, clock,
            (state, actor, now) => Procedure.RequestInformation(state, actor, requestId, body.Questions.Trim(), now), ct,
            StatusCodes.Status201Created, written => new InformationRequestCreated(written.NotificationNumber, written.Version, requestId));
        return result;
    }
}
