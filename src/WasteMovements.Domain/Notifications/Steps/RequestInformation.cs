using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Notifications;

/// <summary>POST .../information-requests: an import or transit authority asks the notifier, through the state of export, for more information.</summary>
public sealed record RequestInformation(string Questions);

public static partial class Procedure
{
    /// <summary>
    /// Basel Art. 6(2), 6(4); EU Art. 8(7)-(9): an authority asks for more information; its clock pauses. Requests
    /// are numbered per file (IR-1, IR-2, ...): the file is written under a lock or a version check, so numbers never repeat.
    /// </summary>
    public static Decision RequestInformation(NotificationState n, Actor actor, RequestInformation command, DateTimeOffset now)
    {
        var (authority, refusal) = ImportOrTransit(n, actor, "Basel Art. 6(2), 6(4)");
        if (refusal is not null) return Decision.Refuse(refusal);
        if (Open(n) is { } closed) return Decision.Refuse(closed);
        if (authority!.HasDecided)
        {
            return Decision.Refuse("already-decided", "Basel Art. 6(2), 6(4)",
                $"{authority.State} has already decided on notification {n.Id}; it can no longer ask for information.");
        }

        if (n.Regime.Regime == ControlRegime.Eu && n.InformationRequests.Count(r => r.State == authority.State) >= EuMaximumRequests)
        {
            return Decision.Refuse("too-many-information-requests", "EU 2024/1157 Art. 8(9)",
                $"{authority.State} has made a request and two further requests; the notification must now be decided or declared not valid.");
        }

        var requestId = $"IR-{n.InformationRequests.Count + 1}";
        return Decision.Accept(new InformationRequested(requestId, authority.State, command.Questions.Trim(), now));
    }
}
