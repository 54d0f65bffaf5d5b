using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Outbox;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Tests.Integration.Storage;

namespace Payments.Tests.Integration.Http;

/// <summary>
/// Session initialisation against a substituted provider (spec §6.2 steps 5–8, D2, D5; checklist 62–64):
/// what reaches the provider, and what its failures do.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ProviderSeamTests(ApiFixture fixture) : IAsyncLifetime
{
    private const string ProviderId = "pp_test_test";
    private const string Region = "reg_test_provider_seam";
    private const string Body = """{"provider_id":"pp_test_test"}""";
    private readonly IPaymentProvider provider = Substitute.For<IPaymentProvider>();
    private ApiHost api = null!;

    public async Task InitializeAsync()
    {
        provider.Id.Returns(ProviderId);
        provider.InitiateAsync(default!, default).ReturnsForAnyArgs(call =>
        {
            var reference = "pi_" + Guid.NewGuid().ToString("N");
            return new ProviderInitiateResult(reference, JsonSerializer.SerializeToElement(new { id = reference, client_secret = reference + "_secret" }), Status: null);
        });
        provider.DeleteAsync(default!, default).ReturnsForAnyArgs(EmptyJson.Object);
        api = await ApiHost.StartAsync(fixture.TablesConnection, services => services.AddSingleton(provider));
        await api.SeedAsync(new { regions = new[] { new { id = Region, name = "Seam", currency_code = "usd", payment_providers = new[] { ProviderId } } } });
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Initiate_receives_amount_currency_request_data_with_the_session_id_and_the_session_id_as_key()
    {
        var id = await api.NewCollectionAsync(total: 42.5m, region: Region);

        var response = await api.PostAsync(PaymentSessionTests.SessionsOf(id), """{"provider_id":"pp_test_test","data":{"note":"x"}}""");

        var session = PaymentSessionTests.SessionOf(response);
        var sessionId = session.GetProperty("id").GetString()!;
        await provider.Received(1).InitiateAsync(
            Arg.Is<ProviderInitiateRequest>(request => request.Amount == 42.5m
                && request.CurrencyCode == "usd"
                && request.IdempotencyKey == sessionId
                && request.Data.GetRawText() == $$"""{"note":"x","session_id":"{{sessionId}}"}"""),
            Arg.Any<CancellationToken>());
        Assert.StartsWith("""{"note":"x","id":"pi_""", session.GetProperty("data").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reused_session_keeps_its_provider_data_without_a_provider_call()
    {
        var id = await api.NewCollectionAsync(region: Region);
        var first = await api.PostAsync(PaymentSessionTests.SessionsOf(id), Body);

        var second = await api.PostAsync(PaymentSessionTests.SessionsOf(id), Body);

        Assert.Equal(first.Body, second.Body);
        Assert.Contains("\"client_secret\":\"pi_", second.Body, StringComparison.Ordinal);
        await provider.ReceivedWithAnyArgs(1).InitiateAsync(default!, default);
    }

    [Fact]
    public async Task Every_provider_payment_not_kept_is_released_under_concurrency()
    {
        var id = await api.NewCollectionAsync(region: Region);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(index =>
            api.PostAsync(PaymentSessionTests.SessionsOf(id), $$$"""{"provider_id":"pp_test_test","data":{"n":{{{index}}}}}""")));

        Assert.All(responses, response => Assert.Single(response.Json.GetProperty("payment_collection").GetProperty("payment_sessions").EnumerateArray()));
        var initiated = provider.ReceivedCalls().Count(call => call.GetMethodInfo().Name == nameof(IPaymentProvider.InitiateAsync));
        var released = provider.ReceivedCalls().Count(call => call.GetMethodInfo().Name == nameof(IPaymentProvider.DeleteAsync));
        Assert.Equal(initiated - 1, released);
    }

    [Fact]
    public async Task A_failing_release_does_not_fail_the_new_session_and_stays_recorded()
    {
        var id = await api.NewCollectionAsync(region: Region);
        var first = PaymentSessionTests.SessionOf(await api.PostAsync(PaymentSessionTests.SessionsOf(id), Body)).GetProperty("id").GetString();
        provider.DeleteAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("provider down"));

        var response = await api.PostAsync(PaymentSessionTests.SessionsOf(id), """{"provider_id":"pp_test_test","data":{"n":1}}""");

        Assert.Equal(200, response.Status);
        var waiting = Assert.Single(await api.Services.GetRequiredService<IOutboxStore>().LiveMessagesOfAsync(id));
        Assert.Equal(first, Assert.IsType<ProviderRelease>(waiting.Message).SessionId);
    }

    [Fact]
    public async Task A_failing_initiate_is_a_generic_500_and_keeps_the_previous_session()
    {
        var id = await api.NewCollectionAsync(region: Region);
        var before = await api.PostAsync(PaymentSessionTests.SessionsOf(id), Body);
        provider.InitiateAsync(default!, default).ThrowsAsyncForAnyArgs(new InvalidOperationException("card processor internal detail"));

        var response = await api.PostAsync(PaymentSessionTests.SessionsOf(id), """{"provider_id":"pp_test_test","data":{"n":1}}""");

        Assert.Equal(500, response.Status);
        Assert.Equal("""{"code":"unknown_error","type":"unknown_error","message":"An unknown error occurred."}""", response.Body);
        provider.InitiateAsync(default!, default).ReturnsForAnyArgs(new ProviderInitiateResult("x", EmptyJson.Object, null));
        Assert.Equal(before.Body, (await api.PostAsync(PaymentSessionTests.SessionsOf(id), Body)).Body);
    }

    [Fact]
    public async Task An_unavailable_provider_is_a_502_and_nothing_is_written()
    {
        var id = await api.NewCollectionAsync(region: Region);
        provider.InitiateAsync(default!, default).ThrowsAsyncForAnyArgs(MedusaException.ProviderUnavailable(ProviderId, new HttpRequestException("503")));

        var response = await api.PostAsync(PaymentSessionTests.SessionsOf(id), Body);

        Assert.Equal(502, response.Status);
        Assert.Equal("""{"type":"unexpected_state","message":"Payment provider pp_test_test is unavailable, try again"}""", response.Body);
        var stored = await api.Services.GetRequiredService<IPaymentCollectionStore>().FindAsync(id, CancellationToken.None);
        Assert.Empty(stored!.Collection.Sessions);
    }

    [Theory]
    [InlineData(PaymentSessionStatus.RequiresMore, """{"type":"payment_requires_more_error","message":"More information is required for payment"}""")]
    [InlineData(PaymentSessionStatus.Error, """{"type":"payment_authorization_error","message":"Payment authorization failed"}""")]
    public async Task An_authorization_the_provider_refuses_is_a_422_and_the_session_keeps_its_status(PaymentSessionStatus status, string expected)
    {
        var (collectionId, sessionId) = await SessionAsync();
        provider.AuthorizeAsync(default!, default).ReturnsForAnyArgs(new ProviderAuthorizeResult(status, EmptyJson.Object));

        var response = await api.AdminAsync(HttpMethod.Post, PaymentLifecycle.AuthorizePath(collectionId, sessionId), "{}");

        Assert.Equal((422, expected), (response.Status, response.Body));
        var stored = (await api.Services.GetRequiredService<IPaymentCollectionStore>().FindAsync(collectionId, CancellationToken.None))!.Collection;
        Assert.Equal(status, Assert.Single(stored.Sessions).Status);
        Assert.Empty(stored.Payments);
    }

    [Fact]
    public async Task A_pending_authorization_answers_200_without_a_payment()
    {
        var (collectionId, sessionId) = await SessionAsync();
        provider.AuthorizeAsync(default!, default).ReturnsForAnyArgs(new ProviderAuthorizeResult(PaymentSessionStatus.PendingAuthorization, EmptyJson.Object));

        var response = await api.AdminAsync(HttpMethod.Post, PaymentLifecycle.AuthorizePath(collectionId, sessionId), "{}");

        var collection = response.Json.GetProperty("payment_collection");
        Assert.Equal(("awaiting", 0), (collection.GetProperty("status").GetString(), collection.GetProperty("payments").GetArrayLength()));
        Assert.Equal("pending_authorization", PaymentSessionTests.SessionOf(response).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_provider_that_captures_on_authorization_gets_its_capture_recorded_without_a_capture_call()
    {
        var (collectionId, sessionId) = await SessionAsync();
        provider.AuthorizeAsync(default!, default).ReturnsForAnyArgs(new ProviderAuthorizeResult(PaymentSessionStatus.Captured, EmptyJson.Object));

        var response = await api.AdminAsync(HttpMethod.Post, PaymentLifecycle.AuthorizePath(collectionId, sessionId) + "?fields=status,*payments,payments.captures.created_by,*payment_sessions", "{}");

        var collection = response.Json.GetProperty("payment_collection");
        Assert.Equal("completed", collection.GetProperty("status").GetString());
        Assert.Equal("authorized", PaymentSessionTests.SessionOf(response).GetProperty("status").GetString());
        var capture = Assert.Single(collection.GetProperty("payments")[0].GetProperty("captures").EnumerateArray().ToList());
        Assert.Equal(JsonValueKind.Null, capture.GetProperty("created_by").ValueKind);
        await provider.DidNotReceiveWithAnyArgs().CaptureAsync(default!, default);
    }

    [Theory]
    [InlineData("capture")]
    [InlineData("refund")]
    public async Task A_move_the_provider_fails_unexpectedly_is_a_generic_500_shows_nothing_and_its_retry_sends_the_same_move_id_as_key(string kind)
    {
        var paymentId = await AuthorizedPaymentAsync();
        provider.CaptureAsync(default!, default).ReturnsForAnyArgs(new ProviderMove(EmptyJson.Object, Reference: null));
        if (kind == "refund")
        {
            await api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/capture", "{}");
        }

        Move(kind).ThrowsAsyncForAnyArgs(new HttpRequestException("processor down"));
        var failed = await api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/{kind}", """{"amount":20}""");
        var afterFailure = await api.AdminAsync(HttpMethod.Get, $"/admin/payments/{paymentId}");
        Move(kind).ReturnsForAnyArgs(new ProviderMove(EmptyJson.Object, Reference: null));
        var retried = await api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/{kind}", """{"amount":20}""");

        Assert.Equal((500, """{"code":"unknown_error","type":"unknown_error","message":"An unknown error occurred."}"""), (failed.Status, failed.Body));
        var listName = kind == "capture" ? "captures" : "refunds";
        Assert.Equal(0, afterFailure.Json.GetProperty("payment").GetProperty(listName).GetArrayLength());
        var moved = retried.Json.GetProperty("payment").GetProperty(listName).EnumerateArray().Single(move => move.GetProperty("amount").GetDecimal() == 20m);
        var keys = provider.ReceivedCalls().Where(call => call.GetMethodInfo().Name == (kind == "capture" ? nameof(IPaymentProvider.CaptureAsync) : nameof(IPaymentProvider.RefundAsync)))
            .Select(call => ((ProviderAmountOperation)call.GetArguments()[0]!).IdempotencyKey).ToList();

        // The failed call may have moved the money: its retry reaches the same reserved move, so the provider sees that
        // move's id, the id the capture or refund is then recorded under, and money moves once.
        var moveId = moved.GetProperty("id").GetString()!;
        Assert.Equal([moveId, moveId], keys);
    }

    private Task<ProviderMove> Move(string kind) =>
        kind == "capture" ? provider.CaptureAsync(default!, default) : provider.RefundAsync(default!, default);

    private async Task<string> AuthorizedPaymentAsync()
    {
        var (collectionId, sessionId) = await SessionAsync();
        provider.AuthorizeAsync(default!, default).ReturnsForAnyArgs(new ProviderAuthorizeResult(PaymentSessionStatus.Authorized, EmptyJson.Object));
        return (await api.AdminAsync(HttpMethod.Post, PaymentLifecycle.AuthorizePath(collectionId, sessionId), "{}")).Json
            .GetProperty("payment_collection").GetProperty("payments")[0].GetProperty("id").GetString()!;
    }

    private async Task<(string CollectionId, string SessionId)> SessionAsync()
    {
        var collectionId = await api.NewCollectionAsync(region: Region);
        var sessionId = PaymentSessionTests.SessionOf(await api.PostAsync(PaymentSessionTests.SessionsOf(collectionId), Body)).GetProperty("id").GetString()!;
        return (collectionId, sessionId);
    }
}
