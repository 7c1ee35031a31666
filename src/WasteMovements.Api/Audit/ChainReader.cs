using System.Text.Json;
using Npgsql;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Domain.Audit;

namespace WasteMovements.Api.Audit;

/// <summary>Reads stored events, exactly as PostgreSQL holds them, for verification and dossiers.</summary>
public sealed class ChainReader(NpgsqlDataSource dataSource)
{
    public const string Columns = "stream_id, version, seq_id, type, data::text, user_name, correlation_id, causation_id, headers::text, timestamp";

    /// <summary>The events of a notification's stream and of all its shipments' streams.</summary>
    public Task<IReadOnlyList<StoredEvent>> ForNotificationAsync(string number, CancellationToken ct) =>
        QueryAsync($"select {Columns} from mt_events where stream_id = $1 or stream_id like $2 order by seq_id", ct, number, number + "-%");

    public Task<IReadOnlyList<StoredEvent>> AllAsync(CancellationToken ct) =>
        QueryAsync($"select {Columns} from mt_events order by seq_id", ct);

    public async Task<IReadOnlyList<StoredEvent>> QueryAsync(string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var p in parameters) command.Parameters.AddWithValue(p);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(ct))
        {
            events.Add(new StoredEvent(
                reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return events;
    }
}

/// <summary>A row of mt_events.</summary>
public sealed record StoredEvent(
    string StreamKey, long Version, long Sequence, string Type, string Data, string? UserName, string? CorrelationId, string? CausationId,
    string? Headers, DateTimeOffset RecordedAt)
{
    public string? Header(string name)
    {
        if (Headers is null) return null;
        using var doc = JsonDocument.Parse(Headers);
        return doc.RootElement.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;
    }

    public ChainedEvent ToChained()
    {
        Dictionary<string, string>? digests = null;
        string? hash = null, previous = null, salt = null, authority = null;
        if (Headers is not null)
        {
            using var doc = JsonDocument.Parse(Headers);
            var root = doc.RootElement;
            string? S(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            hash = S(EventChain.HashHeader);
            previous = S(EventChain.PreviousHeader);
            salt = S(EventChain.SaltHeader);
            authority = S(EventMetadataMiddleware.AuthorityHeader);
            if (root.TryGetProperty(EventChain.PersonalHeader, out var pii) && pii.ValueKind == JsonValueKind.Object)
            {
                digests = pii.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
            }
        }

        return new ChainedEvent(StreamKey, Version, Sequence, Type, Data, UserName, CorrelationId, CausationId, authority, hash, previous, salt, digests);
    }
}
