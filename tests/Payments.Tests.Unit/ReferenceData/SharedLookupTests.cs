using Microsoft.Extensions.Caching.Memory;
using NSubstitute;
using Payments.Api.Authentication;
using Payments.Api.ReferenceData;
using Payments.Domain.Ports;

namespace Payments.Tests.Unit.ReferenceData;

/// <summary>
/// The key and region caches: requests that miss one entry together share one lookup (beside a real Medusa, an expired
/// entry under 32 concurrent initialisations cost 32 backend reads), and a failed lookup is not kept.
/// </summary>
public sealed class SharedLookupTests : IDisposable
{
    private const string Token = "pk_0123456789abcdef0123456789abcdef";
    private static readonly Caller Shopper = new(Token, Customer: null);
    private static readonly Region Us = new("reg_us", "United States", "usd", ["pp_system_default"]);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });
    private readonly IApiKeyCatalog keys = Substitute.For<IApiKeyCatalog>();
    private readonly IRegionCatalog regions = Substitute.For<IRegionCatalog>();

    public void Dispose() => cache.Dispose();

    [Fact]
    public async Task Concurrent_misses_of_a_key_share_one_lookup()
    {
        var lookup = new TaskCompletionSource<ApiKey?>();
        keys.FindByTokenAsync(Token, Arg.Any<CancellationToken>()).Returns(lookup.Task);
        var verdicts = new ApiKeyVerdicts(keys, cache);

        var waiting = Enumerable.Range(0, 32).Select(_ => verdicts.FindAsync(Token, CancellationToken.None)).ToList();
        lookup.SetResult(new ApiKey("apk_1", ApiKeyType.Publishable, "", null, []));

        Assert.All(await Task.WhenAll(waiting), key => Assert.Equal("apk_1", key!.Id));
        await keys.Received(1).FindByTokenAsync(Token, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Concurrent_misses_of_a_region_share_one_read()
    {
        var read = new TaskCompletionSource<Region?>();
        regions.FindAsync("reg_us", Shopper, Arg.Any<CancellationToken>()).Returns(read.Task);
        var cached = new CachedRegionCatalog(regions, cache);

        var waiting = Enumerable.Range(0, 32).Select(_ => cached.FindAsync("reg_us", Shopper, CancellationToken.None)).ToList();
        read.SetResult(Us);

        Assert.All(await Task.WhenAll(waiting), region => Assert.Same(Us, region));
        await regions.Received(1).FindAsync("reg_us", Shopper, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_failed_read_is_not_kept()
    {
        regions.FindAsync("reg_us", Shopper, Arg.Any<CancellationToken>())
            .Returns(_ => throw new HttpRequestException("backend down"), _ => Task.FromResult<Region?>(Us));
        var cached = new CachedRegionCatalog(regions, cache);

        await Assert.ThrowsAsync<HttpRequestException>(() => cached.FindAsync("reg_us", Shopper, CancellationToken.None));

        Assert.Same(Us, await cached.FindAsync("reg_us", Shopper, CancellationToken.None));
        Assert.Same(Us, await cached.FindAsync("reg_us", Shopper, CancellationToken.None));
        await regions.Received(2).FindAsync("reg_us", Shopper, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_caller_that_gives_up_stops_waiting_and_the_others_still_get_the_answer()
    {
        var read = new TaskCompletionSource<Region?>();
        regions.FindAsync("reg_us", Shopper, Arg.Any<CancellationToken>()).Returns(read.Task);
        var cached = new CachedRegionCatalog(regions, cache);
        using var givenUp = new CancellationTokenSource();

        var impatient = cached.FindAsync("reg_us", Shopper, givenUp.Token);
        var patient = cached.FindAsync("reg_us", Shopper, CancellationToken.None);
        await givenUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        read.SetResult(Us);
        Assert.Same(Us, await patient);
        await regions.Received(1).FindAsync("reg_us", Shopper, Arg.Any<CancellationToken>());
    }
}
