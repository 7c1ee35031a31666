using System.Security.Cryptography;
using System.Text;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Reports.Mirror;

namespace WasteMovements.Api.Reports.Mirror;

/// <summary>The answer to a load: what was stored (or, for a file loaded before, what is already there).</summary>
public sealed record PartnerFiguresLoaded(string Id, string State, string Partner, int Year, string Source, string FileHash, string? Publisher, int RowsInFile, int Flows,
    string LoadedBy, DateTimeOffset LoadedAt, bool AlreadyLoaded);

/// <summary>
/// POST /api/reports/mirror/partner-figures[?partner=JP]: an authority loads a partner state's figures for its own
/// state's mirror comparison (Basel Art. 13(3)(b)): a text/csv file in the Part II layout (the partner's report) or the
/// open-data layout, or application/json in the open-data layout. Every row is read before anything is stored: a
/// malformed row gives a 400 problem naming the row and the field, and nothing is stored. The figures are a document,
/// not an event (docs/decisions/0015-partner-figures.md).
/// </summary>
public static class LoadPartnerFiguresEndpoint
{
    /// <summary>At most this many malformed rows are named in one answer.</summary>
    public const int MaxErrorsShown = 100;

    [WolverinePost("/api/reports/mirror/partner-figures", Name = "LoadPartnerFigures")]
    [Authorize(Policy = Policies.Authority)]
    public static async Task<IResult> Post(HttpContext http, IDocumentStore store, CodeListCatalog codes, TimeProvider clock, CancellationToken ct,
        string? partner = null)
    {
        var actor = ActorClaims.From(http.User);
        var us = actor.Country!;
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not ("text/csv" or "application/json")) return Invalid("Send the figures as Content-Type: text/csv (Part II or open-data layout) or application/json (open-data layout).");
        if (partner is not null && !codes[CodeListCatalog.Countries].Contains(partner))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["partner"] = ["partner must be an ISO 3166-1 alpha-2 country code."] },
                type: Problems.TypeBase + "validation", title: "The request is invalid");
        }

        string text;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(ct);
        }

        var read = PartnerFiguresFile.Read(text, mediaType == "application/json", us, partner?.ToUpperInvariant());
        if (read.FileError is { } error) return Invalid(error);
        if (read.Errors.Count > 0)
        {
            var shown = read.Errors.Take(MaxErrorsShown).ToArray();
            var problem = Problems.Create(StatusCodes.Status400BadRequest, "invalid-partner-figures", "Invalid partner figures",
                $"{read.Errors.Count} value(s) of the file cannot be read; the first at row {shown[0].Row}, field {shown[0].Field}: {shown[0].Message} Nothing was stored.");
            problem.Extensions["rows"] = shown.Select(e => new { row = e.Row, field = e.Field, message = e.Message }).ToArray();
            problem.Extensions["errors"] = shown.GroupBy(e => read.Source == PartnerFigureSources.OpenDataJson ? e.Field : $"line {e.Row}: {e.Field}")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            return Problems.Result(problem);
        }

        if (!codes[CodeListCatalog.Countries].Contains(read.Partner)) return Invalid($"The file's reporting state {read.Partner} is not an ISO 3166-1 alpha-2 country code.");
        if (read.Flows.Count == 0)
        {
            return Invalid($"No row of the file is a flow between {read.Partner} and {us}: this is not {read.Partner}'s view of your trade.");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var id = PartnerFigures.Key(us, read.Partner, read.Year, hash);
        // A session of its own: the figures are a document, not an event of the procedure (no outbox, no pipeline).
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<PartnerFigures>(id, ct) is { } earlier) return Results.Ok(Answer(earlier, alreadyLoaded: true));

        var figures = new PartnerFigures
        {
            Id = id, State = us, Partner = read.Partner, Year = read.Year, Source = read.Source, FileHash = hash, Publisher = read.Publisher,
            LoadedBy = actor.Person, LoadedAt = clock.GetUtcNow(), RowsInFile = read.RowsInFile, Flows = read.Flows,
        };
        session.Insert(figures);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (DocumentAlreadyExistsException)
        {
            // The same file loaded twice at once: the first is the load.
            return Results.Ok(Answer(figures, alreadyLoaded: true));
        }

        return Results.Created($"/api/reports/mirror?state={us}&partner={read.Partner}&year={read.Year}", Answer(figures, alreadyLoaded: false));
    }

    private static PartnerFiguresLoaded Answer(PartnerFigures f, bool alreadyLoaded) =>
        new(f.Id, f.State, f.Partner, f.Year, f.Source, f.FileHash, f.Publisher, f.RowsInFile, f.Flows.Count, f.LoadedBy, f.LoadedAt, alreadyLoaded);

    private static IResult Invalid(string detail) =>
        Problems.Result(Problems.Create(StatusCodes.Status400BadRequest, "invalid-partner-figures", "Invalid partner figures", detail + " Nothing was stored."));
}
