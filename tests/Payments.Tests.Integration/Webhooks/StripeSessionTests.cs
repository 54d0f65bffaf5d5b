using System.Net;
using Payments.Tests.FakeStripe;
using Payments.Tests.Integration.Http;

namespace Payments.Tests.Integration.Webhooks;

/// <summary>Store and admin routes backed by Stripe (spec §7.4; checklist 42, 144, 147, 148a).</summary>
[Collection(ApiCollection.Name)]
public sealed class StripeSessionTests(ApiFixture fixture) : IAsyncLifetime
{
    private StripeBackedApi api = null!;

    private FakeStripeApi Stripe => api.Stripe;

    public async Task InitializeAsync() => api = await StripeBackedApi.StartAsync(fixture.TablesConnection);

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task A_new_session_stores_the_payment_intent_and_a_reuse_makes_no_stripe_call()
    {
        var collectionId = await api.Api.NewCollectionAsync(region: StripeBackedApi.Region);

        var first = await api.Api.PostAsync(PaymentSessionTests.SessionsOf(collectionId), StripeBackedApi.StripeSessionBody);
        var second = await api.Api.PostAsync(PaymentSessionTests.SessionsOf(collectionId), StripeBackedApi.StripeSessionBody);

        var session = PaymentSessionTests.SessionOf(first);
        var intentId = session.GetProperty("data").GetProperty("id").GetString()!;
        Assert.Equal(Stripe.Intent(intentId).ToJsonString(), session.GetProperty("data").GetRawText());
        Assert.Equal($"{intentId}_secret_test", first.Json.GetProperty("payment_collection").GetProperty("payment_sessions")[0].GetProperty("data").GetProperty("client_secret").GetString());
        Assert.Equal("pending", session.GetProperty("status").GetString());
        var create = Assert.Single(Stripe.Calls);
        Assert.Equal(("5000", "usd", "manual"), (create.Parameters["amount"], create.Parameters["currency"], create.Parameters["capture_method"]));
        Assert.Equal((session.GetProperty("id").GetString(), collectionId), (create.Parameters["metadata[session_id]"], create.Parameters["metadata[payment_collection_id]"]));
        Assert.Equal(session.GetProperty("id").GetString(), create.IdempotencyKey);
        Assert.Equal(first.Body, second.Body);
    }

    [Fact]
    public async Task A_stripe_outage_on_create_is_a_502_that_writes_nothing_and_the_next_call_succeeds()
    {
        var collectionId = await api.Api.NewCollectionAsync(region: StripeBackedApi.Region);
        Stripe.Override = _ => FakeStripeApi.Error(HttpStatusCode.InternalServerError, "api_error", null);

        var failed = await api.Api.PostAsync(PaymentSessionTests.SessionsOf(collectionId), StripeBackedApi.StripeSessionBody);
        var sessionsAfterFailure = (await api.CollectionAsync(collectionId)).Sessions;
        Stripe.Override = null;
        var retried = await api.Api.PostAsync(PaymentSessionTests.SessionsOf(collectionId), StripeBackedApi.StripeSessionBody);

        Assert.Equal((502, """{"type":"unexpected_state","message":"Payment provider pp_stripe_stripe is unavailable, try again"}"""), (failed.Status, failed.Body));
        Assert.Empty(sessionsAfterFailure);
        Assert.Equal(200, retried.Status);
        Assert.Single((await api.CollectionAsync(collectionId)).Sessions);
    }

    [Fact]
    public async Task A_stripe_outage_on_authorize_capture_and_refund_is_a_502_that_moves_nothing_and_the_retry_moves_it_once()
    {
        const string Unavailable = """{"type":"unexpected_state","message":"Payment provider pp_stripe_stripe is unavailable, try again"}""";
        var session = await api.NewSessionAsync();
        Stripe.Change(session.PaymentIntentId, intent => intent["status"] = "requires_capture");
        var authorizePath = PaymentLifecycle.AuthorizePath(session.CollectionId, session.SessionId);

        Stripe.Override = _ => FakeStripeApi.Outage;
        var authorizeDuringOutage = await api.Api.AdminAsync(HttpMethod.Post, authorizePath, "{}");
        var paymentsDuringOutage = (await api.CollectionAsync(session.CollectionId)).Payments;
        Stripe.Override = null;
        var authorized = await api.Api.AdminAsync(HttpMethod.Post, authorizePath, "{}");
        var paymentId = authorized.Json.GetProperty("payment_collection").GetProperty("payments")[0].GetProperty("id").GetString();

        Stripe.Override = _ => FakeStripeApi.Outage;
        var captureDuringOutage = await api.Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/capture", """{"amount":20}""");
        var capturesDuringOutage = Assert.Single((await api.CollectionAsync(session.CollectionId)).Payments).Captures;
        Stripe.Override = null;
        var captured = await api.Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/capture", """{"amount":20}""");

        Stripe.Override = _ => FakeStripeApi.Outage;
        var refundDuringOutage = await api.Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/refund", """{"amount":10}""");
        var refundsDuringOutage = Assert.Single((await api.CollectionAsync(session.CollectionId)).Payments).Refunds;
        Stripe.Override = null;

        Assert.Equal((502, Unavailable), (authorizeDuringOutage.Status, authorizeDuringOutage.Body));
        Assert.Empty(paymentsDuringOutage);
        Assert.Equal((502, Unavailable), (captureDuringOutage.Status, captureDuringOutage.Body));
        Assert.Empty(capturesDuringOutage);
        Assert.Equal((502, Unavailable), (refundDuringOutage.Status, refundDuringOutage.Body));
        Assert.Empty(refundsDuringOutage);
        Assert.Equal((200, 200), (authorized.Status, captured.Status));
        var payment = Assert.Single((await api.CollectionAsync(session.CollectionId)).Payments);
        Assert.Equal(20m, Assert.Single(payment.Captures).Amount);
        Assert.Empty(payment.Refunds);
    }

    [Fact]
    public async Task Capture_and_refund_send_their_units_keyed_by_their_own_ids()
    {
        var (session, paymentId) = await api.AuthorizedCardPaymentAsync();

        var captured = await api.Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/capture", """{"amount":20}""");
        var refunded = await api.Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/refund", """{"amount":10}""");

        Assert.Equal((200, 200), (captured.Status, refunded.Status));
        var stored = Assert.Single((await api.CollectionAsync(session.CollectionId)).Payments);
        var capture = Assert.Single(Stripe.Calls, call => call.Path.EndsWith("/capture", StringComparison.Ordinal));
        Assert.Equal(($"/v1/payment_intents/{session.PaymentIntentId}/capture", "2000"), (capture.Path, capture.Parameters["amount_to_capture"]));
        Assert.Equal(Assert.Single(stored.Captures).Id, capture.IdempotencyKey);
        var refund = Assert.Single(Stripe.Calls, call => call is { Method: "POST", Path: "/v1/refunds" });
        Assert.Equal(("1000", session.PaymentIntentId), (refund.Parameters["amount"], refund.Parameters["payment_intent"]));
        Assert.Equal(Assert.Single(stored.Refunds).Id, refund.IdempotencyKey);
    }

    [Fact]
    public async Task A_refund_stripe_made_but_could_not_confirm_is_not_made_again_by_the_retry()
    {
        var (session, paymentId) = await api.AuthorizedCardPaymentAsync();
        await api.Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/capture", "{}");

        // Stripe makes the refund, then every answer to it is lost (Stripe.net's own retries with the key included).
        Stripe.LoseAnswers = call => call is { Method: "POST", Path: "/v1/refunds" };
        var unconfirmed = await api.Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/refund", """{"amount":10}""");
        var refundsAfterFailure = Assert.Single((await api.CollectionAsync(session.CollectionId)).Payments).Refunds;
        Stripe.LoseAnswers = null;
        var retried = await api.Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/refund", """{"amount":10}""");

        Assert.Equal(502, unconfirmed.Status);
        Assert.Empty(refundsAfterFailure);
        Assert.Equal(200, retried.Status);
        Assert.Equal(10m, Assert.Single(Assert.Single((await api.CollectionAsync(session.CollectionId)).Payments).Refunds).Amount);
        Assert.Equal(1000, Stripe.RefundedUnits(session.PaymentIntentId));
    }

    [Fact]
    public async Task A_superseded_stripe_session_is_released_with_a_cancel_keyed_by_its_session_id()
    {
        var first = await api.NewSessionAsync();

        await api.Api.PostAsync(PaymentSessionTests.SessionsOf(first.CollectionId), """{"provider_id":"pp_stripe_stripe","data":{"note":"new"}}""");

        var cancel = Assert.Single(Stripe.Calls, call => call.Path.EndsWith("/cancel", StringComparison.Ordinal));
        Assert.Equal(($"/v1/payment_intents/{first.PaymentIntentId}/cancel", $"{first.SessionId}-cancel"), (cancel.Path, cancel.IdempotencyKey));
        Assert.Equal("canceled", (string?)Stripe.Intent(first.PaymentIntentId)["status"]);
    }

    [Fact]
    public async Task With_stripe_configured_the_whole_family_and_the_system_provider_are_listed_by_id()
    {
        var response = await api.Api.AdminAsync(HttpMethod.Get, "/admin/payments/payment-providers?fields=id");

        Assert.Equal(
            """{"payment_providers":[{"id":"pp_stripe-bancontact_stripe"},{"id":"pp_stripe-blik_stripe"},{"id":"pp_stripe-giropay_stripe"},{"id":"pp_stripe-ideal_stripe"},{"id":"pp_stripe-oxxo_stripe"},{"id":"pp_stripe-promptpay_stripe"},{"id":"pp_stripe-przelewy24_stripe"},{"id":"pp_stripe_stripe"},{"id":"pp_system_default"}],"count":9,"offset":0,"limit":20}""",
            response.Body);
    }

    [Fact]
    public async Task A_region_lists_the_stripe_providers_it_enables_paged_and_ordered()
    {
        const string region = "reg_test_stripe_europe";
        await api.Api.SeedAsync(new
        {
            regions = new[] { new { id = region, name = "Europe", currency_code = "eur", payment_providers = new[] { "pp_stripe-ideal_stripe", "pp_stripe_stripe", "pp_paypal_paypal", "pp_stripe-bancontact_stripe" } } },
        });

        var page = await api.Api.GetAsync($"/store/payment-providers?region_id={region}&limit=1&offset=1");
        var ordered = await api.Api.GetAsync($"/store/payment-providers?region_id={region}&order=-id&fields=id");

        Assert.Equal("""{"payment_providers":[{"id":"pp_stripe_stripe","is_enabled":true}],"count":3,"offset":1,"limit":1}""", page.Body);
        Assert.Equal(
            """{"payment_providers":[{"id":"pp_stripe_stripe"},{"id":"pp_stripe-ideal_stripe"},{"id":"pp_stripe-bancontact_stripe"}],"count":3,"offset":0,"limit":20}""",
            ordered.Body);
    }
}
