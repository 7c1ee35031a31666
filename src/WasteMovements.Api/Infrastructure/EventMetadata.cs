using Marten;
using WasteMovements.Api.Security;

namespace WasteMovements.Api.Infrastructure;

/// <summary>
/// Wolverine middleware on every write endpoint: records on each appended event who acted (the person,
/// <c>sub</c>), for which authority or facility, and the request's correlation id.
/// </summary>
public static class EventMetadataMiddleware
{
    public const string AuthorityHeader = "authority";
    public const string RoleHeader = "role";

    public static void Before(HttpContext context, IDocumentSession session)
    {
        var actor = ActorClaims.From(context.User);
        session.LastModifiedBy = actor.Person;
        session.CorrelationId = CorrelationMiddleware.Get(context);
        session.SetHeader(AuthorityHeader, actor.ActingFor);
        session.SetHeader(RoleHeader, actor.Role.ToString().ToLowerInvariant());
    }
}
