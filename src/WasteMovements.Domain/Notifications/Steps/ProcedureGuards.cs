using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.Notifications;

/// <summary>
/// The consent procedure's steps (Basel Art. 6, OECD amber procedure, EU 2024/1157 Art. 8-9) as pure functions of
/// the shape <see cref="Step{TState,TCommand}"/>, one file per step beside its command. An authority acts only for
/// its own state (403 otherwise). This file holds the checks several steps share.
/// </summary>
public static partial class Procedure
{
    /// <summary>EU 2024/1157 Art. 8(4), 8(9): a request and at most two further requests per authority.</summary>
    public const int EuMaximumRequests = 3;

    internal static Refusal NotConcerned(NotificationState n, Actor actor) =>
        new("not-concerned", "Basel Art. 2(13)",
            $"{(actor.State.Length > 0 ? actor.State : actor.ActingFor)} is not a state concerned by notification {n.Id}.", RefusalKind.NotPermitted);

    /// <summary>Why no step of the consent procedure may be taken on a file that has ended, or null while it is open.</summary>
    internal static Refusal? Open(NotificationState n) => n.Status switch
    {
        NotificationStatus.Cancelled => new Refusal("notification-cancelled", "Basel Art. 6(1)",
            $"Notification {n.Id} was cancelled by the state of export."),
        NotificationStatus.Expired => new Refusal("consent-expired", "EU 2024/1157 Art. 9(4); Basel Art. 6(8)",
            $"The consent to notification {n.Id} has expired."),
        NotificationStatus.Closed => new Refusal("notification-closed", "Basel Art. 6(9)", $"Notification {n.Id} is closed."),
        NotificationStatus.Refused => new Refusal("notification-refused", "Basel Art. 6(2), 6(4)",
            $"A state concerned refused notification {n.Id}; the procedure has ended."),
        NotificationStatus.CeasedToBeValid => new Refusal("notification-ceased-to-be-valid", Objections.Article124,
            $"An objection to notification {n.Id} was not resolved within the decision period; the notification ceased to be valid and a new one is needed."),
        NotificationStatus.Withdrawn => new Refusal("consent-withdrawn", "EU 2024/1157 Art. 9(7)-(8)",
            $"A consent to notification {n.Id} was withdrawn; the procedure has ended."),
        _ => null,
    };

    /// <summary>The import or transit authority of the caller's state, or the reason it may not act.</summary>
    internal static (AuthorityState? Authority, Refusal? Refusal) ImportOrTransit(NotificationState n, Actor actor, string article)
    {
        if (!n.Concerns(actor.State)) return (null, NotConcerned(n, actor));
        var authority = n.AuthorityOf(actor.State);
        if (authority is null || authority.Role == AuthorityRole.Export)
        {
            return (null, new Refusal("not-import-or-transit", article,
                $"Only the authorities of the states of import and transit act on this step; {actor.State} is the state of export.",
                RefusalKind.NotPermitted));
        }

        return (authority, null);
    }

    /// <summary>Steps only the state of export takes: a state concerned is told so (403), anyone else is not concerned.</summary>
    internal static Refusal? OnlyStateOfExport(NotificationState n, Actor actor, string step)
    {
        if (actor.IsAuthorityOf(n.StateOfExport)) return null;
        return n.Concerns(actor.State)
            ? new Refusal("not-state-of-export", "Basel Art. 6(1)",
                $"Only the competent authority of the state of export ({n.StateOfExport}) {step}.", RefusalKind.NotPermitted)
            : NotConcerned(n, actor);
    }
}
