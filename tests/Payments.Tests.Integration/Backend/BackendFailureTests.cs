using Microsoft.Extensions.DependencyInjection;
using Payments.Domain.Ports;
using Payments.Tests.Integration.Http;
using WireMock.ResponseBuilders;

namespace Payments.Tests.Integration.Backend;

/// <summary>
/// Spec §1.2: a backend that times out, fails, cannot be reached or answers what cannot be read makes the request
/// fail fast with 502 and the Medusa envelope, and writes nothing; transient failures of a GET are retried.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BackendFailureTests(ApiFixture fixture) : IAsyncLifetime
{
    private const string Unavailable = """{"type":"unexpected_state","message":"The commerce backend is unavailable, try again"}""";

    private MedusaBackedApi backed = null!;

    private MedusaStandIn Medusa => backed.Medusa;

    private ApiHost Api => backed.Api;

    /// <summary>Short enough for a quick timeout test, long enough (1 s an attempt) for a busy machine.</summary>
    private static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(3);

    public async Task InitializeAsync() => backed = await MedusaBackedApi.StartAsync(fixture.TablesConnection, totalTimeout: TotalTimeout);

    public async Task DisposeAsync() => await backed.DisposeAsync();

    [Fact]
    public async Task A_backend_answering_5xx_is_a_502_after_the_retries_and_links_nothing()
    {
        var cart = NewCartId();
        Medusa.AnswerRaw(MedusaStandIn.Store("/store/carts/" + cart), 503, """{"message":"maintenance"}""");

        var response = await CreateCollectionAsync(cart);

        Assert.Equal((502, "application/json; charset=utf-8", Unavailable), (response.Status, response.ContentType, response.Body));
        Assert.Equal(3, Medusa.Received("/store/carts/" + cart));
        Assert.Null(await Api.Services.GetRequiredService<ICartCollectionLinks>().FindCollectionIdAsync(cart, CancellationToken.None));
    }

    [Fact]
    public async Task A_backend_that_does_not_answer_in_time_is_a_502_within_the_total_timeout()
    {
        var cart = NewCartId();
        Medusa.AnswerRaw(MedusaStandIn.Store("/store/carts/" + cart), 200, "{}", delay: TimeSpan.FromSeconds(10));
        var started = DateTime.UtcNow;

        var response = await CreateCollectionAsync(cart);

        Assert.Equal((502, Unavailable), (response.Status, response.Body));
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TotalTimeout + TimeSpan.FromSeconds(2));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"cart":{"id":"cart_x"}}""")]
    [InlineData("""{"cart":{"id":"cart_x","region_id":"reg_x","currency_code":"usd","total":"fifty","completed_at":null}}""")]
    [InlineData("[]")]
    public async Task A_malformed_answer_is_a_502(string body)
    {
        var cart = NewCartId();
        Medusa.AnswerRaw(MedusaStandIn.Store("/store/carts/" + cart), 200, body);

        var response = await CreateCollectionAsync(cart);

        Assert.Equal((502, Unavailable), (response.Status, response.Body));
        Assert.Equal(1, Medusa.Received("/store/carts/" + cart));
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_the_request_succeeds()
    {
        var cart = Medusa.NewCart();
        Medusa.Server.Given(MedusaStandIn.Store("/store/carts/" + cart)).AtPriority(-1000).InScenario(cart).WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(503));

        var response = await CreateCollectionAsync(cart);

        Assert.Equal(200, response.Status);
        Assert.Equal(2, Medusa.Received("/store/carts/" + cart));
    }

    [Fact]
    public async Task A_session_initialisation_whose_cart_read_fails_leaves_the_collection_as_it_was()
    {
        var cart = Medusa.NewCart();
        var collectionId = (await CreateCollectionAsync(cart)).Json.GetProperty("payment_collection").GetProperty("id").GetString()!;
        Medusa.AnswerRaw(MedusaStandIn.Store("/store/carts/" + cart), 500, "{}");

        var response = await Api.PostAsync(PaymentSessionTests.SessionsOf(collectionId), """{"provider_id":"pp_system_default"}""", MedusaStandIn.PublishableKey);

        Assert.Equal((502, Unavailable), (response.Status, response.Body));
        var stored = await Api.Services.GetRequiredService<IPaymentCollectionStore>().FindAsync(collectionId, CancellationToken.None);
        Assert.Empty(stored!.Collection.Sessions);
    }

    [Fact]
    public async Task A_backend_that_cannot_be_reached_is_a_502()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort()}");
        await using var unreachable = await ApiHost.StartBackedAsync(fixture.TablesConnection, closed, MedusaStandIn.SecretKey, MedusaStandIn.JwtSecret, totalTimeout: TotalTimeout);

        var store = await unreachable.GetAsync("/store/payment-providers?region_id=" + MedusaStandIn.UsRegion, MedusaStandIn.PublishableKey);
        var admin = await unreachable.AdminAsync(HttpMethod.Get, "/admin/payments/pay_x", authorization: MedusaStandIn.Basic(MedusaStandIn.SecretKey));

        Assert.Equal((502, Unavailable), (store.Status, store.Body));
        Assert.Equal((502, Unavailable), (admin.Status, admin.Body));
    }

    [Fact]
    public async Task An_order_read_refused_for_the_services_own_secret_key_is_a_502_not_a_404()
    {
        Medusa.AnswerRaw(MedusaStandIn.Admin("/admin/orders/order_refused"), 401, """{"message":"Unauthorized"}""");

        var response = await Api.AdminAsync(HttpMethod.Post, "/admin/payment-collections", """{"order_id":"order_refused","amount":1}""", MedusaStandIn.Basic(MedusaStandIn.SecretKey));

        Assert.Equal((502, Unavailable), (response.Status, response.Body));
    }

    private Task<ApiResponse> CreateCollectionAsync(string cart) =>
        Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""", MedusaStandIn.PublishableKey);

    private static string NewCartId() => $"cart_{Guid.NewGuid():N}";

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
