using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using WasteMovements.Api.Infrastructure;

namespace WasteMovements.Api.Security;

/// <summary>Configuration section <c>RateLimiting</c>: writes per identity (token bucket).</summary>
public sealed class WriteLimitSettings
{
    /// <summary>Writes allowed per period and identity once the burst is spent.</summary>
    public int WritesPerPeriod { get; set; } = 50;
    public double PeriodSeconds { get; set; } = 1;
    public int Burst { get; set; } = 200;
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;
}

/// <summary>
/// Limits on writes: a token bucket per identity (the token's <c>sub</c>, or the client address when
/// anonymous) answering 429 with Retry-After, and a request body size limit answering 413, both as problems.
/// </summary>
public static class WriteLimits
{
    public const string Policy = "writes";

    public static void AddWriteLimits(this WebApplicationBuilder builder)
    {
        var settings = new WriteLimitSettings();
        builder.Configuration.GetSection("RateLimiting").Bind(settings);
        builder.Services.AddSingleton(settings);
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, http => RateLimitPartition.GetTokenBucketLimiter(
                http.User.FindFirst(ClaimNames.Subject)?.Value ?? "anonymous:" + http.Connection.RemoteIpAddress,
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.Burst,
                    TokensPerPeriod = settings.WritesPerPeriod,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(settings.PeriodSeconds),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await Problems.Result(Problems.Create(StatusCodes.Status429TooManyRequests, "too-many-requests", "Too many requests",
                    $"Your identity may make {settings.WritesPerPeriod} writes per {settings.PeriodSeconds} s (bursts of {settings.Burst}); retry after {retryAfter} s. Nothing was recorded."))
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }

    /// <summary>
    /// Refuses bodies over the limit before they are read: by Content-Length at once, and for chunked bodies
    /// through the server's body size feature (Kestrel enforces it; the test server does not, hence the check).
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var limit = context.RequestServices.GetRequiredService<WriteLimitSettings>().MaxRequestBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await Problems.Result(Problems.Create(StatusCodes.Status413PayloadTooLarge, "body-too-large", "Request body too large",
                    $"The body may be at most {limit} bytes. Nothing was recorded.")).ExecuteAsync(context);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
            await next(context);
        });
}
