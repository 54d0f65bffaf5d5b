using Microsoft.Extensions.Caching.Memory;
using Payments.Domain.Identifiers;
using Payments.Domain.Ports;

namespace Payments.Api.ReferenceData;

/// <summary>
/// Regions change rarely and are read by every session initialisation and provider listing, so both modes read them
/// through this short cache (issue 7): a region changed in the tables or at the backend shows here within
/// <see cref="Lifetime"/>. Unknown regions are cached too. An entry is keyed by the SHA-256 of the region id and the
/// caller's publishable key, so its size does not grow with what callers send, and what one caller's key may read
/// never answers another's. Concurrent misses share one read (<see cref="SharedLookups"/>).
/// </summary>
public sealed class CachedRegionCatalog(IRegionCatalog source, IMemoryCache cache) : IRegionCatalog
{
    internal static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(4);

    public Task<Region?> FindAsync(string regionId, Caller caller, CancellationToken cancellationToken) =>
        cache.GetOrLookUpAsync(
            new CacheKey(TokenDigest.HexOf($"{regionId}\n{caller.PublishableKey}")),
            Lifetime,
            shared => source.FindAsync(regionId, caller, shared),
            cancellationToken);

    private sealed record CacheKey(string RegionAndKeySha256);
}
