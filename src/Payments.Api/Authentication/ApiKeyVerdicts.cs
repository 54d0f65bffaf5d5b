using Microsoft.Extensions.Caching.Memory;
using Payments.Api.ReferenceData;
using Payments.Domain.Identifiers;
using Payments.Domain.Ports;

namespace Payments.Api.Authentication;

/// <summary>
/// API key lookups, cached for <see cref="Lifetime"/> under the SHA-256 of the token (never the token: a cache
/// keyed by what callers send grows with what they send, issue 10), unknown keys included so a burst of one bad
/// key costs one lookup, concurrent requests included (<see cref="SharedLookups"/>). In backend mode the lookup asks the
/// commerce backend, so revocation there shows here within the lifetime.
/// </summary>
public sealed class ApiKeyVerdicts(IApiKeyCatalog apiKeys, IMemoryCache cache)
{
    /// <summary>The spec allows key lookups to be cached for at most 5 seconds (§2.1).</summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(4);

    public Task<ApiKey?> FindAsync(string token, CancellationToken cancellationToken) =>
        cache.GetOrLookUpAsync(new CacheKey(TokenDigest.HexOf(token)), Lifetime, shared => apiKeys.FindByTokenAsync(token, shared), cancellationToken);

    /// <summary>A key type of its own, so no other cache entry can share a key with a token digest.</summary>
    private sealed record CacheKey(string TokenSha256);
}
