using System.Globalization;
using System.Security.Claims;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Reports;
using WasteMovements.Domain.Reports.Mirror;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Reports.Mirror;

/// <summary>
/// GET /api/reports/mirror?state=MY&amp;partner=JP&amp;year=2026[&amp;by=waste|y][&amp;tolerance=2][&amp;format=json|csv]: a
/// state's annual report against the figures its partner reported (the latest load), per direction and code, with the
/// state's own movements that explain each difference. That state's authority and auditors.
/// </summary>
public static class GetMirrorComparisonEndpoint
{
    [WolverineGet("/api/reports/mirror", Name = "GetMirrorComparison")]
    [Authorize(Policy = Policies.AuthorityOrAuditor)]
    public static async Task<IResult> Get(ClaimsPrincipal user, IQuerySession session, CodeListCatalog codes, CancellationToken ct,
        string? state = null, string? partner = null, int? year = null, string by = "waste", decimal? tolerance = null, string format = "json")
    {
        var countries = codes[CodeListCatalog.Countries];
        var errors = new Dictionary<string, string[]>();
        if (state is null || !countries.Contains(state)) errors["state"] = ["state must be an ISO 3166-1 alpha-2 country code."];
        if (partner is null || !countries.Contains(partner)) errors["partner"] = ["partner must be an ISO 3166-1 alpha-2 country code."];
        else if (string.Equals(partner, state, StringComparison.OrdinalIgnoreCase)) errors["partner"] = ["partner is another state than state."];
        if (year is null or < 1992 or > 2100) errors["year"] = ["year must be a calendar year from 1992 (the Convention's entry into force)."];
        if (by is not ("waste" or "y")) errors["by"] = ["by is waste (the waste code) or y (the Y codes)."];
        if (tolerance is < 0 or > 100) errors["tolerance"] = ["tolerance is a percentage from 0 to 100."];
        if (format is not ("json" or "csv")) errors["format"] = ["format is json or csv."];
        if (errors.Count > 0) return Results.ValidationProblem(errors, type: Problems.TypeBase + "validation", title: "The request is invalid");

        var actor = ActorClaims.From(user);
        if (actor.IsAuthority && !string.Equals(actor.Country, state, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Result(Problems.Create(StatusCodes.Status403Forbidden, "not-your-state", "Not permitted for your authority",
                $"An authority compares its own state's report; you act for {actor.Country}."));
        }

        var comparison = await CompareAsync(session, state!.ToUpperInvariant(), partner!.ToUpperInvariant(), year!.Value,
            by == "y" ? MirrorCodeKind.Y : MirrorCodeKind.Waste, tolerance ?? MirrorStatistics.DefaultTolerancePercent, ct);
        return format == "csv" ? Results.Text(Csv(comparison), "text/csv; charset=utf-8", Encoding.UTF8) : Results.Ok(comparison);
    }

    /// <summary>The comparison as the route and the UI show it: the report (async projection), the latest load, the shipments between the two states.</summary>
    public static async Task<MirrorComparison> CompareAsync(IQuerySession session, string state, string partner, int year, MirrorCodeKind by, decimal tolerance,
        CancellationToken ct)
    {
        var report = await session.LoadAsync<AnnualReport>(AnnualReport.Key(state, year), ct) ?? AnnualReport.Empty(state, year);
        var figures = await session.Query<PartnerFigures>()
            .Where(f => f.State == state && f.Partner == partner && f.Year == year)
            .OrderByDescending(f => f.LoadedAt)
            .FirstOrDefaultAsync(ct);
        // Exports count in the year they left, imports in the year they arrived: a shipment of the year left in it or the one before.
        var from = new DateTimeOffset(year - 1, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var shipments = await session.Query<ShipmentState>()
            .Where(s => ((s.StateOfExport == state && s.Document.StateOfImport == partner) || (s.StateOfExport == partner && s.Document.StateOfImport == state))
                        && s.DepartedAt >= from && s.DepartedAt < to)
            .ToListAsync(ct);
        return MirrorStatistics.Compare(report, partner, figures, shipments, by, tolerance);
    }

    public static string Csv(MirrorComparison c)
    {
        static string F(object? v)
        {
            var s = v switch
            {
                decimal d => d.ToString("0.###", CultureInfo.InvariantCulture),
                _ => v?.ToString() ?? "",
            };
            return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        }

        var csv = new StringBuilder();
        csv.AppendLine($"# Mirror statistics (Basel Convention Art. 13(3)(b)),{c.State},{c.Partner},{c.Year},by {c.By.ToString().ToLowerInvariant()},tolerance {F(c.TolerancePercent)} %,"
                       + F(c.PartnerFigures is { } p ? $"partner figures {p.Source} loaded {p.LoadedAt:yyyy-MM-dd} sha256 {p.FileHash}" : "no partner figures loaded"));
        csv.AppendLine("direction,code,our_tonnes,partner_tonnes,difference_tonnes,difference_percent,within_tolerance,our_shipments,partner_shipments,our_cubic_metres,partner_rows,explaining_shipments");
        foreach (var cell in c.Cells)
        {
            csv.AppendLine(string.Join(',', cell.Direction.ToString().ToLowerInvariant(), F(cell.Code), F(cell.OurTonnes), F(cell.PartnerTonnes), F(cell.Difference),
                F(cell.DifferencePercent), cell.WithinTolerance ? "true" : "false", cell.OurShipments, cell.PartnerShipments, F(cell.OurCubicMetres),
                F(string.Join(' ', cell.PartnerRows)), F(string.Join(' ', cell.Movements.Select(m => $"{m.ShipmentId}({string.Join('+', m.Reasons)})")))));
        }

        return csv.ToString();
    }
}
