using Microsoft.Extensions.Caching.Memory;

namespace Payments.Api.ReferenceData;

/// <summary>
/// A short cache whose misses of one key share one lookup. <c>IMemoryCache.GetOrCreateAsync</c> runs the factory for
/// every request that misses until the first lookup lands, so when an entry expires under load every request in flight
/// asks the backend (measured beside a real Medusa: up to the concurrency, 32 reads of one key, with the last waiting for
/// the other 31 at Medusa). Here the entry holds the lookup itself: the first miss starts it, the others wait for it. A
/// lookup that fails is not kept, so the next request looks up again; a caller that gives up stops waiting, not the
/// lookup the others share.
/// </summary>
internal static class SharedLookups
{
    public static async Task<T> GetOrLookUpAsync<T>(this IMemoryCache cache, object key, TimeSpan lifetime, Func<CancellationToken, Task<T>> lookUp, CancellationToken cancellationToken)
    {
        var shared = cache.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            entry.AbsoluteExpirationRelativeToNow = lifetime;
            return new Lazy<Task<T>>(() => LookUpAsync(lookUp));
        })!;
        try
        {
            return await shared.Value.WaitAsync(cancellationToken);
        }
        catch when (shared.Value.IsFaulted || shared.Value.IsCanceled)
        {
            if (cache.TryGetValue(key, out var current) && ReferenceEquals(current, shared))
            {
                cache.Remove(key);
            }

            throw;
        }
    }

    // Async, so that a lookup throwing before its first await still gives a failed task, never a Lazy that keeps the throw.
    private static async Task<T> LookUpAsync<T>(Func<CancellationToken, Task<T>> lookUp) => await lookUp(CancellationToken.None);
}
