using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Payments.Domain.Providers;
using Payments.Providers.Stripe;
using Payments.Tests.FakeStripe;

namespace Payments.Tests.Unit.Stripe;

/// <summary>Spec §7.4 webhook verification (D6, checklist 138–139) and event → action.</summary>
public sealed class StripeWebhookReaderTests
{
    private const string SessionId = "payses_01M86MSAXW11YSZE6DAQ34E162";
    private const string CollectionId = "pay_col_01M86MS9YPV14MVVJVNRK0ACEN";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 11, 24, 18, TimeSpan.Zero));

    [Fact]
    public void A_validly_signed_event_is_read()
    {
        var body = Body("payment_intent.amount_capturable_updated", "requires_capture", 5000);

        var read = Reader().Read(Request(body, StripeWebhooks.Signature(body, clock.GetUtcNow())));

        Assert.Equal((WebhookAction.Authorized, "evt_1", CollectionId, SessionId, 50m), (read.Action, read.EventId, read.CollectionId, read.SessionId, read.Amount));
        Assert.Equal("pi_1", read.Data!.Value.GetProperty("id").GetString());
    }

    [Fact]
    public void A_signature_with_another_secret_is_refused() =>
        AssertRefused(body => StripeWebhooks.Signature(body, clock.GetUtcNow(), "whsec_another"), "No signatures found matching the expected signature for payload");

    [Fact]
    public void A_signature_ten_minutes_old_is_refused() =>
        AssertRefused(body => StripeWebhooks.Signature(body, clock.GetUtcNow().AddMinutes(-10)), "Timestamp outside the tolerance zone");

    [Fact]
    public void A_signature_from_the_future_beyond_the_tolerance_is_refused() =>
        AssertRefused(body => StripeWebhooks.Signature(body, clock.GetUtcNow().AddSeconds(301)), "Timestamp outside the tolerance zone");

    [Fact]
    public void A_signature_within_the_tolerance_is_accepted()
    {
        var body = Body("payment_intent.succeeded", "succeeded", 5000);

        var read = Reader().Read(Request(body, StripeWebhooks.Signature(body, clock.GetUtcNow().AddSeconds(-299))));

        Assert.Equal(WebhookAction.Captured, read.Action);
    }

    [Fact]
    public void A_missing_header_is_refused() => AssertRefused(_ => null, "Missing Stripe-Signature header");

    [Theory]
    [InlineData("garbage")]
    [InlineData("t=1790000000")]
    [InlineData("v1=abc")]
    [InlineData("t=soon,v1=abc")]
    public void A_malformed_header_is_refused(string header) => AssertRefused(_ => header, "Invalid Stripe-Signature header");

    [Fact]
    public void Without_a_webhook_secret_every_webhook_is_refused()
    {
        var body = Body("payment_intent.succeeded", "succeeded", 5000);

        var error = Assert.Throws<WebhookVerificationException>(() =>
            Reader(webhookSecret: null).Read(Request(body, StripeWebhooks.Signature(body, clock.GetUtcNow()))));

        Assert.Equal("Stripe webhook secret is not configured", error.Message);
    }

    [Fact]
    public void A_tampered_body_is_refused()
    {
        var body = Body("payment_intent.succeeded", "succeeded", 5000);
        var signature = StripeWebhooks.Signature(body, clock.GetUtcNow());

        var error = Assert.Throws<WebhookVerificationException>(() => Reader().Read(Request(body.Replace("5000", "9000", StringComparison.Ordinal), signature)));

        Assert.Equal("No signatures found matching the expected signature for payload", error.Message);
    }

    [Theory]
    [InlineData("payment_intent.amount_capturable_updated", "requires_capture", WebhookAction.Authorized, 50)]
    [InlineData("payment_intent.succeeded", "succeeded", WebhookAction.Captured, 50)]
    [InlineData("payment_intent.created", "requires_payment_method", WebhookAction.Pending, 50)]
    [InlineData("payment_intent.processing", "processing", WebhookAction.Pending, 50)]
    [InlineData("payment_intent.requires_action", "requires_action", WebhookAction.RequiresMore, 50)]
    [InlineData("payment_intent.partially_funded", "requires_payment_method", WebhookAction.RequiresMore, 50)]
    [InlineData("payment_intent.payment_failed", "requires_payment_method", WebhookAction.Failed, 50)]
    [InlineData("payment_intent.canceled", "canceled", WebhookAction.Canceled, 50)]
    public void An_event_type_maps_to_its_action_and_amount(string type, string status, WebhookAction expected, int amount)
    {
        var body = Body(type, status, 5000);

        var read = Reader().Read(Request(body, StripeWebhooks.Signature(body, clock.GetUtcNow())));

        Assert.Equal((expected, (decimal?)amount), (read.Action, read.Amount));
    }

    [Fact]
    public void A_processing_event_of_a_delayed_notification_method_is_pending_authorization()
    {
        var intent = StripeWebhooks.PaymentIntent("pi_1", "processing", 5000, SessionId, CollectionId, currency: "eur");
        intent["payment_method_types"] = new JsonArray("sepa_debit");
        var body = StripeWebhooks.Event("evt_1", "payment_intent.processing", intent);

        var read = Reader().Read(Request(body, StripeWebhooks.Signature(body, clock.GetUtcNow())));

        Assert.Equal(WebhookAction.PendingAuthorization, read.Action);
    }

    [Fact]
    public void A_requires_action_event_of_an_oxxo_voucher_is_pending_authorization_not_requires_more()
    {
        var intent = StripeWebhooks.PaymentIntent("pi_1", "requires_action", 50000, SessionId, CollectionId, currency: "mxn");
        intent["payment_method_types"] = new JsonArray("oxxo");
        intent["next_action"] = new JsonObject { ["type"] = "oxxo_display_details" };
        var body = StripeWebhooks.Event("evt_1", "payment_intent.requires_action", intent);

        var read = Reader().Read(Request(body, StripeWebhooks.Signature(body, clock.GetUtcNow())));

        Assert.Equal((WebhookAction.PendingAuthorization, (decimal?)500m), (read.Action, read.Amount));
    }

    [Fact]
    public void Captured_amounts_are_read_from_amount_received_in_the_intents_currency()
    {
        var intent = StripeWebhooks.PaymentIntent("pi_1", "succeeded", 1240, SessionId, CollectionId, currency: "kwd");
        intent["amount_received"] = 1000;
        var body = StripeWebhooks.Event("evt_1", "payment_intent.succeeded", intent);

        var read = Reader().Read(Request(body, StripeWebhooks.Signature(body, clock.GetUtcNow())));

        Assert.Equal(1m, read.Amount);
    }

    [Theory]
    [InlineData("charge.succeeded", SessionId, CollectionId)]
    [InlineData("payment_intent.succeeded", null, CollectionId)]
    [InlineData("payment_intent.succeeded", SessionId, null)]
    public void Other_events_and_intents_without_our_metadata_are_not_supported(string type, string? sessionId, string? collectionId)
    {
        var body = StripeWebhooks.Event("evt_9", type, StripeWebhooks.PaymentIntent("pi_1", "succeeded", 5000, sessionId, collectionId));

        var read = Reader().Read(Request(body, StripeWebhooks.Signature(body, clock.GetUtcNow())));

        Assert.Equal((WebhookAction.NotSupported, "evt_9", null, null), (read.Action, read.EventId, read.SessionId, read.CollectionId));
    }

    [Theory]
    [InlineData("""{"id":"evt_1","type":"payment_intent.succeeded"}""", "data.object is not an object")]
    [InlineData("""{"id":"evt_1","type":"payment_intent.succeeded","data":{"object":"pi_1"}}""", "data.object is not an object")]
    [InlineData("""{"id":"evt_1","type":"payment_intent.succeeded","data":[]}""", "data.object is not an object")]
    [InlineData("""["evt_1"]""", "data.object is not an object")]
    [InlineData("""{"id":"evt_1",""", "the body is not JSON")]
    [InlineData("""{"id":"evt_\ud800","data":{"object":{}}}""", "a string holds an unpaired surrogate")]
    public void An_authentic_event_of_the_wrong_shape_is_refused_as_malformed(string body, string what)
    {
        var error = Assert.Throws<WebhookVerificationException>(() => Reader().Read(Request(body, StripeWebhooks.Signature(body, clock.GetUtcNow()))));

        Assert.Equal($"Malformed event: {what}", error.Message);
    }

    [Theory]
    [InlineData("\"5000\"")]
    [InlineData("50.5")]
    [InlineData("92233720368547758070")]
    [InlineData("null")]
    [InlineData("-5000")]
    public void An_amount_that_is_not_a_whole_number_of_units_is_refused_as_malformed(string amount)
    {
        var intent = StripeWebhooks.PaymentIntent("pi_1", "succeeded", 5000, SessionId, CollectionId);
        intent["amount_received"] = JsonNode.Parse(amount);
        var body = StripeWebhooks.Event("evt_1", "payment_intent.succeeded", intent);

        var error = Assert.Throws<WebhookVerificationException>(() => Reader().Read(Request(body, StripeWebhooks.Signature(body, clock.GetUtcNow()))));

        Assert.Equal("Malformed event: data.object.amount_received is not a whole, non-negative number of the currency's smallest unit", error.Message);
    }

    [Fact]
    public void An_event_without_an_id_is_read_without_one()
    {
        var body = StripeWebhooks.Event("evt_1", "payment_intent.succeeded", StripeWebhooks.PaymentIntent("pi_1", "succeeded", 5000, SessionId, CollectionId))
            .Replace("\"id\":\"evt_1\",", "", StringComparison.Ordinal);

        var read = Reader().Read(Request(body, StripeWebhooks.Signature(body, clock.GetUtcNow())));

        Assert.Equal((WebhookAction.Captured, (string?)null), (read.Action, read.EventId));
    }

    private void AssertRefused(Func<string, string?> signatureOf, string reason)
    {
        var body = Body("payment_intent.succeeded", "succeeded", 5000);

        var error = Assert.Throws<WebhookVerificationException>(() => Reader().Read(Request(body, signatureOf(body))));

        Assert.Equal(reason, error.Message);
    }

    private StripeWebhookReader Reader(string? webhookSecret = StripeWebhooks.Secret)
    {
        var options = new StripeOptions { ApiKey = "sk_test_x", WebhookSecret = webhookSecret };
        return new(options, new PaymentIntentStatusMap(options), clock);
    }

    private static string Body(string type, string status, long amount) =>
        StripeWebhooks.Event("evt_1", type, StripeWebhooks.PaymentIntent("pi_1", status, amount, SessionId, CollectionId));

    private static ProviderWebhookRequest Request(string body, string? signature) =>
        new(Encoding.UTF8.GetBytes(body), signature is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["stripe-signature"] = signature });
}
