using System.Net.Sockets;
using System.Text.Json;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace WasteMovements.Api.Infrastructure;

/// <summary>
/// Maps the exceptions that reach the HTTP edge to problem responses: a lost optimistic-concurrency race
/// is a 409 (the caller retries on the new state), a database that cannot be reached is a 503, an
/// unreadable body is a 400. Anything else is a 500 without internals.
/// </summary>
public sealed class ExceptionProblems(ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // A concurrent request with the same Idempotency-Key committed first: this one's transaction rolled
        // back (nothing appended); answer what the first one answered.
        if (Idempotency.IsRecordCollision(exception)
            && await Idempotency.AnswerStoredAsync(context, context.RequestServices.GetRequiredService<Marten.IDocumentStore>()) is { } stored)
        {
            await stored.ExecuteAsync(context);
            return true;
        }

        var problem = exception switch
        {
            ConcurrencyException or ExistingStreamIdCollisionException =>
                Problems.Create(StatusCodes.Status409Conflict, "concurrent-change", "Changed concurrently",
                    "The file was changed by another step at the same time; read it again and retry."),
            BadHttpRequestException { InnerException: JsonException } or JsonException =>
                Problems.Create(StatusCodes.Status400BadRequest, "invalid-json", "Invalid request body",
                    "The body is not valid JSON for this route."),
            BadHttpRequestException bad =>
                Problems.Create(bad.StatusCode, "bad-request", "Bad request", bad.Message),
            _ when IsDatabaseUnavailable(exception) =>
                Problems.Create(StatusCodes.Status503ServiceUnavailable, "database-unavailable", "Service unavailable",
                    "The event store cannot be reached; nothing was recorded. Retry later."),
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception");
            problem = Problems.Create(StatusCodes.Status500InternalServerError, "internal", "Internal error",
                "The request failed; nothing was recorded.");
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("Database unavailable: {Message}", exception.Message);
            context.Response.Headers.RetryAfter = "5";
        }

        context.Response.StatusCode = problem.Status!.Value;
        await Results.Problem(problem).ExecuteAsync(context);
        return true;
    }

    public static bool IsDatabaseUnavailable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or SocketException or TimeoutException) return true;
            if (e is NpgsqlException npg && npg.InnerException is SocketException or TimeoutException or IOException) return true;
            if (e is PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" }) return true;
        }

        return false;
    }
}
