using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WasteMovements.Domain.Audit;

/// <summary>One stored event as the chain sees it: what was recorded, and the chain headers stored with it.</summary>
public sealed record ChainedEvent(
    string StreamKey,
    long Version,
    long Sequence,
    string Type,
    string Data,
    string? UserName,
    string? CorrelationId,
    string? CausationId,
    string? Authority,
    string? Hash,
    string? PreviousHash,
    string? Salt,
    IReadOnlyDictionary<string, string>? PersonalDigests);

public sealed record ChainBreak(string StreamKey, long Version, long Sequence, string Reason);

public sealed record ChainVerification(bool Valid, int Events, int Streams, ChainBreak? BrokenAt);

/// <summary>
/// The tamper-evident chain (docs/audit.md). Each event's hash covers its stream, version, type, data and
/// metadata (person, correlation, causation, acting authority) and the previous event's hash in the same
/// stream. Personal fields (contact persons, signatures, the person who acted) enter the hash as salted
/// digests, so they can later be erased without breaking the chain. Pure: the same code checks the database
/// and an exported dossier offline.
/// </summary>
public static class EventChain
{
    public const string Genesis = "genesis";
    public const string Erased = "[erased]";
    public const string HashHeader = "wm.hash";
    public const string PreviousHeader = "wm.prev";
    public const string SaltHeader = "wm.salt";
    public const string PersonalHeader = "wm.pii";
    public const string UserPath = "$meta.userName";

    /// <summary>The keys whose values are personal data: everything under a "contact", and signatures.</summary>
    public static bool IsPersonalKey(string key) => key is "signedBy";

    public static string NewSalt() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public static string Digest(string salt, string value) =>
        "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(salt + "\u001f" + value))).ToLowerInvariant();

    /// <summary>The digests of the personal fields of an event's data (and of the person who acted), by JSON path.</summary>
    public static Dictionary<string, string> PersonalDigests(string dataJson, string? userName, string salt)
    {
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        // An erased field keeps the digest recorded when it was appended; it is not digested again.
        Walk(JsonNode.Parse(dataJson), "$", false, (path, value) =>
        {
            if (value != Erased) digests[path] = Digest(salt, value);
        });
        if (userName is not null) digests[UserPath] = Digest(salt, userName);
        return digests;
    }

    private static void Walk(JsonNode? node, string path, bool personal, Action<string, string> onPersonal)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToArray())
                {
                    Walk(child, $"{path}.{key}", personal || key == "contact" || IsPersonalKey(key), onPersonal);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) Walk(a[i], $"{path}[{i}]", personal, onPersonal);
                break;
            case JsonValue v when personal && v.GetValueKind() == JsonValueKind.String:
                onPersonal(path, v.GetValue<string>());
                break;
        }
    }

    /// <summary>
    /// The data as hashed: keys sorted, numbers normalised, and each personal field replaced by its digest.
    /// Stable across the serializer's text and PostgreSQL's jsonb text of the same value.
    /// </summary>
    public static string CanonicalData(string dataJson, IReadOnlyDictionary<string, string> digests)
    {
        var node = JsonNode.Parse(dataJson);
        var buffer = new StringBuilder();
        WriteCanonical(node, "$", digests, buffer);
        return buffer.ToString();
    }

    private static void WriteCanonical(JsonNode? node, string path, IReadOnlyDictionary<string, string> digests, StringBuilder o)
    {
        if (digests.TryGetValue(path, out var digest))
        {
            o.Append(JsonSerializer.Serialize(digest));
            return;
        }

        switch (node)
        {
            case null:
                o.Append("null");
                break;
            case JsonObject obj:
                o.Append('{');
                var first = true;
                foreach (var (key, child) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) o.Append(',');
                    first = false;
                    o.Append(JsonSerializer.Serialize(key)).Append(':');
                    WriteCanonical(child, $"{path}.{key}", digests, o);
                }

                o.Append('}');
                break;
            case JsonArray arr:
                o.Append('[');
                for (var i = 0; i < arr.Count; i++)
                {
                    if (i > 0) o.Append(',');
                    WriteCanonical(arr[i], $"{path}[{i}]", digests, o);
                }

                o.Append(']');
                break;
            case JsonValue v:
                switch (v.GetValueKind())
                {
                    case JsonValueKind.String: o.Append(JsonSerializer.Serialize(v.GetValue<string>())); break;
                    case JsonValueKind.Number:
                        var raw = v.ToJsonString();
                        o.Append(decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                            ? d.ToString("G29", CultureInfo.InvariantCulture)
                            : raw);
                        break;
                    case JsonValueKind.True: o.Append("true"); break;
                    case JsonValueKind.False: o.Append("false"); break;
                    default: o.Append("null"); break;
                }

                break;
        }
    }

    public static string Hash(string streamKey, long version, string type, string canonicalData, string? userDigest,
        string? correlationId, string? causationId, string? authority, string previousHash)
    {
        var material = string.Join('\n', "wm-chain-v1", streamKey, version.ToString(CultureInfo.InvariantCulture), type, canonicalData,
            userDigest ?? "", correlationId ?? "", causationId ?? "", authority ?? "", previousHash);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(material))).ToLowerInvariant();
    }

    /// <summary>
    /// Recomputes the chain of every stream from the stored events. A personal field that still holds a
    /// value must match its recorded digest; one that was erased uses the recorded digest.
    /// </summary>
    public static ChainVerification Verify(IEnumerable<ChainedEvent> events)
    {
        var count = 0;
        var streams = 0;
        foreach (var stream in events.GroupBy(e => e.StreamKey))
        {
            streams++;
            var previous = Genesis;
            long expectedVersion = 1;
            foreach (var e in stream.OrderBy(x => x.Version))
            {
                count++;
                ChainVerification Broken(string reason) => new(false, count, streams, new ChainBreak(e.StreamKey, e.Version, e.Sequence, reason));

                if (e.Version != expectedVersion) return Broken($"version {e.Version} where {expectedVersion} was expected (an event is missing or inserted)");
                if (e.Hash is null || e.Salt is null) return Broken("the event carries no chain hash");
                if (e.PreviousHash != previous) return Broken("the recorded previous hash does not match the previous event");

                var recorded = e.PersonalDigests ?? new Dictionary<string, string>();
                var found = PersonalDigests(e.Data, null, e.Salt);
                foreach (var (path, digest) in found)
                {
                    if (!recorded.TryGetValue(path, out var expected) || expected != digest)
                    {
                        return Broken($"personal field {path} was changed");
                    }
                }

                foreach (var path in recorded.Keys.Where(p => p != UserPath && !found.ContainsKey(p)))
                {
                    if (ValueAt(e.Data, path) is not Erased) return Broken($"personal field {path} was removed or changed without erasure");
                }

                string? userDigest = null;
                if (recorded.TryGetValue(UserPath, out var recordedUser))
                {
                    if (e.UserName is not null && e.UserName != Erased && Digest(e.Salt, e.UserName) != recordedUser)
                    {
                        return Broken("the person who acted was changed");
                    }

                    userDigest = recordedUser;
                }
                else if (e.UserName is not null) return Broken("the person who acted was added");

                var hash = Hash(e.StreamKey, e.Version, e.Type, CanonicalData(e.Data, recorded), userDigest, e.CorrelationId, e.CausationId, e.Authority, previous);
                if (hash != e.Hash) return Broken("the event's content or metadata does not match its hash");
                previous = e.Hash;
                expectedVersion++;
            }
        }

        return new ChainVerification(true, count, streams, null);
    }

    private static string? ValueAt(string dataJson, string path)
    {
        JsonNode? node = JsonNode.Parse(dataJson);
        foreach (var part in path[1..].Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part;
            var index = -1;
            var bracket = part.IndexOf('[');
            if (bracket >= 0)
            {
                name = part[..bracket];
                index = int.Parse(part[(bracket + 1)..^1], CultureInfo.InvariantCulture);
            }

            node = node?[name];
            if (index >= 0) node = node is JsonArray a && index < a.Count ? a[index] : null;
        }

        return node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
    }
}
