using WasteMovements.Api.Pipeline;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Consent;

/// <summary>
/// POST /api/notifications/{number}/acknowledgements: the authority of the state of import or of a transit
/// state acknowledges receipt (Basel Art. 6(4); OECD 3 working days; EU Art. 8(11)-(12)).
/// </summary>
public static class AcknowledgeEndpoint
{
    [WolverinePost("/api/notifications/{number}/acknowledgements", Name = "AcknowledgeNotification")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string number, StepWriter write) => write.OnNotification(number, new AcknowledgeNotification(), Procedure.Acknowledge);
}
