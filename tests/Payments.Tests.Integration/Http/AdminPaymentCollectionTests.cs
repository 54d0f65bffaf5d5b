using System.Text.Json;

namespace Payments.Tests.Integration.Http;

/// <summary>Spec §6.9–§6.12 and §6.15, checklist items 126–135.</summary>
[Collection(ApiCollection.Name)]
public sealed class AdminPaymentCollectionTests(ApiFixture fixture)
{
    private const string DemoOrder = "order_01M86MSZ3Q5W6N8P9R2T4V6X8Y";

    private ApiHost Api => fixture.Host;

    [Fact]
    public async Task Creates_an_order_collection_with_admin_defaults()
    {
        var response = await Api.AdminAsync(HttpMethod.Post, "/admin/payment-collections", $$"""{"order_id":"{{DemoOrder}}","amount":100}""");

        Assert.Equal(200, response.Status);
        Assert.Matches(
            """^\{"payment_collection":\{"id":"pay_col_[0-9A-HJKMNP-TV-Z]{26}","currency_code":"usd","amount":100,"status":"not_paid","authorized_amount":null,"captured_amount":null,"refunded_amount":null,"payment_sessions":\[\],"payments":\[\]\}\}$""",
            response.Body);
    }

    [Fact]
    public async Task Order_collection_errors_follow_medusa()
    {
        var unknown = await Api.AdminAsync(HttpMethod.Post, "/admin/payment-collections", """{"order_id":"order_nope","amount":1}""");
        var noAmount = await Api.AdminAsync(HttpMethod.Post, "/admin/payment-collections", """{"order_id":"order_nope"}""");

        Assert.Equal((404, """{"type":"not_found","message":"Order id not found: order_nope"}"""), (unknown.Status, unknown.Body));
        Assert.Equal((400, """{"type":"invalid_data","message":"Invalid request: Field 'amount' is required"}"""), (noAmount.Status, noAmount.Body));
    }

    [Fact]
    public async Task An_admin_initialises_a_session_of_an_order_collection()
    {
        var id = await OrderCollectionAsync(100m);

        var response = await Api.AdminAsync(HttpMethod.Post, $"/admin/payment-collections/{id}/payment-sessions", """{"provider_id":"pp_system_default"}""");

        Assert.Equal(200, response.Status);
        var session = Assert.Single(response.Json.GetProperty("payment_collection").GetProperty("payment_sessions").EnumerateArray().ToList());
        Assert.Equal(("pending", 100m), (session.GetProperty("status").GetString(), session.GetProperty("amount").GetDecimal()));
    }

    [Fact]
    public async Task An_unregistered_provider_on_a_collection_without_a_cart_is_not_found_and_changes_nothing()
    {
        var id = await OrderCollectionAsync(100m);

        var response = await Api.AdminAsync(HttpMethod.Post, $"/admin/payment-collections/{id}/payment-sessions", """{"provider_id":"pp_stripe_stripe"}""");
        var after = await Api.AdminAsync(HttpMethod.Post, $"/admin/payment-collections/{id}/payment-sessions", """{"provider_id":"pp_system_default"}""");

        Assert.Equal((404, """{"type":"not_found","message":"PaymentProvider with id: pp_stripe_stripe was not found"}"""), (response.Status, response.Body));
        Assert.Equal("pp_system_default", Assert.Single(after.Json.GetProperty("payment_collection").GetProperty("payment_sessions").EnumerateArray().ToList()).GetProperty("provider_id").GetString());
    }

    [Fact]
    public async Task Admin_session_initialisation_on_an_unknown_collection_is_not_found()
    {
        var response = await Api.AdminAsync(HttpMethod.Post, "/admin/payment-collections/pay_col_nope/payment-sessions", """{"provider_id":"pp_system_default"}""");

        Assert.Equal((404, """{"type":"not_found","message":"PaymentCollection with id: pay_col_nope was not found"}"""), (response.Status, response.Body));
    }

    [Fact]
    public async Task Mark_as_paid_completes_the_collection_with_one_captured_system_payment()
    {
        var id = await OrderCollectionAsync(100m);

        var response = await Api.AdminAsync(HttpMethod.Post, $"/admin/payment-collections/{id}/mark-as-paid", $$"""{"order_id":"{{DemoOrder}}"}""");
        var again = await Api.AdminAsync(HttpMethod.Post, $"/admin/payment-collections/{id}/mark-as-paid", $$"""{"order_id":"{{DemoOrder}}"}""");

        Assert.Equal(200, response.Status);
        var collection = response.Json.GetProperty("payment_collection");
        Assert.Equal(("completed", 100m, 100m), (collection.GetProperty("status").GetString(), collection.GetProperty("authorized_amount").GetDecimal(), collection.GetProperty("captured_amount").GetDecimal()));
        var payment = Assert.Single(collection.GetProperty("payments").EnumerateArray().ToList());
        Assert.Equal(("pp_system_default", 100m), (payment.GetProperty("provider_id").GetString(), payment.GetProperty("amount").GetDecimal()));
        Assert.NotEqual(JsonValueKind.Null, payment.GetProperty("captured_at").ValueKind);
        var captures = (await Api.AdminAsync(HttpMethod.Get, $"/admin/payments/{payment.GetProperty("id").GetString()}?fields=*captures")).Json
            .GetProperty("payment").GetProperty("captures");
        Assert.Equal((100m, ApiHost.AdminUser), (captures[0].GetProperty("amount").GetDecimal(), captures[0].GetProperty("created_by").GetString()));
        Assert.Equal((400, """{"type":"invalid_data","message":"Can only mark 'not_paid' payment collection as paid"}"""), (again.Status, again.Body));
    }

    [Fact]
    public async Task Mark_as_paid_needs_an_order_id_and_a_known_collection()
    {
        var id = await OrderCollectionAsync(10m);

        var noOrder = await Api.AdminAsync(HttpMethod.Post, $"/admin/payment-collections/{id}/mark-as-paid", "{}");
        var unknown = await Api.AdminAsync(HttpMethod.Post, "/admin/payment-collections/pay_col_nope/mark-as-paid", """{"order_id":"x"}""");

        Assert.Equal((400, """{"type":"invalid_data","message":"Invalid request: Field 'order_id' is required"}"""), (noOrder.Status, noOrder.Body));
        Assert.Equal((404, """{"type":"not_found","message":"PaymentCollection id not found: pay_col_nope"}"""), (unknown.Status, unknown.Body));
    }

    [Fact]
    public async Task Deleting_a_not_paid_collection_unlinks_it_from_its_cart()
    {
        var cart = await Api.NewCartAsync();
        var first = (await Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""")).Json.GetProperty("payment_collection").GetProperty("id").GetString();

        var deleted = await Api.AdminAsync(HttpMethod.Delete, $"/admin/payment-collections/{first}");
        var second = (await Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""")).Json.GetProperty("payment_collection").GetProperty("id").GetString();

        Assert.Equal($$"""{"id":"{{first}}","object":"payment-collection","deleted":true}""", deleted.Body);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Only_not_paid_collections_can_be_deleted()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(Api);
        await payment.CaptureAsync("{}");

        var completed = await Api.AdminAsync(HttpMethod.Delete, $"/admin/payment-collections/{payment.CollectionId}");
        var unknown = await Api.AdminAsync(HttpMethod.Delete, "/admin/payment-collections/pay_col_nope");

        Assert.Equal((400, """{"type":"invalid_data","message":"Can only delete payment collections where status is not_paid"}"""), (completed.Status, completed.Body));
        Assert.Equal((404, """{"type":"not_found","message":"PaymentCollection id not found: pay_col_nope"}"""), (unknown.Status, unknown.Body));
    }

    [Fact]
    public async Task Authorizing_creates_the_payment_and_authorizing_again_changes_nothing()
    {
        var cart = await Api.NewCartAsync();
        var collectionId = (await Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""")).Json.GetProperty("payment_collection").GetProperty("id").GetString()!;
        var sessionId = PaymentSessionTests.SessionOf(await Api.PostAsync(PaymentSessionTests.SessionsOf(collectionId), """{"provider_id":"pp_system_default"}""")).GetProperty("id").GetString()!;

        var first = await Api.AdminAsync(HttpMethod.Post, PaymentLifecycle.AuthorizePath(collectionId, sessionId), "{}");
        var second = await Api.AdminAsync(HttpMethod.Post, PaymentLifecycle.AuthorizePath(collectionId, sessionId), "{}");

        var collection = first.Json.GetProperty("payment_collection");
        Assert.Equal(("authorized", 50m, 0m, 0m), (collection.GetProperty("status").GetString(), collection.GetProperty("authorized_amount").GetDecimal(), collection.GetProperty("captured_amount").GetDecimal(), collection.GetProperty("refunded_amount").GetDecimal()));
        var session = Assert.Single(collection.GetProperty("payment_sessions").EnumerateArray().ToList());
        var payment = Assert.Single(collection.GetProperty("payments").EnumerateArray().ToList());
        Assert.Equal("authorized", session.GetProperty("status").GetString());
        Assert.Equal($$"""{"id":"{{payment.GetProperty("id").GetString()}}"}""", session.GetProperty("payment").GetRawText());
        Assert.Equal(first.Body, second.Body);
    }

    [Fact]
    public async Task Authorizing_an_unknown_session_is_not_found()
    {
        var id = await Api.NewCollectionAsync();

        var response = await Api.AdminAsync(HttpMethod.Post, PaymentLifecycle.AuthorizePath(id, "payses_nope"), "{}");

        Assert.Equal((404, """{"type":"not_found","message":"PaymentSession with id: payses_nope was not found"}"""), (response.Status, response.Body));
    }

    [Fact]
    public async Task A_completed_carts_collection_is_returned_with_its_authorized_session()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(Api);
        await Api.SeedAsync(new { carts = new[] { new { id = payment.CartId, region_id = ApiHost.UsRegion, currency_code = "usd", total = 50m, completed_at = "2026-11-24T12:00:00.000Z" } } });

        var response = await Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{payment.CartId}}"}""");

        var session = PaymentSessionTests.SessionOf(response);
        Assert.Equal("authorized", session.GetProperty("status").GetString());
        Assert.Equal($$"""{"id":"{{payment.PaymentId}}"}""", session.GetProperty("payment").GetRawText());
        Assert.NotEqual(JsonValueKind.Null, session.GetProperty("authorized_at").ValueKind);
    }

    private async Task<string> OrderCollectionAsync(decimal amount)
    {
        var response = await Api.AdminAsync(HttpMethod.Post, "/admin/payment-collections", $$"""{"order_id":"{{DemoOrder}}","amount":{{amount}}}""");
        return response.Json.GetProperty("payment_collection").GetProperty("id").GetString()!;
    }
}
