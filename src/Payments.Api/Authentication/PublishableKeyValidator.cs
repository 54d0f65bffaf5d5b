using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Payments.Domain.Errors;
using Payments.Domain.Ports;

namespace Payments.Api.Authentication;

/// <summary>
/// The <c>x-publishable-api-key</c> check of every store route (spec §2.1), with Medusa's exact messages.
/// </summary>
public sealed class PublishableKeyValidator(IApiKeyCatalog apiKeys, IMemoryCache cache, TimeProvider clock)
{
    public const string HeaderName = "x-publishable-api-key";

    /// <summary>The spec allows key lookups to be cached for at most 5 seconds; revocation then shows within that.</summary>
    internal static readonly TimeSpan LookupCacheLifetime = TimeSpan.FromSeconds(4);

    private const string MissingKeyMessage =
        "Publishable API key required in the request header: x-publishable-api-key. You can manage your keys in settings in the dashboard.";

    private const string InvalidKeyMessage = "A valid publishable key is required to proceed with the request";

    /// <summary>Returns the caller's key token, or throws the Medusa error for a missing, unknown or revoked key.</summary>
    public async Task<string> ValidateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // A header sent twice arrives joined as "a, b", which no key has: Medusa answers it as unknown.
        var token = request.Headers[HeaderName].ToString();
        if (token.Length == 0)
        {
            throw MedusaException.NotAllowed(MissingKeyMessage);
        }

        var key = await FindCachedAsync(token, cancellationToken);
        if (key is not { Type: ApiKeyType.Publishable } || !key.IsActiveAt(clock.GetUtcNow()))
        {
            throw MedusaException.NotAllowed(InvalidKeyMessage);
        }

        return token;
    }

    private async Task<ApiKey?> FindCachedAsync(string token, CancellationToken cancellationToken)
    {
        // Publishable tokens are public (they ship in storefront code), so the token itself is the cache key.
        var cacheKey = "publishable-key:" + token;
        if (cache.TryGetValue(cacheKey, out ApiKey? cached))
        {
            return cached;
        }

        var key = await apiKeys.FindByTokenAsync(token, cancellationToken);
        using var entry = cache.CreateEntry(cacheKey);
        entry.Value = key;
        entry.Size = 1;
        entry.AbsoluteExpirationRelativeToNow = LookupCacheLifetime;
        return key;
    }
}
