using System.Globalization;

namespace WasteMovements.Api.Infrastructure;

/// <summary>
/// Optimistic concurrency over HTTP: <c>If-Match: "7"</c> (the stream version from a read or a write's
/// ETag) makes a write conditional; a mismatch is 412. Without it, steps that commute (two authorities
/// acknowledging at once) are serialised on the stream instead, so neither fact is lost.
/// </summary>
public static class IfMatch
{
    public const string UsedKey = "wm.if-match";

    /// <summary>The expected version, null when absent; false when the header is not a version.</summary>
    public static bool TryParse(HttpRequest request, out long? expected)
    {
        expected = null;
        var raw = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(raw)) return true;
        var value = raw.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        value = value.Trim('"');
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1) return false;
        expected = version;
        request.HttpContext.Items[UsedKey] = true;
        return true;
    }

    public static bool WasUsed(HttpContext context) => context.Items.ContainsKey(UsedKey);

    public static IResult Invalid() => Problems.Result(Problems.Create(StatusCodes.Status400BadRequest, "invalid-if-match",
        "Invalid If-Match", "If-Match must hold a stream version, e.g. If-Match: \"3\"."));

    public static IResult Mismatch(long expected) => Problems.Result(Problems.Create(StatusCodes.Status412PreconditionFailed,
        "version-mismatch", "Precondition failed",
        $"The file is no longer at version {expected}; read it again before acting."));
}
