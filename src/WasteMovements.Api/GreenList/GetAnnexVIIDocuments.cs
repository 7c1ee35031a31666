using System.Security.Claims;
using Marten;
using Marten.Linq.MatchesSql;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.GreenList;

namespace WasteMovements.Api.GreenList;

/// <summary>One line of the list, with what is due next and by whom (the inbox of these documents).</summary>
public sealed record AnnexVIIDocumentSummary(string DocumentId, AnnexVIIStatus Status, string StateOfDispatch, string StateOfDestination,
    string WasteCode, string Operation, decimal QuantityTonnes, DateOnly ShipmentDate, bool Sample, string FacilityId, string ArrangerId,
    string? NextStep, DateOnly? RecoveryDueBy, long Version)
{
    public static AnnexVIIDocumentSummary Of(AnnexVIIDocumentState d) => new(d.Id, d.Status, d.Particulars.StateOfDispatch, d.Particulars.StateOfDestination,
        d.Particulars.WasteCode, d.Particulars.Operation, d.Particulars.QuantityTonnes, d.Particulars.ShipmentDate, d.Particulars.Sample, d.FacilityId,
        d.ArrangerId, NextStepOf(d), d.RecoveryDueBy, d.Version);

    /// <summary>Art. 18(8)-(9): the same pure function as the facility's inbox.</summary>
    public static string? NextStepOf(AnnexVIIDocumentState d) => AnnexVIIInbox.NextStep(d);
}

public sealed record AnnexVIIDocumentPage(IReadOnlyList<AnnexVIIDocumentSummary> Items, int Page, int PageSize, bool HasMore);

public static class GetAnnexVIIDocumentsEndpoints
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// Who may see a document: the authorities of the states it concerns (Art. 18(4)), its facility, the undertaking that
    /// arranged it and its consignee, and auditors. An authority never sees another state's document.
    /// </summary>
    public static bool MaySee(Actor actor, AnnexVIIDocumentState d) =>
        actor.IsAuditor
        || (actor.IsAuthority && d.Concerns(actor.State))
        || actor.IsFacilityOf(d.FacilityId)
        || actor.IsUndertakingOf(d.ArrangerId) || actor.IsUndertakingOf(d.ConsigneeId);

    /// <summary>GET /api/annex-vii-documents/{documentId}.</summary>
    [WolverineGet("/api/annex-vii-documents/{documentId}", Name = "GetAnnexVIIDocument")]
    [Authorize(Policy = Policies.GreenList)]
    public static async Task<IResult> Get(string documentId, ClaimsPrincipal user, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var d = await session.LoadAsync<AnnexVIIDocumentState>(documentId, ct);
        if (d is null) return Problems.NotFound("Annex VII document", documentId);
        if (!MaySee(ActorClaims.From(user), d)) return Problems.NotConcerned($"You are not concerned by {documentId}: a state, its facility, its arranger or its consignee.");
        http.Response.Headers.ETag = $"\"{d.Version}\"";
        return Results.Ok(d);
    }

    /// <summary>
    /// GET /api/annex-vii-documents?status=&amp;page=&amp;pageSize=: the caller's documents, newest first: an authority's
    /// those concerning its state, a facility's those naming it, an undertaking's those it arranged or receives, an
    /// auditor's all.
    /// </summary>
    [WolverineGet("/api/annex-vii-documents", Name = "ListAnnexVIIDocuments")]
    [Authorize(Policy = Policies.GreenList)]
    public static async Task<IResult> List(ClaimsPrincipal user, IQuerySession session, CancellationToken ct,
        string? status = null, int page = 1, int pageSize = 20)
    {
        var errors = new Dictionary<string, string[]>();
        AnnexVIIStatus? wanted = null;
        if (status is not null)
        {
            if (Enum.TryParse<AnnexVIIStatus>(status, true, out var s) && !int.TryParse(status, out _)) wanted = s;
            else errors["status"] = [$"'{status}' is not a status (filled, received, recovered)."];
        }

        if (page < 1) errors["page"] = ["page starts at 1."];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize is 1 to {MaxPageSize}."];
        if (errors.Count > 0) return Results.ValidationProblem(errors, type: Problems.TypeBase + "validation", title: "The request is invalid");

        var actor = ActorClaims.From(user);
        var query = session.Query<AnnexVIIDocumentState>().AsQueryable();
        if (actor.IsAuthority)
        {
            query = query.Where(x => x.MatchesSql("d.states_concerned @> ?::text[]", new object[] { new[] { actor.State } }));
        }
        else if (actor.IsFacility)
        {
            var facility = actor.Facility!;
            query = query.Where(x => x.FacilityId == facility);
        }
        else if (actor.IsUndertaking)
        {
            var undertaking = actor.Undertaking!;
            query = query.Where(x => x.ArrangerId == undertaking || x.ConsigneeId == undertaking);
        }
        else if (!actor.IsAuditor)
        {
            return Problems.NotConcerned("Your role sees no Annex VII documents.");
        }

        if (wanted is { } w) query = query.Where(x => x.Status == w);
        var rows = await query.OrderByDescending(x => x.FilledAt).Skip((page - 1) * pageSize).Take(pageSize + 1).ToListAsync(ct);
        return Results.Ok(new AnnexVIIDocumentPage(rows.Take(pageSize).Select(AnnexVIIDocumentSummary.Of).ToArray(), page, pageSize, rows.Count > pageSize));
    }
}
