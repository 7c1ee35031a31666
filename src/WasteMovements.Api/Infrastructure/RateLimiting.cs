using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using WasteMovements.Api.Security;

namespace WasteMovements.Api.Infrastructure;

/// <summary>Configuration section <c>RateLimiting</c>: writes per identity per window.</summary>
public sealed class RateLimitSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Writes one person (or, unauthenticated, one address) may send per window: far above what a desk officer does.</summary>
    public int PermitLimit { get; set; } = 1200;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// ASP.NET Core's rate limiter on writes, partitioned by the token's <c>sub</c> (by the client address when
/// there is no valid token); reads are not limited. Over the limit: 429 problem with Retry-After.
/// </summary>
public static class RateLimiting
{
    public static void AddWriteRateLimiting(this WebApplicationBuilder builder)
    {
        var settings = new RateLimitSettings();
        builder.Configuration.GetSection("RateLimiting").Bind(settings);
        var window = TimeSpan.FromSeconds(Math.Max(1, settings.WindowSeconds));

        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var method = http.Request.Method;
                if (!settings.Enabled || HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                return RateLimitPartition.GetFixedWindowLimiter(PartitionKey(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, settings.PermitLimit),
                    Window = window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.Result(Problems.Create(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests",
                    $"At most {settings.PermitLimit} writes per {settings.WindowSeconds} s per person; retry in {seconds} s. Nothing was recorded."))
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }

    private static string PartitionKey(HttpContext http) =>
        http.User.FindFirst(ClaimNames.Subject)?.Value is { Length: > 0 } sub
            ? "sub:" + sub
            : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
