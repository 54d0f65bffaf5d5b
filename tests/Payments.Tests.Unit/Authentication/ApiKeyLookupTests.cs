using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Payments.Api.Authentication;
using Payments.Api.Errors;
using Payments.Domain.Errors;
using Payments.Domain.Ports;

namespace Payments.Tests.Unit.Authentication;

/// <summary>
/// Issue 10, item 8: implausible tokens are refused before any lookup, and key lookups are cached under the token's
/// SHA-256, never the token (16,000 distinct 24 KB keys took the host from 166 to 837 MB).
/// </summary>
public sealed class ApiKeyLookupTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 7, 12, 0, TimeSpan.Zero);

    private readonly IApiKeyCatalog catalog = Substitute.For<IApiKeyCatalog>();
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });
    private readonly FakeTimeProvider clock = new(Now);

    public void Dispose() => cache.Dispose();

    public static TheoryData<string> ImplausiblePublishableKeys() => new()
    {
        "pk_" + new string('a', 24 * 1024),
        "sk_" + new string('0', 64),
        "pk_",
        "pk_0000 0000",
        "pk_😀",
        "PK_" + new string('0', 64),
        "Bearer pk_0",
    };

    [Theory]
    [MemberData(nameof(ImplausiblePublishableKeys))]
    public async Task An_implausible_publishable_key_is_invalid_without_a_lookup(string token)
    {
        var error = await Assert.ThrowsAsync<MedusaException>(() => Validator().ValidateAsync(StoreRequest(token), CancellationToken.None));

        Assert.Equal("A valid publishable key is required to proceed with the request", error.Message);
        await catalog.DidNotReceiveWithAnyArgs().FindByTokenAsync(default!, default);
    }

    [Fact]
    public async Task Unknown_keys_are_cached_under_their_hash_never_under_the_token()
    {
        var tokens = Enumerable.Range(0, 50).Select(index => $"pk_{index:D64}").ToList();
        foreach (var token in tokens)
        {
            await Assert.ThrowsAsync<MedusaException>(() => Validator().ValidateAsync(StoreRequest(token), CancellationToken.None));
            await Assert.ThrowsAsync<MedusaException>(() => Validator().ValidateAsync(StoreRequest(token), CancellationToken.None));
        }

        var cached = cache.Keys.Select(key => key.ToString()!).ToList();
        Assert.Equal(50, cached.Count);
        Assert.DoesNotContain(cached, key => tokens.Any(token => key.Contains(token[3..], StringComparison.Ordinal)));
        await catalog.ReceivedWithAnyArgs(50).FindByTokenAsync(default!, default);
    }

    [Fact]
    public async Task A_secret_key_lookup_is_cached_a_few_seconds()
    {
        const string token = "sk_0123456789abcdef0123456789abcdef";
        catalog.FindByTokenAsync(token, Arg.Any<CancellationToken>()).Returns(new ApiKey("apk_1", ApiKeyType.Secret, "Admin", null, []));

        Assert.Equal("apk_1", await Admins().AuthenticateAsync(AdminRequest(AdminBasic(token)), CancellationToken.None));
        Assert.Equal("apk_1", await Admins().AuthenticateAsync(AdminRequest(AdminBasic(token)), CancellationToken.None));

        await catalog.Received(1).FindByTokenAsync(token, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_implausible_basic_secret_key_is_unauthorized_without_a_lookup()
    {
        await Assert.ThrowsAsync<AdminUnauthorizedException>(() =>
            Admins().AuthenticateAsync(AdminRequest(AdminBasic("sk_" + new string('f', 24 * 1024))), CancellationToken.None));

        await catalog.DidNotReceiveWithAnyArgs().FindByTokenAsync(default!, default);
    }

    private PublishableKeyValidator Validator() => new(new ApiKeyVerdicts(catalog, cache), clock);

    private AdminAuthenticator Admins() => new(
        new MedusaJwtVerifier(Options.Create(new AdminAuthOptions()), clock),
        new ApiKeyVerdicts(catalog, cache),
        clock,
        NullLogger<AdminAuthenticator>.Instance);

    private static HttpRequest StoreRequest(string token)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[PublishableKeyValidator.HeaderName] = token;
        return context.Request;
    }

    private static HttpRequest AdminRequest(string authorization)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = authorization;
        return context.Request;
    }

    private static string AdminBasic(string token) => "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(token + ":"));
}
