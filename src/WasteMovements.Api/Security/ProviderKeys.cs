using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace WasteMovements.Api.Security;

/// <summary>
/// A provider's discovery document and JWKS as the API holds them. Read again every <c>KeyRefreshMinutes</c>, and at
/// once when a token names a key the API does not hold (at most every <c>UnknownKeyRefreshSeconds</c>): the token
/// handler then asks for a refresh and validates again with what this returns. Unlike the library's own manager,
/// which refreshes in the background and so refuses the first token of a new key, the read happens before the
/// answer: after a rotation the first request with a new key is accepted, and no restart is needed.
/// </summary>
public sealed class ProviderKeys : BaseConfigurationManager, IConfigurationManager<OpenIdConnectConfiguration>
{
    private readonly HttpDocumentRetriever _retriever;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ILogger _log;
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _readAt;
    private DateTimeOffset _lastRequested = DateTimeOffset.MinValue;
    private volatile bool _refreshRequested;

    public ProviderKeys(string metadataAddress, HttpClient http, bool requireHttps, ILogger log)
    {
        MetadataAddress = metadataAddress;
        _retriever = new HttpDocumentRetriever(http) { RequireHttps = requireHttps };
        _log = log;
        // Never fall back to the keys read before: a key the provider dropped must be refused once it is gone.
        UseLastKnownGoodConfiguration = false;
    }

    private bool Fresh(DateTimeOffset now) => _current is not null && !_refreshRequested && now < _readAt + AutomaticRefreshInterval;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (Fresh(DateTimeOffset.UtcNow)) return _current!;
        await _lock.WaitAsync(cancel);
        try
        {
            var now = DateTimeOffset.UtcNow;
            if (Fresh(now)) return _current!;
            _refreshRequested = false;
            try
            {
                _current = await OpenIdConnectConfigurationRetriever.GetAsync(MetadataAddress, _retriever, CancellationToken.None);
                _readAt = now;
            }
            catch (Exception error) when (_current is not null)
            {
                // The provider is unreachable: keep the keys held (a token of a dropped key stays refusable once read)
                // and try again after the short interval rather than the long one.
                _log.LogWarning(error, "Could not read the provider's configuration {Address}; keeping the keys read at {ReadAt}", MetadataAddress, _readAt);
                _readAt = now - AutomaticRefreshInterval + RefreshInterval;
            }

            return _current!;
        }
        finally
        {
            _lock.Release();
        }
    }

    public override async Task<BaseConfiguration> GetBaseConfigurationAsync(CancellationToken cancel) => await GetConfigurationAsync(cancel);

    /// <summary>A token named an unknown key: read again on the next call, unless a read was asked for within <see cref="BaseConfigurationManager.RefreshInterval"/>.</summary>
    public override void RequestRefresh()
    {
        var now = DateTimeOffset.UtcNow;
        lock (_lock)
        {
            if (now < _lastRequested + RefreshInterval) return;
            _lastRequested = now;
            _refreshRequested = true;
        }
    }
}
