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
using WasteMovements.Domain.Reports.PartII;

namespace WasteMovements.Api.Reports;

/// <summary>
/// GET /api/reports/annual?state=DE&amp;year=2026&amp;format=json|csv|xlsx[&amp;table=exports|...]: that state's authority and
/// auditors. The JSON carries the Part II tables (<c>partII</c>), derived from the folded report when it is read.
/// </summary>
public static class GetAnnualReportEndpoint
{
    [WolverineGet("/api/reports/annual", Name = "GetAnnualReport")]
    [Authorize(Policy = Policies.AuthorityOrAuditor)]
    public static async Task<IResult> Get(ClaimsPrincipal user, IQuerySession session, CodeListCatalog codes, CancellationToken ct,
        string? state = null, int? year = null, string format = "json", string? table = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (state is null || !codes[CodeListCatalog.Countries].Contains(state)) errors["state"] = ["state must be an ISO 3166-1 alpha-2 country code."];
        if (year is null or < 1992 or > 2100) errors["year"] = ["year must be a calendar year from 1992 (the Convention's entry into force)."];
        if (format is not ("json" or "csv" or "xlsx")) errors["format"] = ["format is json, csv or xlsx."];
        if (table is not null && (format != "csv" || !PartIIFiles.Tables.Contains(table)))
        {
            errors["table"] = [$"table is one of {string.Join(", ", PartIIFiles.Tables)}, with format=csv."];
        }
        if (errors.Count > 0) return Results.ValidationProblem(errors, type: Problems.TypeBase + "validation", title: "The request is invalid");

        var actor = ActorClaims.From(user);
        if (actor.IsAuthority && !string.Equals(actor.Country, state, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Result(Problems.Create(StatusCodes.Status403Forbidden, "not-your-state", "Not permitted for your authority",
                $"An authority reads its own state's report; you act for {actor.Country}."));
        }

        var report = await session.LoadAsync<AnnualReport>(AnnualReport.Key(state!, year!.Value), ct) ?? AnnualReport.Empty(state!, year.Value);
        var partII = PartIITables.Of(report);
        var name = $"basel-report-{report.State}-{report.Year}";
        return (format, table) switch
        {
            ("csv", null) => Results.Text(Csv(report), "text/csv; charset=utf-8", Encoding.UTF8),
            ("csv", { } t) => Results.File(Encoding.UTF8.GetBytes(PartIIFiles.Csv(partII, t)), "text/csv; charset=utf-8", $"{name}-{t}.csv"),
            ("xlsx", _) => Results.File(PartIIWorkbook.Write(partII), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{name}.xlsx"),
            _ => Results.Ok(report with { PartII = partII }),
        };
    }

    public static string Csv(AnnualReport r)
    {
        static string F(object? v)
        {
            var s = v switch
            {
                decimal d => d.ToString(CultureInfo.InvariantCulture),
                DateTimeOffset t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => v?.ToString() ?? "",
            };
            return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        }

        var csv = new StringBuilder();
        csv.AppendLine($"# Basel Convention Art. 13(3) annual report,{F(r.State)},{r.Year}");
        csv.AppendLine("section,direction,counterpart,waste_code,y_codes,h_codes,operation,unit,quantity,shipments,notifications,transit_states,pops,mercury");
        foreach (var l in r.Lines)
        {
            csv.AppendLine(string.Join(',', "movements", l.Direction.ToString().ToLowerInvariant(), F(l.Counterpart), F(l.WasteCode), F(l.YCodes), F(l.HCodes), F(l.Operation),
                F(l.Unit), F(l.Quantity), l.Shipments, l.Notifications.Count, F(string.Join(' ', l.TransitStates)), l.ContainsPops, l.ContainsMercury));
        }

        csv.AppendLine("section,direction,counterpart,shipment,quantity,date,cause,exporter_at_fault");
        foreach (var t in r.TakeBacks)
        {
            csv.AppendLine(string.Join(',', "take-back", t.Direction.ToString().ToLowerInvariant(), F(t.Counterpart), F(t.ShipmentId), F(t.Quantity), F(t.ReturnedAt), "", ""));
        }

        foreach (var i in r.IllegalTraffic)
        {
            csv.AppendLine(string.Join(',', "illegal-traffic", i.Direction.ToString().ToLowerInvariant(), F(i.Counterpart), F(i.CaseId ?? i.ShipmentId), "", F(i.FoundAt), F(i.Cause), i.ExporterAtFault));
        }

        // EU 2024/1157 Art. 18: green-listed waste and samples with Annex VII information, apart from the notified movements.
        if (r.AnnexVII.Count > 0) csv.AppendLine("section,direction,counterpart,waste_code,operation,samples,tonnes,shipments,documents");
        foreach (var a in r.AnnexVII)
        {
            csv.AppendLine(string.Join(',', "annex-vii", a.Direction.ToString().ToLowerInvariant(), F(a.Counterpart), F(a.WasteCode), F(a.Operation), a.Samples, F(a.Tonnes), a.Shipments, a.Documents.Count));
        }

        return csv.ToString();
    }
}
