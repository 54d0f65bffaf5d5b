using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Payments.Domain.Providers;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> over HTTP (spec §1.10, D7; checklist 68–71), on session initialisation against a
/// substituted provider whose calls are counted.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class IdempotencyKeyHttpTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ProviderId = "pp_test_test";
    private const string Region = "reg_test_idempotency";
    private const string Body = """{"provider_id":"pp_test_test"}""";
    private const string OtherPublishableKey = "pk_idempotency_second_storefront";
    private const string ReplayedHeader = "idempotent-replayed";

    private readonly IPaymentProvider provider = Substitute.For<IPaymentProvider>();
    private ApiHost api = null!;

    public async Task InitializeAsync()
    {
        provider.Id.Returns(ProviderId);
        provider.InitiateAsync(default!, default).ReturnsForAnyArgs(_ => Initiated());
        provider.DeleteAsync(default!, default).ReturnsForAnyArgs(EmptyJson.Object);
        api = await ApiHost.StartAsync(azurite.ConnectionString, services => services.AddSingleton(provider));
        await api.SeedAsync(new
        {
            regions = new[] { new { id = Region, name = "Idempotency", currency_code = "usd", payment_providers = new[] { ProviderId } } },
            api_keys = new[]
            {
                new
                {
                    id = "apk_idempotency_second",
                    token = OtherPublishableKey,
                    type = "publishable",
                    title = "Second storefront",
                    revoked_at = (string?)null,
                    sales_channel_ids = Array.Empty<string>(),
                },
            },
        });
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Same_key_and_body_twice_replays_the_first_response_with_one_initiate_call()
    {
        var sessions = PaymentSessionTests.SessionsOf(await api.NewCollectionAsync(region: Region));
        var first = await PostAsync(sessions, Body, "key-68");

        var second = await PostAsync(sessions, """ { "provider_id" : "pp_test_test" } """, "key-68");

        Assert.Equal(200, first.Status);
        Assert.False(first.Headers.ContainsKey(ReplayedHeader));
        Assert.Equal((first.Status, first.ContentType, first.Body), (second.Status, second.ContentType, second.Body));
        Assert.Equal("true", second.Headers[ReplayedHeader]);
        Assert.Equal(1, InitiateCalls());
    }

    [Fact]
    public async Task A_replay_shows_the_first_response_even_after_the_collection_changed()
    {
        var sessions = PaymentSessionTests.SessionsOf(await api.NewCollectionAsync(region: Region));
        var first = await PostAsync(sessions, Body, "key-changed");
        var replaced = await api.PostAsync(sessions, """{"provider_id":"pp_test_test","data":{"n":1}}""");

        var replay = await PostAsync(sessions, Body, "key-changed");

        Assert.NotEqual(first.Body, replaced.Body);
        Assert.Equal(first.Body, replay.Body);
        Assert.Equal(2, InitiateCalls());
    }

    [Fact]
    public async Task Same_key_with_a_different_body_is_a_422_naming_the_key()
    {
        var sessions = PaymentSessionTests.SessionsOf(await api.NewCollectionAsync(region: Region));
        await PostAsync(sessions, Body, "key-69");

        var response = await PostAsync(sessions, """{"provider_id":"pp_test_test","data":{"n":1}}""", "key-69");

        Assert.Equal(422, response.Status);
        Assert.Equal("""{"type":"invalid_data","message":"Idempotency-Key key-69 was already used with a different request body"}""", response.Body);
        Assert.Equal(1, InitiateCalls());
    }

    [Fact]
    public async Task Same_key_while_the_first_request_still_runs_is_a_409_and_the_first_answer_is_kept()
    {
        var sessions = PaymentSessionTests.SessionsOf(await api.NewCollectionAsync(region: Region));
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.InitiateAsync(default!, default).ReturnsForAnyArgs(async _ =>
        {
            entered.SetResult();
            await proceed.Task;
            return Initiated();
        });

        var running = PostAsync(sessions, Body, "key-70");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var concurrent = await PostAsync(sessions, Body, "key-70");
        proceed.SetResult();
        var first = await running;

        Assert.Equal(409, concurrent.Status);
        Assert.Equal(
            """{"code":"invalid_state_error","type":"conflict","message":"The request conflicted with another request. You may retry the request with the provided Idempotency-Key."}""",
            concurrent.Body);
        Assert.Equal(200, first.Status);
        Assert.Equal(first.Body, (await PostAsync(sessions, Body, "key-70")).Body);
        Assert.Equal(1, InitiateCalls());
    }

    [Fact]
    public async Task A_key_of_256_characters_is_a_400()
    {
        var sessions = PaymentSessionTests.SessionsOf(await api.NewCollectionAsync(region: Region));

        var response = await PostAsync(sessions, Body, new string('k', 256));

        Assert.Equal(400, response.Status);
        Assert.Equal("""{"type":"invalid_data","message":"Invalid request: Idempotency-Key must be 1 to 255 printable ASCII characters"}""", response.Body);
        Assert.Equal(0, InitiateCalls());
    }

    [Fact]
    public async Task A_key_of_255_characters_is_accepted()
    {
        var sessions = PaymentSessionTests.SessionsOf(await api.NewCollectionAsync(region: Region));

        Assert.Equal(200, (await PostAsync(sessions, Body, new string('k', 255))).Status);
    }

    [Fact]
    public async Task A_5xx_is_not_kept_so_a_retry_with_the_key_runs_again()
    {
        var sessions = PaymentSessionTests.SessionsOf(await api.NewCollectionAsync(region: Region));
        provider.InitiateAsync(default!, default).ThrowsAsyncForAnyArgs(new InvalidOperationException("card processor down"));
        var failed = await PostAsync(sessions, Body, "key-5xx");
        provider.InitiateAsync(default!, default).ReturnsForAnyArgs(_ => Initiated());

        var retried = await PostAsync(sessions, Body, "key-5xx");

        Assert.Equal(500, failed.Status);
        Assert.Equal(200, retried.Status);
        Assert.False(retried.Headers.ContainsKey(ReplayedHeader));
        Assert.Equal(2, InitiateCalls());
    }

    [Fact]
    public async Task An_answer_below_500_is_kept_even_when_it_is_an_error()
    {
        var sessions = PaymentSessionTests.SessionsOf(await api.NewCollectionAsync(region: Region));
        var first = await PostAsync(sessions, """{"provider_id":"pp_test_test","unknown":1}""", "key-400");

        var second = await PostAsync(sessions, """{"unknown":1,"provider_id":"pp_test_test"}""", "key-400");

        Assert.Equal(400, first.Status);
        Assert.Equal((first.Status, first.Body), (second.Status, second.Body));
        Assert.Equal("true", second.Headers[ReplayedHeader]);
    }

    [Fact]
    public async Task Another_caller_with_the_same_key_is_independent()
    {
        var firstCart = await api.NewCartAsync(region: Region);
        var otherCart = await api.NewCartAsync(region: Region);
        var first = await PostAsync("/store/payment-collections", $$"""{"cart_id":"{{firstCart}}"}""", "shared-key");

        var other = await PostAsync("/store/payment-collections", $$"""{"cart_id":"{{otherCart}}"}""", "shared-key", OtherPublishableKey);

        Assert.Equal(200, other.Status);
        Assert.False(other.Headers.ContainsKey(ReplayedHeader));
        Assert.NotEqual(CollectionIdOf(first), CollectionIdOf(other));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(ApiHost.RevokedPublishableKey)]
    public async Task A_replay_is_never_served_before_authentication(string? publishableKey)
    {
        var sessions = PaymentSessionTests.SessionsOf(await api.NewCollectionAsync(region: Region));
        await PostAsync(sessions, Body, "key-auth");

        var response = await PostAsync(sessions, Body, "key-auth", publishableKey);

        Assert.Equal(400, response.Status);
        Assert.Equal("not_allowed", response.Json.GetProperty("type").GetString());
        Assert.False(response.Headers.ContainsKey(ReplayedHeader));
    }

    [Fact]
    public async Task A_malformed_body_is_refused_before_the_key_is_looked_at()
    {
        var response = await PostAsync("/store/payment-collections", "{", new string('k', 256));

        Assert.Equal("""{"message":"Unexpected end of JSON input","type":"invalid_data"}""", response.Body);
    }

    private Task<ApiResponse> PostAsync(string path, string json, string key, string? publishableKey = ApiHost.PublishableKey) =>
        api.SendAsync(HttpMethod.Post, path, json, publishableKey, "application/json", request => request.Headers.TryAddWithoutValidation("Idempotency-Key", key));

    private static string? CollectionIdOf(ApiResponse response) =>
        response.Json.GetProperty("payment_collection").GetProperty("id").GetString();

    private int InitiateCalls() => provider.ReceivedCalls().Count(call => call.GetMethodInfo().Name == nameof(IPaymentProvider.InitiateAsync));

    private static ProviderInitiateResult Initiated()
    {
        var reference = "pi_" + Guid.NewGuid().ToString("N");
        return new ProviderInitiateResult(reference, JsonSerializer.SerializeToElement(new { id = reference }), Status: null);
    }
}
