using System.Text.Json.Serialization;
using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Notifications;

/// <summary>POST .../information-requests/{requestId}/answer: the state of export answers (the request id comes from the route).</summary>
public sealed record AnswerInformationRequest(string Answer, IReadOnlyList<string>? Attachments)
{
    [JsonIgnore]
    public string RequestId { get; init; } = "";
}

public static partial class Procedure
{
    /// <summary>The state of export answers an information request (the notifier's answer goes through its authority); the asking authority's clock runs again.</summary>
    public static Decision AnswerInformationRequest(NotificationState n, Actor actor, AnswerInformationRequest command, DateTimeOffset now)
    {
        if (OnlyStateOfExport(n, actor, "answers information requests") is { } refusal) return Decision.Refuse(refusal);

        var request = n.InformationRequests.FirstOrDefault(r => r.RequestId == command.RequestId);
        if (request is null)
        {
            return Decision.Refuse(new Refusal("unknown-information-request", "Basel Art. 6(2)",
                $"Notification {n.Id} has no information request {command.RequestId}.", RefusalKind.NotFound));
        }

        if (Open(n) is { } closed) return Decision.Refuse(closed);
        if (request.AnsweredAt is not null)
        {
            return Decision.Refuse("already-answered", "Basel Art. 6(2)",
                $"Information request {command.RequestId} was answered on {request.AnsweredAt:yyyy-MM-dd}.");
        }

        return Decision.Accept(new InformationProvided(command.RequestId, request.State, command.Answer.Trim(), command.Attachments ?? [], now));
    }
}
