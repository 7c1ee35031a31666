using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Domain.Reports.OpenData;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.OpenData;

/// <summary>
/// GET /api/open-data/flows?year=2026&amp;format=json|csv: the aggregated flows of a year for regional monitoring networks
/// (layout B, docs/open-data/open-flows-1.schema.json), under CC-BY-4.0. Anonymous and read-only; cells below the
/// disclosure threshold are left out (decision 0016). A weak ETag over the published content answers 304 to If-None-Match.
/// </summary>
public static class GetOpenFlowsEndpoint
{
    public const string DefaultPublisher = "WasteMovements register of transboundary movements";

    [WolverineGet("/api/open-data/flows", Name = "GetOpenDataFlows")]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, TimeProvider clock, IConfiguration configuration,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct, int? year = null, string format = "json")
    {
        var errors = new Dictionary<string, string[]>();
        if (year is null or < 1992 or > 2100) errors["year"] = ["year must be a calendar year from 1992 (the Convention's entry into force)."];
        if (format is not ("json" or "csv")) errors["format"] = ["format is json or csv."];
        if (errors.Count > 0) return Results.ValidationProblem(errors, type: Problems.TypeBase + "validation", title: "The request is invalid");

        // Shipments received in the year (the month of a flow is the month of receipt, UTC).
        var from = new DateTimeOffset(year!.Value, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var to = from.AddYears(1);
        var received = await session.Query<ShipmentState>()
            .Where(s => s.Receipt != null && s.Receipt.ReceivedAt >= from && s.Receipt.ReceivedAt < to)
            .ToListAsync(ct);
        var data = OpenFlows.Aggregate(year.Value, received.Select(OpenFlows.Of).OfType<ReceivedMovement>(),
            configuration["OpenData:Publisher"] ?? DefaultPublisher, clock.GetUtcNow());

        // The ETag covers what is published, not the moment it was generated: a harvester polling an unchanged year gets 304.
        var content = JsonSerializer.SerializeToUtf8Bytes(new { data.Year, data.Threshold, data.ShipmentsWithoutTonnes, data.Flows, data.Schema, data.Licence, format },
            json.Value.SerializerOptions);
        var etag = $"W/\"{Convert.ToHexString(SHA256.HashData(content))[..32].ToLowerInvariant()}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "public, max-age=300";
        http.Response.Headers["Link"] = $"<{OpenFlows.LicenceUrl}>; rel=\"license\", <{OpenFlows.SchemaId}>; rel=\"describedby\"";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        if (format == "csv")
        {
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"open-flows-{year}.csv\"";
            return Results.Text(OpenFlows.Csv(data), "text/csv; charset=utf-8", Encoding.UTF8);
        }

        return Results.Ok(data);
    }
}
