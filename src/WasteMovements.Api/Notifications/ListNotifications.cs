using System.Security.Claims;
using Marten;
using Marten.Linq.MatchesSql;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Notifications;

public sealed record NotificationSummary(
    string NotificationNumber,
    NotificationStatus Status,
    ControlRegime Regime,
    string StateOfExport,
    string StateOfImport,
    IReadOnlyList<string> TransitStates,
    string Waste,
    string Operation,
    DateTimeOffset FiledAt,
    long Version)
{
    public static NotificationSummary Of(NotificationState n) => new(n.Id, n.Status, n.Regime.Regime, n.StateOfExport, n.StateOfImport,
        n.Particulars.Transits.Select(t => t.State).ToArray(), n.Particulars.Waste.Designation, n.Particulars.Operation, n.FiledAt, n.Version);
}

/// <summary>
/// One page, newest first. <c>HasMore</c> instead of a total: counting a state's tens of thousands of files
/// took seconds per request at a million notifications (docs/decisions/0006-list-without-total.md).
/// </summary>
public sealed record NotificationPage(IReadOnlyList<NotificationSummary> Items, int Page, int PageSize, bool HasMore);

/// <summary>
/// GET /api/notifications?status=&amp;role=&amp;state=&amp;from=&amp;to=&amp;page=&amp;pageSize=: an authority's
/// notifications (those its state is concerned by; role = export, import or transit narrows it), or for an
/// auditor all of them (state= narrows it), newest first.
/// </summary>
public static class ListNotificationsEndpoint
{
    public const int MaxPageSize = 100;

    [WolverineGet("/api/notifications", Name = "ListNotifications")]
    [Authorize(Policy = Policies.AuthorityOrAuditor)]
    public static async Task<IResult> Get(ClaimsPrincipal user, IQuerySession session, CancellationToken ct,
        string? status = null, string? role = null, string? state = null, DateOnly? from = null, DateOnly? to = null,
        int page = 1, int pageSize = 20)
    {
        var errors = new Dictionary<string, string[]>();
        NotificationStatus? wantedStatus = null;
        if (status is not null)
        {
            if (Enum.TryParse<NotificationStatus>(status, true, out var s) && !int.TryParse(status, out _)) wantedStatus = s;
            else errors["status"] = [$"'{status}' is not a status ({string.Join(", ", Enum.GetNames<NotificationStatus>().Select(ToCamel))})."];
        }

        AuthorityRole? wantedRole = null;
        if (role is not null)
        {
            if (Enum.TryParse<AuthorityRole>(role, true, out var r) && !int.TryParse(role, out _)) wantedRole = r;
            else errors["role"] = [$"'{role}' is not a role (export, import, transit)."];
        }

        if (page < 1) errors["page"] = ["page starts at 1."];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize is 1 to {MaxPageSize}."];
        if (from is not null && to is not null && to < from) errors["to"] = ["to cannot be before from."];
        if (errors.Count > 0) return Results.ValidationProblem(errors, type: Problems.TypeBase + "validation", title: "The request is invalid");

        var actor = ActorClaims.From(user);
        var query = session.Query<NotificationState>().AsQueryable();
        // The concerned state's test on the small duplicated column comes first (EventStoreSetup); the role
        // tests on the document then run only for that state's own files.
        const string concerns = "d.states_concerned @> ?::text[]";
        if (actor.IsAuthority)
        {
            var country = actor.Country!;
            query = query.Where(x => x.MatchesSql(concerns, new object[] { new[] { country } }));
            query = wantedRole switch
            {
                AuthorityRole.Export => query.Where(x => x.Particulars.StateOfExport == country),
                AuthorityRole.Import => query.Where(x => x.Particulars.StateOfImport == country),
                AuthorityRole.Transit => query.Where(x => x.Authorities.Any(a => a.State == country && a.Role == AuthorityRole.Transit)),
                _ => query,
            };
        }
        else if (state is not null)
        {
            var wanted = state.ToUpperInvariant();
            query = query.Where(x => x.MatchesSql(concerns, new object[] { new[] { wanted } }));
        }

        if (wantedStatus is { } st) query = query.Where(x => x.Status == st);
        if (from is { } f) { var start = new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero); query = query.Where(x => x.FiledAt >= start); }
        if (to is { } t) { var end = new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero); query = query.Where(x => x.FiledAt < end); }

        // One row more than the page tells whether a next page exists, without counting the rest.
        var rows = await query.OrderByDescending(x => x.FiledAt).ThenByDescending(x => x.Id)
            .Skip((page - 1) * pageSize).Take(pageSize + 1).ToListAsync(ct);
        return Results.Ok(new NotificationPage(rows.Take(pageSize).Select(NotificationSummary.Of).ToArray(), page, pageSize, rows.Count > pageSize));
    }

    private static string ToCamel(string s) => char.ToLowerInvariant(s[0]) + s[1..];
}
