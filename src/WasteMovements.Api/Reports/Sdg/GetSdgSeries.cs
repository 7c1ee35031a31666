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
using WasteMovements.Domain.Reports.Sdg;

namespace WasteMovements.Api.Reports.Sdg;

/// <summary>
/// GET /api/reports/sdg-12-4-2?state=DE&amp;year=2026&amp;format=json|csv: the SDG 12.4.2 series a state's movements give
/// (EN_HAZ_EXP, EN_HAZ_IMP, exports by type of treatment abroad), from its Art. 13(3) annual report. That state's
/// authority and auditors, as the annual report.
/// </summary>
public static class GetSdgSeriesEndpoint
{
    [WolverineGet("/api/reports/sdg-12-4-2", Name = "GetSdgSeries")]
    [Authorize(Policy = Policies.AuthorityOrAuditor)]
    public static async Task<IResult> Get(ClaimsPrincipal user, IQuerySession session, CodeListCatalog codes, CancellationToken ct,
        string? state = null, int? year = null, string format = "json")
    {
        var errors = new Dictionary<string, string[]>();
        if (state is null || !codes[CodeListCatalog.Countries].Contains(state)) errors["state"] = ["state must be an ISO 3166-1 alpha-2 country code."];
        if (year is null or < 1992 or > 2100) errors["year"] = ["year must be a calendar year from 1992 (the Convention's entry into force)."];
        if (format is not ("json" or "csv")) errors["format"] = ["format is json or csv."];
        if (errors.Count > 0) return Results.ValidationProblem(errors, type: Problems.TypeBase + "validation", title: "The request is invalid");

        var actor = ActorClaims.From(user);
        if (actor.IsAuthority && !string.Equals(actor.Country, state, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Result(Problems.Create(StatusCodes.Status403Forbidden, "not-your-state", "Not permitted for your authority",
                $"An authority reads its own state's SDG series; you act for {actor.Country}."));
        }

        var report = await session.LoadAsync<AnnualReport>(AnnualReport.Key(state!, year!.Value), ct) ?? AnnualReport.Empty(state!, year.Value);
        var series = SdgSeries.From(report);
        return format == "csv" ? Results.Text(Csv(series), "text/csv; charset=utf-8", Encoding.UTF8) : Results.Ok(series);
    }

    public const string CsvHeader = "state,year,series,treatment,operations,tonnes,shipments";

    /// <summary>One row per series value, then one per type of treatment abroad (series EN_HAZ_EXP with a treatment).</summary>
    public static string Csv(SdgSeries s)
    {
        static string T(decimal d) => d.ToString("0.000", CultureInfo.InvariantCulture);
        var csv = new StringBuilder().Append(CsvHeader).Append("\r\n");
        foreach (var v in s.Series) csv.Append($"{s.State},{s.Year},{v.Series},,,{T(v.Tonnes)},{v.Shipments}\r\n");
        foreach (var t in s.TreatedAbroad) csv.Append($"{s.State},{s.Year},{SdgSeries.Exported},{t.Treatment},{string.Join(' ', t.Operations)},{T(t.Tonnes)},{t.Shipments}\r\n");
        return csv.ToString();
    }
}
