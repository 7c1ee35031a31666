using Microsoft.AspNetCore.Http.Features;

namespace WasteMovements.Api.Infrastructure;

/// <summary>
/// Request body size limit (configuration <c>Kestrel:Limits:MaxRequestBodySize</c>, 1 MiB) answered with a
/// 413 problem. Kestrel enforces the limit itself while reading; this also refuses a declared oversized body
/// before anything reads it, and applies the limit where the server has no limit feature (the test server).
/// Writes that carry an Idempotency-Key get a rewindable body so that its digest can be taken.
/// </summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next, IConfiguration configuration)
{
    private readonly long _limit = configuration.GetValue<long?>("Kestrel:Limits:MaxRequestBodySize") ?? 1_048_576;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > _limit)
        {
            await TooLarge(context);
            return;
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = _limit;
        }
        else if (feature is null && context.Request.ContentLength is null && !HttpMethods.IsGet(context.Request.Method))
        {
            context.Request.Body = new LimitedStream(context.Request.Body, _limit);
        }

        if (!HttpMethods.IsGet(context.Request.Method) && Idempotency.HasKey(context.Request))
        {
            context.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: _limit);
        }

        await next(context);
    }

    public static Task TooLarge(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return Problems.Result(Problems.Create(StatusCodes.Status413PayloadTooLarge, "body-too-large", "Request body too large",
            "The request body exceeds the limit of this API (1 MiB); nothing was recorded.")).ExecuteAsync(context);
    }

    /// <summary>Fails a chunked body past the limit the way Kestrel does (413).</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            Count(await inner.ReadAsync(buffer, ct));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), ct));

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        private int Count(int n)
        {
            _read += n;
            if (_read > limit) throw new BadHttpRequestException("The request body exceeds the limit of this API (1 MiB).", StatusCodes.Status413PayloadTooLarge);
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
