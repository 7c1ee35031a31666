using System.Security.Cryptography;
using System.Text;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Marten;
using Wolverine.Http;
using Wolverine.Http.CodeGen;
using WasteMovements.Api.Security;

namespace WasteMovements.Api.Infrastructure;

/// <summary>
/// The first successful answer to a write sent with an <c>Idempotency-Key</c> (docs/api-guide.md). Its id is a digest of
/// (sub, method, path, key); it is inserted in the same Marten transaction as the write's events, so the
/// answer exists if and only if the events do, and a concurrent twin fails on the id and appends nothing.
/// </summary>
public sealed record IdempotencyRecord
{
    public required string Id { get; init; }
    public required string Subject { get; init; }
    public required string Method { get; init; }
    public required string Path { get; init; }
    public required string Key { get; init; }

    /// <summary>SHA-256 of the request body's bytes: the same key with another body is a 422.</summary>
    public required string RequestHash { get; init; }

    public required int Status { get; init; }
    public string? ContentType { get; init; }
    public required string Body { get; init; }
    public string? Location { get; init; }
    public string? ETag { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

public sealed class IdempotencyOptions
{
    /// <summary>How long a key is remembered (docs/api-guide.md: retries are minutes apart; a day covers an outage).</summary>
    public int RetentionHours { get; set; } = 24;

    /// <summary>How often expired keys are deleted.</summary>
    public int CleanupMinutes { get; set; } = 60;
}

/// <summary>
/// Puts <see cref="Idempotency.BeforeAsync"/> first in every write chain (answers a retry from the stored
/// record before validation or the handler run) and <see cref="Idempotency.CaptureAsync"/> right after the
/// handler, before the transactional middleware commits the session.
/// </summary>
public sealed class IdempotencyPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => !c.HttpMethods.Contains("GET")))
        {
            var handlerResult = chain.Method.ReturnVariable;
            if (handlerResult is null || !typeof(IResult).IsAssignableFrom(handlerResult.VariableType))
            {
                throw new InvalidOperationException(
                    $"{chain.RoutePattern?.RawText}: write endpoints return IResult so that Idempotency-Key answers can be stored.");
            }

            var before = new MethodCall(typeof(Idempotency), nameof(Idempotency.BeforeAsync)) { CommentText = "Idempotency-Key: answer a retry" };
            chain.Middleware.InsertRange(0, [before, new MaybeEndWithResultFrame(before.ReturnVariable!)]);

            var capture = new MethodCall(typeof(Idempotency), nameof(Idempotency.CaptureAsync)) { CommentText = "Idempotency-Key: store the answer" };
            capture.Arguments[2] = handlerResult;
            capture.ReturnVariable!.OverrideName("idempotentResult");
            chain.Postprocessors.InsertRange(0, [capture, new MaybeEndWithResultFrame(capture.ReturnVariable)]);
        }
    }
}

public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 200;
    private const string PendingItem = "wm.idempotency";

    private sealed record Pending(string Id, string Subject, string Key, string RequestHash);

    public static bool HasKey(HttpRequest request) => request.Headers.ContainsKey(Header);

    public static async Task<IResult> BeforeAsync(HttpContext http, IDocumentSession session, TimeProvider clock)
    {
        if (!http.Request.Headers.TryGetValue(Header, out var values)) return WolverineContinue.Result();
        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > MaxKeyLength || !key.All(c => c is >= '!' and <= '~'))
        {
            return Problems.Result(Problems.Create(StatusCodes.Status400BadRequest, "invalid-idempotency-key", "Invalid Idempotency-Key",
                $"Idempotency-Key is one value of 1 to {MaxKeyLength} visible ASCII characters, e.g. a UUID."));
        }

        var subject = ActorClaims.From(http.User).Person;
        var id = RecordId(subject, http.Request.Method, http.Request.Path.Value ?? "", key);
        var hash = await BodyHashAsync(http.Request, http.RequestAborted);

        var stored = await session.LoadAsync<IdempotencyRecord>(id, http.RequestAborted);
        if (stored is not null)
        {
            var retention = TimeSpan.FromHours(http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdempotencyOptions>>().Value.RetentionHours);
            if (stored.CreatedAt + retention > clock.GetUtcNow()) return Answer(stored, hash);
            // Expired: forget it in this transaction, then treat the request as new.
            session.Delete(stored);
        }

        http.Items[PendingItem] = new Pending(id, subject, key, hash);
        return WolverineContinue.Result();
    }

    public static async Task<IResult> CaptureAsync(HttpContext http, IDocumentSession session, IResult result, TimeProvider clock)
    {
        if (http.Items[PendingItem] is not Pending pending) return WolverineContinue.Result();

        var probe = new DefaultHttpContext { RequestServices = http.RequestServices };
        using var body = new MemoryStream();
        probe.Response.Body = body;
        await result.ExecuteAsync(probe);
        var status = probe.Response.StatusCode;

        if (status is >= 200 and < 300)
        {
            // Insert, not Store: a concurrent request with the same key fails on the id at commit and its
            // whole transaction (events included) rolls back; ExceptionProblems answers it from this record.
            session.Insert(new IdempotencyRecord
            {
                Id = pending.Id,
                Subject = pending.Subject,
                Method = http.Request.Method,
                Path = http.Request.Path.Value ?? "",
                Key = pending.Key,
                RequestHash = pending.RequestHash,
                Status = status,
                ContentType = probe.Response.ContentType,
                Body = Encoding.UTF8.GetString(body.ToArray()),
                Location = probe.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                ETag = http.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
                CreatedAt = clock.GetUtcNow(),
            });
            return WolverineContinue.Result();
        }

        // Refusals are not stored (the caller may fix the cause and retry with the same key), but a twin with
        // the same key may have succeeded while this one waited for the stream lock: answer as it did.
        var twin = await session.LoadAsync<IdempotencyRecord>(pending.Id, http.RequestAborted);
        return twin is null ? WolverineContinue.Result() : Answer(twin, pending.RequestHash);
    }

    /// <summary>The answer to a request whose key is already stored (also used after a lost insert race).</summary>
    public static async Task<IResult?> AnswerStoredAsync(HttpContext http, IDocumentStore store)
    {
        if (http.Items[PendingItem] is not Pending pending) return null;
        await using var session = store.QuerySession();
        var stored = await session.LoadAsync<IdempotencyRecord>(pending.Id);
        return stored is null ? null : Answer(stored, pending.RequestHash);
    }

    public static bool IsRecordCollision(Exception e) =>
        e is DocumentAlreadyExistsException { DocumentType: var type } && type == typeof(IdempotencyRecord);

    private static IResult Answer(IdempotencyRecord stored, string requestHash) =>
        stored.RequestHash == requestHash
            ? new StoredAnswer(stored)
            : Problems.Result(Problems.Create(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "Idempotency-Key reused",
                "This Idempotency-Key was already used with another request body; use a new key for a new request."));

    public static string RecordId(string subject, string method, string path, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{subject}\n{method.ToUpperInvariant()}\n{path}\n{key}")));

    private static async Task<string> BodyHashAsync(HttpRequest request, CancellationToken ct)
    {
        // RequestLimitsMiddleware buffered the body of every write that carries the header.
        if (!request.Body.CanSeek) request.EnableBuffering();
        request.Body.Position = 0;
        var hash = await SHA256.HashDataAsync(request.Body, ct);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash);
    }

    private sealed class StoredAnswer(IdempotencyRecord stored) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = stored.Status;
            if (stored.ContentType is not null) http.Response.ContentType = stored.ContentType;
            if (stored.Location is not null) http.Response.Headers.Location = stored.Location;
            if (stored.ETag is not null) http.Response.Headers.ETag = stored.ETag;
            http.Response.Headers[ReplayedHeader] = "true";
            await http.Response.WriteAsync(stored.Body, Encoding.UTF8);
        }
    }
}

/// <summary>Deletes expired keys (docs/reliability.md): every node runs it; the delete is idempotent.</summary>
public sealed class IdempotencyCleanup(IDocumentStore store, TimeProvider clock, Microsoft.Extensions.Options.IOptions<IdempotencyOptions> options,
    ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    public static async Task RunOnceAsync(IDocumentStore store, DateTimeOffset cutoff, CancellationToken ct = default)
    {
        await using var session = store.LightweightSession();
        session.DeleteWhere<IdempotencyRecord>(r => r.CreatedAt < cutoff);
        await session.SaveChangesAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.CleanupMinutes)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(store, clock.GetUtcNow() - TimeSpan.FromHours(options.Value.RetentionHours), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Idempotency key cleanup failed: {Message}", e.Message);
            }
        }
    }
}
