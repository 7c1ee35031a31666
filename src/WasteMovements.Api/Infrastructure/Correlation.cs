using System.Diagnostics;
using Serilog.Context;

namespace WasteMovements.Api.Infrastructure;

/// <summary>
/// Every request gets a correlation id: the caller's <c>X-Correlation-Id</c> if it sent a sane one, else
/// the trace id. It is echoed in the response, pushed into the log context, and recorded on every event.
/// </summary>
public sealed class CorrelationMiddleware(RequestDelegate next)
{
    public const string Header = "X-Correlation-Id";
    private const string ItemKey = "wm.correlation-id";

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        var id = IsSane(incoming) ? incoming : Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        context.Items[ItemKey] = id;
        context.Response.Headers[Header] = id;
        using (LogContext.PushProperty("CorrelationId", id))
        {
            await next(context);
        }
    }

    public static string? Get(HttpContext context) => context.Items[ItemKey] as string;

    // A correlation id ends up in logs and event metadata: accept only short, plain tokens.
    private static bool IsSane(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
