using WasteMovements.Api.Pipeline;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Consent;

/// <summary>
/// POST /api/notifications/{number}/completeness-confirmations: the destination's authority informs the notifier and
/// the other authorities that the notification is properly completed (EU 2024/1157 Art. 8(12)); the 30-day decision
/// period of Art. 9(1) runs from it.
/// </summary>
public static class ConfirmCompletenessEndpoint
{
    [WolverinePost("/api/notifications/{number}/completeness-confirmations", Name = "ConfirmNotificationCompleteness")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string number, StepWriter write) => write.OnNotification(number, new ConfirmCompleteness(), Procedure.ConfirmCompleteness);
}
