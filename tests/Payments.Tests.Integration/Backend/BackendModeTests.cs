using System.Text.Json.Nodes;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Storage;

namespace Payments.Tests.Integration.Backend;

/// <summary>
/// Backend mode over real HTTP (issue 6): the local host reads carts, regions and orders from a stand-in Medusa
/// that answers as Medusa 2.21.2 answered, and serves the recorded keys as the backend decides them.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BackendModeTests(ApiFixture fixture) : IAsyncLifetime
{
    private const string SystemSession = """{"provider_id":"pp_system_default"}""";

    private readonly StorageTestServices.RequestCounter tables = new();
    private MedusaBackedApi backed = null!;

    private MedusaStandIn Medusa => backed.Medusa;

    private ApiHost Api => backed.Api;

    public async Task InitializeAsync() =>
        backed = await MedusaBackedApi.StartAsync(
            fixture.TablesConnection,
            tables.CountTableRequests);

    public async Task DisposeAsync() => await backed.DisposeAsync();

    [Fact]
    public async Task The_providers_of_a_region_are_the_backends_enabled_ones()
    {
        var us = await Store(HttpMethod.Get, "/store/payment-providers?region_id=" + MedusaStandIn.UsRegion);
        var eu = await Store(HttpMethod.Get, "/store/payment-providers?region_id=" + MedusaStandIn.EuRegion);
        var unknown = await Store(HttpMethod.Get, "/store/payment-providers?region_id=reg_01M8UNKNOWN0000000000000000");

        Assert.Equal((200, """{"payment_providers":[{"id":"pp_system_default","is_enabled":true}],"count":1,"offset":0,"limit":20}"""), (us.Status, us.Body));
        Assert.Equal("""{"payment_providers":[],"count":0,"offset":0,"limit":20}""", eu.Body);
        Assert.Equal("""{"payment_providers":[],"count":0,"offset":0,"limit":20}""", unknown.Body);
    }

    [Fact]
    public async Task A_disabled_provider_of_the_region_does_not_count()
    {
        var region = MedusaStandIn.Recorded("08-store-region-get").Body;
        region["region"]!["id"] = "reg_disabled";
        region["region"]!["payment_providers"]![0]!["is_enabled"] = false;
        Medusa.Answer(MedusaStandIn.Store("/store/regions/reg_disabled"), 200, region);

        var response = await Store(HttpMethod.Get, "/store/payment-providers?region_id=reg_disabled");

        Assert.Equal("""{"payment_providers":[],"count":0,"offset":0,"limit":20}""", response.Body);
    }

    [Fact]
    public async Task The_recorded_cart_gets_a_collection_of_its_total_and_currency()
    {
        var response = await Store(HttpMethod.Post, "/store/payment-collections", $$"""{"cart_id":"{{MedusaStandIn.CartId}}"}""");

        Assert.Equal(200, response.Status);
        var collection = response.Json.GetProperty("payment_collection");
        Assert.Equal(("usd", 50m), (collection.GetProperty("currency_code").GetString(), collection.GetProperty("amount").GetDecimal()));
    }

    [Fact]
    public async Task A_cart_the_backend_does_not_have_is_medusas_not_found()
    {
        var response = await Store(HttpMethod.Post, "/store/payment-collections", """{"cart_id":"cart_01M8UNKNOWN0000000000000000"}""");

        Assert.Equal((404, """{"type":"not_found","message":"Cart id not found: cart_01M8UNKNOWN0000000000000000"}"""), (response.Status, response.Body));
    }

    [Fact]
    public async Task A_cart_total_changed_at_the_backend_resets_the_collection_and_its_session()
    {
        var cart = Medusa.NewCart(50m);
        var collectionId = await NewCollectionAsync(cart);
        Assert.Equal(200, (await Store(HttpMethod.Post, PaymentSessionTests.SessionsOf(collectionId), SystemSession)).Status);

        Medusa.AnswerCart(cart, 75m);
        var returned = await Store(HttpMethod.Post, "/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""");
        var session = await Store(HttpMethod.Post, PaymentSessionTests.SessionsOf(collectionId), SystemSession);

        Assert.Equal("""{"amount":75,"payment_sessions":[]}""", Without(returned.Json.GetProperty("payment_collection"), "id", "currency_code"));
        Assert.Equal(75m, PaymentSessionTests.SessionOf(session).GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_completed_cart_without_a_collection_is_refused()
    {
        var cart = Medusa.NewCart(completedAt: "2026-12-01T07:11:57.901Z");

        var response = await Store(HttpMethod.Post, "/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""");

        Assert.Equal((400, $$"""{"type":"invalid_data","message":"Cart {{cart}} is already completed."}"""), (response.Status, response.Body));
    }

    [Fact]
    public async Task A_provider_the_backends_region_does_not_enable_is_refused()
    {
        var collectionId = await NewCollectionAsync(Medusa.NewCart(region: MedusaStandIn.EuRegion));

        var response = await Store(HttpMethod.Post, PaymentSessionTests.SessionsOf(collectionId), SystemSession);

        Assert.Equal(
            (400, $$"""{"type":"invalid_data","message":"Payment provider pp_system_default is not enabled in the cart's region {{MedusaStandIn.EuRegion}}."}"""),
            (response.Status, response.Body));
    }

    [Fact]
    public async Task A_provider_the_backend_enables_but_this_service_has_not_registered_is_not_listed_and_refused_with_400()
    {
        // The backend's Medusa runs Stripe; this service has no Stripe configured.
        var region = MedusaStandIn.Recorded("08-store-region-get").Body;
        region["region"]!["id"] = "reg_with_stripe";
        var providers = region["region"]!["payment_providers"]!.AsArray();
        var stripe = providers[0]!.DeepClone();
        stripe["id"] = "pp_stripe_stripe";
        providers.Insert(0, stripe);
        Medusa.Answer(MedusaStandIn.Store("/store/regions/reg_with_stripe"), 200, region);
        var collectionId = await NewCollectionAsync(Medusa.NewCart(region: "reg_with_stripe"));

        var listed = await Store(HttpMethod.Get, "/store/payment-providers?region_id=reg_with_stripe");
        var initiated = await Store(HttpMethod.Post, PaymentSessionTests.SessionsOf(collectionId), """{"provider_id":"pp_stripe_stripe"}""");

        Assert.Equal("""{"payment_providers":[{"id":"pp_system_default","is_enabled":true}],"count":1,"offset":0,"limit":20}""", listed.Body);
        Assert.Equal(
            (400, """{"type":"invalid_data","message":"Payment provider pp_stripe_stripe is not enabled in the cart's region reg_with_stripe."}"""),
            (initiated.Status, initiated.Body));
    }

    [Fact]
    public async Task A_key_the_backend_refuses_on_the_cart_read_is_its_400_with_its_message()
    {
        const string otherKey = "pk_0c2d4f0e0b6a4d1e8f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e";
        Medusa.Answer(MedusaStandIn.Store("/store/regions", otherKey), 200, JsonNode.Parse("""{"regions":[],"count":0,"offset":0,"limit":1}""")!);
        Medusa.Answer(MedusaStandIn.Store("/store/carts/" + MedusaStandIn.CartId, otherKey), 400, JsonNode.Parse("""{"type":"not_allowed","message":"Publishable key needs to have a sales channel configured."}""")!);

        var response = await Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{MedusaStandIn.CartId}}"}""", otherKey);

        Assert.Equal((400, """{"type":"not_allowed","message":"Publishable key needs to have a sales channel configured."}"""), (response.Status, response.Body));
    }

    [Fact]
    public async Task An_unknown_key_is_refused_by_the_backend()
    {
        var response = await Api.GetAsync("/store/payment-providers?region_id=" + MedusaStandIn.UsRegion, "pk_" + new string('0', 64));

        Assert.Equal((400, """{"type":"not_allowed","message":"A valid publishable key is required to proceed with the request"}"""), (response.Status, response.Body));
    }

    [Fact]
    public async Task A_key_revoked_at_the_backend_is_refused_within_five_seconds()
    {
        const string key = "pk_5e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f";
        Medusa.Answer(MedusaStandIn.Store("/store/regions", key), 200, JsonNode.Parse("""{"regions":[],"count":0,"offset":0,"limit":1}""")!);
        Medusa.Answer(MedusaStandIn.Store("/store/regions/" + MedusaStandIn.UsRegion, key), 200, MedusaStandIn.Recorded("08-store-region-get").Body);
        Assert.Equal(200, (await Api.GetAsync("/store/payment-providers?region_id=" + MedusaStandIn.UsRegion, key)).Status);

        Medusa.Answer(MedusaStandIn.Store("/store/regions", key), 400, MedusaStandIn.Recorded("05-store-cart-get-bad-key").Body);
        var revokedAt = DateTime.UtcNow;
        var status = 200;
        while (status == 200 && DateTime.UtcNow - revokedAt < TimeSpan.FromSeconds(6))
        {
            await Task.Delay(200);
            status = (await Api.GetAsync("/store/payment-providers?region_id=" + MedusaStandIn.UsRegion, key)).Status;
        }

        Assert.Equal(400, status);
        Assert.True(DateTime.UtcNow - revokedAt < TimeSpan.FromSeconds(5), $"refused only after {DateTime.UtcNow - revokedAt}");
    }

    [Fact]
    public async Task A_warm_session_initialisation_reads_the_cart_from_the_backend_and_the_collection_from_the_tables()
    {
        var cart = Medusa.NewCart();
        var collectionId = await NewCollectionAsync(cart);
        await Store(HttpMethod.Get, "/store/payment-providers?region_id=" + MedusaStandIn.UsRegion);

        var (created, createdTables) = await CountAsync(() => Store(HttpMethod.Post, PaymentSessionTests.SessionsOf(collectionId), SystemSession));
        var (reused, reusedTables) = await CountAsync(() => Store(HttpMethod.Post, PaymentSessionTests.SessionsOf(collectionId), SystemSession));

        // The cart is read on every request (totals change); the key check and the region come from their caches.
        Assert.Equal(((1, 2), (1, 1)), ((created, createdTables), (reused, reusedTables)));
    }

    [Fact]
    public async Task An_order_collection_takes_the_backends_order_currency()
    {
        var admin = MedusaStandIn.Basic(MedusaStandIn.SecretKey);
        var created = await Api.AdminAsync(HttpMethod.Post, "/admin/payment-collections", $$"""{"order_id":"{{MedusaStandIn.OrderId}}","amount":75}""", admin);
        var unknown = await Api.AdminAsync(HttpMethod.Post, "/admin/payment-collections", """{"order_id":"order_01M8UNKNOWN0000000000000000","amount":1}""", admin);

        Assert.Equal((200, "usd"), (created.Status, created.Json.GetProperty("payment_collection").GetProperty("currency_code").GetString()));
        Assert.Equal((404, """{"type":"not_found","message":"Order id not found: order_01M8UNKNOWN0000000000000000"}"""), (unknown.Status, unknown.Body));
    }

    [Fact]
    public async Task A_backend_secret_key_over_basic_is_an_admin_and_any_other_is_not()
    {
        var admitted = await Api.AdminAsync(HttpMethod.Get, "/admin/payments/pay_unknown", authorization: MedusaStandIn.Basic(MedusaStandIn.SecretKey));
        var refused = await Api.AdminAsync(HttpMethod.Get, "/admin/payments/pay_unknown", authorization: MedusaStandIn.Basic("sk_" + new string('1', 64)));

        Assert.Equal((404, 401), (admitted.Status, refused.Status));
    }

    [Fact]
    public async Task An_admin_jwt_signed_with_the_backends_short_secret_is_admitted()
    {
        var token = Payments.Tests.Unit.Authentication.TestJwts.Sign(
            Payments.Tests.Unit.Authentication.TestJwts.Claims(ApiHost.AdminUser, "user", DateTimeOffset.UtcNow.AddMinutes(-1)), MedusaStandIn.JwtSecret);

        var response = await Api.AdminAsync(HttpMethod.Get, "/admin/payments/pay_unknown", authorization: "Bearer " + token);

        Assert.Equal(404, response.Status);
    }

    private async Task<string> NewCollectionAsync(string cartId)
    {
        var response = await Store(HttpMethod.Post, "/store/payment-collections", $$"""{"cart_id":"{{cartId}}"}""");
        Assert.Equal(200, response.Status);
        return response.Json.GetProperty("payment_collection").GetProperty("id").GetString()!;
    }

    private Task<ApiResponse> Store(HttpMethod method, string path, string? json = null) =>
        Api.SendAsync(method, path, json, MedusaStandIn.PublishableKey, json is null ? null : "application/json");

    /// <summary>The backend requests and the table requests <paramref name="operation"/> sent.</summary>
    private async Task<(int Backend, int Tables)> CountAsync(Func<Task> operation)
    {
        var backendBefore = Medusa.ReceivedAll();
        var tableRequests = await tables.CountAsync(operation);
        return (Medusa.ReceivedAll() - backendBefore, tableRequests);
    }

    private static string Without(System.Text.Json.JsonElement element, params string[] names)
    {
        var node = JsonNode.Parse(element.GetRawText())!.AsObject();
        foreach (var name in names)
        {
            node.Remove(name);
        }

        return node.ToJsonString();
    }
}
