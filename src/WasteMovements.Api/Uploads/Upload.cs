using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Marten;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten.Publishing;
using Wolverine.Runtime;
using WasteMovements.Api.CodeLists;
using WasteMovements.Api.GreenList;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Notifications;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Api.Shipments;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.GreenList;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Uploads;

/// <summary>Why a row was not accepted: the problem its single route would have answered (type, status, rule, article, detail, field errors).</summary>
public sealed record UploadRowProblem(string Type, int Status, string? Rule, string? Article, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>
/// One row's outcome: <c>accepted</c> (appended now), <c>replayed</c> (accepted by an earlier try of this upload: the earlier
/// answer, nothing appended again), <c>refused</c> (a rule of the procedure) or <c>invalid</c> (a value of the row).
/// </summary>
public sealed record UploadRowOutcome(int Line, string Outcome, string? Resource, long? Version, UploadRowProblem? Problem);

public sealed record UploadResult(string UploadId, string Kind, int Accepted, int Replayed, int Refused, IReadOnlyList<UploadRowOutcome> Rows);

/// <summary>An accepted row, stored in the row's own transaction: a retried upload answers it instead of appending again.</summary>
public sealed record UploadRowRecord
{
    public required string Id { get; init; }
    public required string RowHash { get; init; }
    public required int Line { get; init; }
    public string? Resource { get; init; }
    public long? Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// POST /api/uploads/{kind} (text/csv, header <c>Upload-Id</c>): many steps from one file. Each row is read into the
/// command of its single route, validated by that route's validator and decided by the same pipeline call
/// (<see cref="EventWriter"/>) in a transaction of its own: a refused row appends nothing, an accepted row stays. A
/// row's key is the caller, the Upload-Id, the kind and the row's text: sent again, an accepted row answers its
/// earlier outcome (<c>replayed</c>) and appends nothing. Kinds: <c>prior-information</c> (shipment announcements,
/// Basel Art. 6(9); EU 2024/1157 Art. 16(2)), <c>receipts</c> (Art. 16(5)), <c>annex-vii-documents</c> (Art. 18(5)),
/// <c>annex-vii-receipts</c> (Art. 18(8)).
/// </summary>
public static class UploadEndpoint
{
    public const string UploadIdHeader = "Upload-Id";
    public const int MaxRows = 500;
    public static readonly IReadOnlyList<string> Kinds = ["prior-information", "receipts", "annex-vii-documents", "annex-vii-receipts"];

    [WolverinePost("/api/uploads/{kind}", Name = "Upload")]
    [Authorize]
    public static async Task<IResult> Post(string kind, HttpContext http, IDocumentStore store, OutboxedSessionFactory outbox, IWolverineRuntime runtime,
        TimeProvider clock, CancellationToken ct)
    {
        if (!Kinds.Contains(kind)) return Problems.Result(Problems.Create(StatusCodes.Status404NotFound, "unknown-upload-kind", "Not found",
            $"No upload of kind '{kind}': one of {string.Join(", ", Kinds)}."));
        var uploadId = http.Request.Headers[UploadIdHeader].ToString();
        if (uploadId.Length is 0 or > 100 || uploadId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')))
        {
            return Problems.Result(Problems.Create(StatusCodes.Status400BadRequest, "upload-id-required", "Upload-Id required",
                $"Send a header {UploadIdHeader} of 1 to 100 letters, digits, '-', '_', '.' or ':', the same on every retry of this file."));
        }

        if (http.Request.ContentType?.Split(';')[0].Trim().Equals("text/csv", StringComparison.OrdinalIgnoreCase) != true)
        {
            return InvalidCsv("Send the file as Content-Type: text/csv.");
        }

        string text;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(ct);
        }

        var (records, error) = Csv.Parse(text);
        if (error is not null) return InvalidCsv(error);
        if (records.Count < 2) return InvalidCsv("The file holds a header row and at least one row.");
        if (records.Count - 1 > MaxRows)
        {
            return Problems.Result(Problems.Create(StatusCodes.Status413PayloadTooLarge, "upload-too-many-rows", "Too many rows",
                $"An upload holds at most {MaxRows} rows; this one has {records.Count - 1}. Split the file; nothing was recorded."));
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToArray();
        var expected = ColumnsOf(kind);
        var unknown = header.Where(h => !expected.Contains(h)).ToArray();
        if (unknown.Length > 0) return InvalidCsv($"Unknown column(s) {string.Join(", ", unknown)}; the columns of {kind} are {string.Join(", ", expected)}.");
        var columns = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);

        var actor = ActorClaims.From(http.User);
        var outcomes = new List<UploadRowOutcome>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            var hash = Hash(record.Text);
            var key = $"upload:{actor.ActingFor}:{actor.Person}:{uploadId}:{kind}:{hash}";
            if (seen.TryGetValue(key, out var firstLine))
            {
                // The same row twice in one file is one step: its second copy appends nothing.
                var first = outcomes.First(o => o.Line == firstLine);
                outcomes.Add(first with { Line = record.Line, Outcome = first.Outcome == "accepted" ? "replayed" : first.Outcome });
                continue;
            }

            seen[key] = record.Line;
            outcomes.Add(await RowAsync(kind, key, hash, new UploadRow(columns, record), record.Line, actor, http, store, outbox, runtime, clock, ct));
        }

        return Results.Ok(new UploadResult(uploadId, kind, outcomes.Count(o => o.Outcome == "accepted"), outcomes.Count(o => o.Outcome == "replayed"),
            outcomes.Count(o => o.Outcome is "refused" or "invalid"), outcomes));
    }

    public static IReadOnlyList<string> ColumnsOf(string kind) => kind switch
    {
        "prior-information" => UploadColumns.PriorInformation,
        "receipts" => UploadColumns.Receipts,
        "annex-vii-documents" => UploadColumns.AnnexVIIDocuments,
        _ => UploadColumns.AnnexVIIReceipts,
    };

    private static async Task<UploadRowOutcome> RowAsync(string kind, string key, string hash, UploadRow row, int line, Actor actor, HttpContext http,
        IDocumentStore store, OutboxedSessionFactory outbox, IWolverineRuntime runtime, TimeProvider clock, CancellationToken ct)
    {
        await using (var query = store.QuerySession())
        {
            if (await query.LoadAsync<UploadRowRecord>(key, ct) is { } earlier) return new UploadRowOutcome(line, "replayed", earlier.Resource, earlier.Version, null);
        }

        var services = http.RequestServices;
        var context = new MessageContext(runtime);
        await using var session = outbox.OpenSession(context);
        EventMetadataMiddleware.Before(http, session);
        var writer = new EventWriter(session, context, clock, services.GetService<Exchange.FactExchange>());

        WriteOutcome outcome;
        string? resource;
        switch (kind)
        {
            case "prior-information":
            {
                var (number, command) = UploadColumns.Announcement(row);
                if (await InvalidAsync(row, command, services, line, ct) is { } invalid) return invalid;
                outcome = await writer.OnNotificationAsync(number, actor, command, Shipping.Announce, null, ct);
                resource = outcome.Decision?.Events.OfType<ShipmentAnnounced>().SingleOrDefault()?.ShipmentId;
                break;
            }
            case "receipts":
            {
                var (shipmentId, command) = UploadColumns.Receipt(row);
                command = command with { TolerancePercent = services.GetRequiredService<IOptions<ShipmentOptions>>().Value.DiscrepancyTolerancePercent };
                if (await InvalidAsync(row, command, services, line, ct) is { } invalid) return invalid;
                outcome = await writer.OnShipmentAsync(shipmentId, actor, command, Shipping.Receive, null, ct);
                resource = shipmentId;
                break;
            }
            case "annex-vii-documents":
            {
                var command = UploadColumns.AnnexVII(row);
                if (await InvalidAsync(row, command, services, line, ct) is { } invalid) return invalid;
                var registry = await services.GetRequiredService<CountryRegistryProvider>().CurrentAsync(ct);
                var codes = services.GetRequiredService<CodeListCatalog>();
                // As the single route: decided first with a placeholder id, so that a refused row spends no number.
                if (GreenListProcedure.Fill(new NewAnnexVIIDocument("", registry, codes), actor, command, clock.GetUtcNow()).Refusal is { } refusal)
                {
                    return Refused(line, refusal);
                }

                var now = clock.GetUtcNow();
                var id = AnnexVIIIds.Format(command.StateOfDispatch, now.Year,
                    await services.GetRequiredService<NotificationNumbers>().NextNumberAsync(AnnexVIIIds.Series(command.StateOfDispatch), now.Year, ct));
                outcome = await writer.StartDocumentAsync<AnnexVIIDocumentState, NewAnnexVIIDocument, AnnexVIIParticulars>(id,
                    new NewAnnexVIIDocument(id, registry, codes), actor, command, GreenListProcedure.Fill);
                resource = id;
                break;
            }
            default:
            {
                var (documentId, command) = UploadColumns.AnnexVIIReceipt(row);
                if (await InvalidAsync(row, command, services, line, ct) is { } invalid) return invalid;
                outcome = await writer.OnDocumentAsync<AnnexVIIDocumentState, ConfirmAnnexVIIReceipt>(documentId, actor, command, GreenListProcedure.ConfirmReceipt, null, ct);
                resource = documentId;
                break;
            }
        }

        if (outcome.Refusal is { } refused) return Refused(line, refused);
        if (outcome.Missing is { } missing)
        {
            return new UploadRowOutcome(line, "refused", null, null,
                RowProblem(Problems.Create(StatusCodes.Status404NotFound, "not-found", "Not found", $"No {missing} exists.")));
        }

        session.Insert(new UploadRowRecord { Id = key, RowHash = hash, Line = line, Resource = resource, Version = outcome.Version, CreatedAt = clock.GetUtcNow() });
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (DocumentAlreadyExistsException)
        {
            // A concurrent try of the same upload accepted this row first; its transaction holds the events.
            await using var query = store.QuerySession();
            var first = await query.LoadAsync<UploadRowRecord>(key, ct);
            return new UploadRowOutcome(line, "replayed", first?.Resource, first?.Version, null);
        }

        return new UploadRowOutcome(line, "accepted", resource, outcome.Version, null);
    }

    private static async Task<UploadRowOutcome?> InvalidAsync<T>(UploadRow row, T command, IServiceProvider services, int line, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(row.Errors, StringComparer.Ordinal);
        if (errors.Count == 0)
        {
            foreach (var validator in services.GetServices<IValidator<T>>())
            {
                var result = await validator.ValidateAsync(command, ct);
                foreach (var group in result.Errors.GroupBy(e => e.PropertyName))
                {
                    errors[group.Key] = group.Select(e => e.ErrorMessage).ToArray();
                }
            }
        }

        return errors.Count == 0 ? null
            : new UploadRowOutcome(line, "invalid", null, null, RowProblem(Problems.Create(StatusCodes.Status400BadRequest, "validation",
                "The request is invalid", "A value of the row breaks a rule of form; nothing was recorded for it."), errors));
    }

    private static UploadRowOutcome Refused(int line, Refusal refusal)
    {
        var problem = Problems.Refused(refusal);
        return new UploadRowOutcome(line, "refused", null, null, new UploadRowProblem(problem.Type!, problem.Status!.Value, refusal.Rule, refusal.Article, problem.Detail!));
    }

    private static UploadRowProblem RowProblem(Microsoft.AspNetCore.Mvc.ProblemDetails p, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(p.Type!, p.Status!.Value, null, null, p.Detail!, errors);

    private static IResult InvalidCsv(string detail) =>
        Problems.Result(Problems.Create(StatusCodes.Status400BadRequest, "invalid-csv", "Invalid CSV file", detail + " Nothing was recorded."));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
