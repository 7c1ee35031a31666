using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using WasteMovements.Api.Infrastructure;

namespace WasteMovements.Api.Tests.Infrastructure;

/// <summary>One write sent by a load client, with what it got back: a status, or nothing (the connection died).</summary>
public sealed record WriteAttempt(string Kind, string Url, object Body, string Token, string Key, string CorrelationId)
{
    public int? Status { get; set; }
    public JsonNode? Response { get; set; }
    public string? Error { get; set; }
    public TimeSpan Elapsed { get; set; }
    public bool Succeeded => Status is >= 200 and < 300;
    public bool Refused => Status >= 400;
    public bool Unknown => Status is null;
}

/// <summary>
/// Sends writes with an Idempotency-Key and a correlation id of their own (recorded on every event they
/// append), so that afterwards each answer can be checked against the store.
/// </summary>
public sealed class WriteLoad
{
    public ConcurrentQueue<WriteAttempt> Attempts { get; } = new();

    public async Task<WriteAttempt> SendAsync(HttpClient client, string kind, string url, object body, string token, string? key = null)
    {
        var attempt = new WriteAttempt(kind, url, body, token, key ?? Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        Attempts.Enqueue(attempt);
        await ExecuteAsync(client, attempt, attempt.CorrelationId);
        return attempt;
    }

    /// <summary>Sends the same write again (same key and body) under a new correlation id; returns the retry.</summary>
    public static async Task<WriteAttempt> RetryAsync(HttpClient client, WriteAttempt original)
    {
        var retry = original with { CorrelationId = Guid.NewGuid().ToString("N") };
        await ExecuteAsync(client, retry, retry.CorrelationId);
        return retry;
    }

    private static async Task ExecuteAsync(HttpClient client, WriteAttempt attempt, string correlationId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, attempt.Url) { Content = JsonContent.Create(attempt.Body, options: Json.Options) };
        request.Headers.Authorization = new("Bearer", attempt.Token);
        request.Headers.Add(Idempotency.Header, attempt.Key);
        request.Headers.Add(CorrelationMiddleware.Header, correlationId);
        var started = DateTime.UtcNow;
        try
        {
            var response = await client.SendAsync(request);
            attempt.Status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            attempt.Response = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            attempt.Status = null;
            attempt.Error = e.GetType().Name + ": " + e.Message;
        }

        attempt.Elapsed = DateTime.UtcNow - started;
    }

    /// <summary>Events (not tombstones) carrying one of the correlation ids.</summary>
    public static async Task<long> EventsOfAsync(string connectionString, params string[] correlationIds)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from mt_events where correlation_id = any(@ids) and stream_id <> 'mt_tombstone'", connection);
        command.Parameters.AddWithValue("ids", correlationIds);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Checks every answer against the store: a 2xx write's event is there at the version it answered, a
    /// refused write appended nothing. Returns the number of events checked.
    /// </summary>
    public static async Task<(long EventsChecked, List<string> Failures)> VerifyAsync(string connectionString, IEnumerable<WriteAttempt> attempts)
    {
        var failures = new List<string>();
        long checkedEvents = 0;
        foreach (var a in attempts)
        {
            var events = await EventsOfAsync(connectionString, a.CorrelationId);
            checkedEvents += events;
            if (a.Succeeded)
            {
                var stream = a.Response?["notificationNumber"]?.GetValue<string>();
                var version = a.Response?["version"]?.GetValue<long>();
                if (events == 0) failures.Add($"LOST: {a.Kind} {a.Url} answered {a.Status} but none of its events is stored");
                else if (stream is not null && version is not null
                         && await ScalarAsync<long>(connectionString,
                             $"select count(*) from mt_events where stream_id = '{stream}' and version = {version} and correlation_id = '{a.CorrelationId}'") != 1)
                {
                    failures.Add($"LOST: {a.Kind} {a.Url} answered version {version} of {stream}, which is not its event");
                }
            }
            else if (a.Refused && events > 0)
            {
                failures.Add($"INVENTED: {a.Kind} {a.Url} answered {a.Status} but appended {events} events");
            }
        }

        return (checkedEvents, failures);
    }
}
