using Payments.Domain.Collections;
using Payments.Tests.FakeStripe;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Webhooks;

/// <summary><c>POST /hooks/payment/{provider}</c> (spec §6.14, D6, D11; checklist 136–143).</summary>
[Collection(ApiCollection.Name)]
public sealed class StripeWebhookTests(ApiFixture fixture) : IAsyncLifetime
{
    private const string TextPlain = "text/plain; charset=utf-8";

    private StripeBackedApi api = null!;

    private FakeStripeApi Stripe => api.Stripe;

    public async Task InitializeAsync() => api = await StripeBackedApi.StartAsync(fixture.TablesConnection);

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task An_amount_capturable_updated_event_authorizes_the_session_once_however_often_delivered()
    {
        var session = await api.NewSessionAsync();
        Stripe.Change(session.PaymentIntentId, intent => intent["status"] = "requires_capture");
        var eventId = NewEventId();

        var first = await api.DeliverAsync(eventId, "payment_intent.amount_capturable_updated", session.PaymentIntentId);
        var again = await api.DeliverAsync(eventId, "payment_intent.amount_capturable_updated", session.PaymentIntentId);

        Assert.Equal((200, TextPlain, "OK"), (first.Status, first.ContentType, first.Body));
        Assert.Equal((200, "OK"), (again.Status, again.Body));
        var collection = await api.CollectionAsync(session.CollectionId);
        Assert.Equal(PaymentSessionStatus.Authorized, Assert.Single(collection.Sessions).Status);
        Assert.Single(collection.Payments);
        Assert.Equal(PaymentCollectionStatus.Authorized, collection.Status);
        Assert.True(await api.WasProcessedAsync(eventId));
    }

    [Fact]
    public async Task An_event_signed_with_another_secret_is_refused_and_changes_nothing()
    {
        var session = await api.NewSessionAsync();
        Stripe.Change(session.PaymentIntentId, intent => intent["status"] = "requires_capture");
        var eventId = NewEventId();
        var body = StripeWebhooks.Event(eventId, "payment_intent.amount_capturable_updated", Stripe.Intent(session.PaymentIntentId));

        var response = await api.PostWebhookAsync(StripeBackedApi.WebhookPath, body, StripeWebhooks.Signature(body, DateTimeOffset.UtcNow, "whsec_someone_else"));

        Assert.Equal((400, TextPlain, "Webhook Error: No signatures found matching the expected signature for payload"), (response.Status, response.ContentType, response.Body));
        Assert.Equal(PaymentSessionStatus.Pending, Assert.Single((await api.CollectionAsync(session.CollectionId)).Sessions).Status);
        Assert.False(await api.WasProcessedAsync(eventId));
    }

    [Fact]
    public async Task A_stale_timestamp_and_a_missing_signature_are_refused()
    {
        var session = await api.NewSessionAsync();
        var body = StripeWebhooks.Event(NewEventId(), "payment_intent.amount_capturable_updated", Stripe.Intent(session.PaymentIntentId));

        var stale = await api.PostWebhookAsync(StripeBackedApi.WebhookPath, body, StripeWebhooks.Signature(body, DateTimeOffset.UtcNow.AddMinutes(-10)));
        var unsigned = await api.PostWebhookAsync(StripeBackedApi.WebhookPath, body, signature: null);

        Assert.Equal((400, "Webhook Error: Timestamp outside the tolerance zone"), (stale.Status, stale.Body));
        Assert.Equal((400, TextPlain, "Webhook Error: Missing Stripe-Signature header"), (unsigned.Status, unsigned.ContentType, unsigned.Body));
    }

    [Fact]
    public async Task An_unknown_provider_is_refused()
    {
        var response = await api.PostWebhookAsync("/hooks/payment/nope_nope", "{}", signature: null);

        Assert.Equal((400, TextPlain, "Webhook Error: Unknown payment provider pp_nope_nope"), (response.Status, response.ContentType, response.Body));
    }

    [Fact]
    public async Task A_body_over_a_mebibyte_is_refused_before_it_is_processed()
    {
        var response = await api.PostWebhookAsync("/hooks/payment/system_default", new string(' ', (1024 * 1024) + 1), signature: null);

        Assert.Equal((413, TextPlain, "Webhook Error: request entity too large"), (response.Status, response.ContentType, response.Body));
    }

    [Fact]
    public async Task The_system_providers_webhook_is_answered_ok()
    {
        var response = await api.PostWebhookAsync("/hooks/payment/system_default", "{}", signature: null);

        Assert.Equal((200, TextPlain, "OK"), (response.Status, response.ContentType, response.Body));
    }

    [Fact]
    public async Task A_succeeded_event_records_what_stripe_received_as_one_capture_without_an_actor()
    {
        var session = await api.NewSessionAsync();
        Stripe.Change(session.PaymentIntentId, intent => intent["status"] = "requires_capture");
        await api.DeliverAsync(NewEventId(), "payment_intent.amount_capturable_updated", session.PaymentIntentId);
        Stripe.Change(session.PaymentIntentId, intent =>
        {
            intent["status"] = "succeeded";
            intent["amount_received"] = 5000;
        });
        var eventId = NewEventId();

        var first = await api.DeliverAsync(eventId, "payment_intent.succeeded", session.PaymentIntentId);
        var redelivered = await api.DeliverAsync(eventId, "payment_intent.succeeded", session.PaymentIntentId);
        var resent = await api.DeliverAsync(NewEventId(), "payment_intent.succeeded", session.PaymentIntentId);

        Assert.Equal((200, 200, 200), (first.Status, redelivered.Status, resent.Status));
        var collection = await api.CollectionAsync(session.CollectionId);
        var payment = Assert.Single(collection.Payments);
        var capture = Assert.Single(payment.Captures);
        Assert.Equal((50m, (string?)null), (capture.Amount, capture.CreatedBy));
        Assert.NotNull(payment.CapturedAt);
        Assert.Equal(PaymentCollectionStatus.Completed, collection.Status);
        Assert.DoesNotContain(Stripe.Calls, call => call.Path.EndsWith("/capture", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_succeeded_event_for_a_partly_captured_payment_records_only_the_difference()
    {
        var (session, paymentId) = await api.AuthorizedCardPaymentAsync();
        await api.Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/capture", """{"amount":20}""");
        Stripe.Change(session.PaymentIntentId, intent => intent["amount_received"] = 5000);

        await api.DeliverAsync(NewEventId(), "payment_intent.succeeded", session.PaymentIntentId);

        var payment = Assert.Single((await api.CollectionAsync(session.CollectionId)).Payments);
        Assert.Equal([20m, 30m], payment.Captures.Select(capture => capture.Amount));
        Assert.Null(payment.Captures[1].CreatedBy);
    }

    [Fact]
    public async Task A_succeeded_event_for_a_pending_session_authorizes_it_with_its_capture()
    {
        var session = await api.NewSessionAsync();
        Stripe.Change(session.PaymentIntentId, intent =>
        {
            intent["status"] = "succeeded";
            intent["amount_received"] = 5000;
        });

        await api.DeliverAsync(NewEventId(), "payment_intent.succeeded", session.PaymentIntentId);

        var collection = await api.CollectionAsync(session.CollectionId);
        Assert.Equal(PaymentSessionStatus.Authorized, Assert.Single(collection.Sessions).Status);
        Assert.Equal(50m, Assert.Single(Assert.Single(collection.Payments).Captures).Amount);
        Assert.Equal(PaymentCollectionStatus.Completed, collection.Status);
    }

    [Theory]
    [InlineData("payment_intent.payment_failed", PaymentSessionStatus.Error)]
    [InlineData("payment_intent.canceled", PaymentSessionStatus.Canceled)]
    public async Task A_failed_or_canceled_intent_ends_a_pending_session_with_the_events_data(string type, PaymentSessionStatus expected)
    {
        var session = await api.NewSessionAsync();
        Stripe.Change(session.PaymentIntentId, intent => intent["last_payment_error"] = new System.Text.Json.Nodes.JsonObject { ["code"] = "card_declined" });

        var response = await api.DeliverAsync(NewEventId(), type, session.PaymentIntentId);

        Assert.Equal((200, "OK"), (response.Status, response.Body));
        var stored = Assert.Single((await api.CollectionAsync(session.CollectionId)).Sessions);
        Assert.Equal(expected, stored.Status);
        Assert.Equal("card_declined", stored.Data.GetProperty("last_payment_error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("payment_intent.payment_failed")]
    [InlineData("payment_intent.canceled")]
    public async Task A_failed_or_canceled_event_after_authorization_changes_nothing(string type)
    {
        var session = await api.NewSessionAsync();
        Stripe.Change(session.PaymentIntentId, intent => intent["status"] = "requires_capture");
        await api.DeliverAsync(NewEventId(), "payment_intent.amount_capturable_updated", session.PaymentIntentId);
        var before = await api.CollectionAsync(session.CollectionId);

        var response = await api.DeliverAsync(NewEventId(), type, session.PaymentIntentId);

        Assert.Equal(200, response.Status);
        var after = await api.CollectionAsync(session.CollectionId);
        Assert.Equal(PaymentSessionStatus.Authorized, Assert.Single(after.Sessions).Status);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
    }

    [Fact]
    public async Task An_intent_without_our_metadata_is_answered_ok_and_changes_nothing()
    {
        var session = await api.NewSessionAsync();
        var foreign = StripeWebhooks.PaymentIntent("pi_foreign", "requires_payment_method", 5000, sessionId: null, collectionId: session.CollectionId);
        var body = StripeWebhooks.Event(NewEventId(), "payment_intent.payment_failed", foreign);

        var response = await api.PostWebhookAsync(StripeBackedApi.WebhookPath, body, StripeWebhooks.Signature(body, DateTimeOffset.UtcNow));

        Assert.Equal((200, "OK"), (response.Status, response.Body));
        Assert.Equal(PaymentSessionStatus.Pending, Assert.Single((await api.CollectionAsync(session.CollectionId)).Sessions).Status);
    }

    [Fact]
    public async Task An_event_for_a_superseded_session_refunds_what_was_received_and_keeps_the_new_session()
    {
        var old = await api.NewSessionAsync();
        await api.Api.PostAsync(PaymentSessionTests.SessionsOf(old.CollectionId), """{"provider_id":"pp_stripe_stripe","data":{"note":"new"}}""");
        Stripe.Change(old.PaymentIntentId, intent =>
        {
            intent["status"] = "succeeded";
            intent["amount_received"] = 5000;
        });

        var response = await api.DeliverAsync(NewEventId(), "payment_intent.succeeded", old.PaymentIntentId);

        Assert.Equal(200, response.Status);
        var collection = await api.CollectionAsync(old.CollectionId);
        Assert.Equal(PaymentSessionStatus.Pending, Assert.Single(collection.Sessions).Status);
        Assert.Empty(collection.Payments);
        Assert.Equal((old.SessionId, 50m), (Assert.Single(collection.RefusedProviderPayments).SessionId, collection.RefusedProviderPayments[0].RefundedAmount));
        var refund = Assert.Single(Stripe.Calls, call => call is { Method: "POST", Path: "/v1/refunds" });
        Assert.Equal((old.PaymentIntentId, "5000"), (refund.Parameters["payment_intent"], refund.Parameters["amount"]));
    }

    [Fact]
    public async Task A_stripe_outage_is_a_502_left_unrecorded_so_the_redelivery_applies_it()
    {
        var session = await api.NewSessionAsync();
        Stripe.Change(session.PaymentIntentId, intent => intent["status"] = "requires_capture");
        var eventId = NewEventId();
        Stripe.Override = call => call.Method == "GET" ? FakeStripeApi.Outage : null;

        var failed = await api.DeliverAsync(eventId, "payment_intent.amount_capturable_updated", session.PaymentIntentId);
        var recordedAfterFailure = await api.WasProcessedAsync(eventId);
        Stripe.Override = null;
        var redelivered = await api.DeliverAsync(eventId, "payment_intent.amount_capturable_updated", session.PaymentIntentId);

        Assert.Equal((502, TextPlain, "Webhook Error: the provider did not answer"), (failed.Status, failed.ContentType, failed.Body));
        Assert.False(recordedAfterFailure);
        Assert.Equal(200, redelivered.Status);
        Assert.Equal(PaymentSessionStatus.Authorized, Assert.Single((await api.CollectionAsync(session.CollectionId)).Sessions).Status);
    }

    [Fact]
    public async Task A_storage_outage_is_a_503_with_retry_after_left_unrecorded_so_the_redelivery_applies_it()
    {
        var session = await api.NewSessionAsync();
        Stripe.Change(session.PaymentIntentId, intent => intent["status"] = "requires_capture");
        var eventId = NewEventId();
        api.Api.StorageFaults.Inject(_ => StorageFault.ServerBusy);

        var failed = await api.DeliverAsync(eventId, "payment_intent.amount_capturable_updated", session.PaymentIntentId);
        api.Api.StorageFaults.Heal();
        var recordedAfterFailure = await api.WasProcessedAsync(eventId);
        var redelivered = await api.DeliverAsync(eventId, "payment_intent.amount_capturable_updated", session.PaymentIntentId);

        Assert.Equal((503, TextPlain, "Webhook Error: storage did not answer", "2"), (failed.Status, failed.ContentType, failed.Body, failed.Headers["Retry-After"]));
        Assert.False(recordedAfterFailure);
        Assert.Equal(200, redelivered.Status);
        var collection = await api.CollectionAsync(session.CollectionId);
        Assert.Equal(PaymentSessionStatus.Authorized, Assert.Single(collection.Sessions).Status);
        Assert.Single(collection.Payments);
    }

    private static string NewEventId() => $"evt_{Guid.NewGuid():N}";
}
