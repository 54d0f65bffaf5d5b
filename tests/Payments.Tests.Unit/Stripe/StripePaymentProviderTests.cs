using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Providers;
using Payments.Providers.Stripe;
using Payments.Tests.FakeStripe;
using Stripe;

namespace Payments.Tests.Unit.Stripe;

/// <summary>Every Stripe call of spec §7.4, its parameters and idempotency key, against a stubbed Stripe (checklist 144, 147, 148, 148a).</summary>
public sealed class StripePaymentProviderTests
{
    private const string SessionId = StripeProviders.SessionId;
    private const string CollectionId = StripeProviders.CollectionId;

    private readonly FakeStripeApi stripe = new();

    [Fact]
    public async Task Initiate_creates_a_manual_capture_payment_intent_in_units_keyed_by_the_session_id()
    {
        var result = await Provider().InitiateAsync(StripeProviders.Initiate(50m, "usd", "{}"), CancellationToken.None);

        var call = Assert.Single(stripe.Calls);
        Assert.Equal(("POST", "/v1/payment_intents", SessionId), (call.Method, call.Path, call.IdempotencyKey));
        Assert.Equal("5000", call.Parameters["amount"]);
        Assert.Equal("usd", call.Parameters["currency"]);
        Assert.Equal("manual", call.Parameters["capture_method"]);
        Assert.Equal(SessionId, call.Parameters["metadata[session_id]"]);
        Assert.Equal(CollectionId, call.Parameters["metadata[payment_collection_id]"]);
        Assert.Equal("payment_method", call.Parameters["expand[0]"]);
        Assert.False(call.Parameters.ContainsKey("automatic_payment_methods[enabled]"));
        Assert.Equal(PaymentSessionStatus.Pending, result.Status);
        Assert.Equal(stripe.Intent(result.Reference).ToJsonString(), result.Data.GetRawText());
    }

    [Fact]
    public async Task Initiate_takes_description_metadata_and_passed_through_keys_from_the_data()
    {
        var options = new StripeOptions { ApiKey = "sk_test_x", Capture = true, AutomaticPaymentMethods = true, PaymentDescription = "Shop order" };

        await Provider(options).InitiateAsync(
            StripeProviders.Initiate(10m, "eur", """{"description":"Cart 7","metadata":{"cart":"c_7","n":3},"payment_method_types":["card","sepa_debit"],"setup_future_usage":"off_session","payment_method_options":{"card":{"request_three_d_secure":"any"}},"confirm":true}"""),
            CancellationToken.None);

        var parameters = Assert.Single(stripe.Calls).Parameters;
        Assert.Equal("Cart 7", parameters["description"]);
        Assert.Equal("automatic", parameters["capture_method"]);
        Assert.Equal(("c_7", "3", SessionId), (parameters["metadata[cart]"], parameters["metadata[n]"], parameters["metadata[session_id]"]));
        Assert.Equal(("card", "sepa_debit"), (parameters["allowed_payment_method_types[0]"], parameters["allowed_payment_method_types[1]"]));
        Assert.Equal("off_session", parameters["setup_future_usage"]);
        Assert.Equal("any", parameters["payment_method_options[card][request_three_d_secure]"]);
        Assert.Equal("true", parameters["confirm"]);
        Assert.False(parameters.ContainsKey("automatic_payment_methods[enabled]"));
    }

    [Fact]
    public async Task Initiate_enables_automatic_payment_methods_when_the_data_names_none()
    {
        var options = new StripeOptions { ApiKey = "sk_test_x", AutomaticPaymentMethods = true, PaymentDescription = "Shop order" };

        await Provider(options).InitiateAsync(StripeProviders.Initiate(10m, "usd", "{}"), CancellationToken.None);

        var parameters = Assert.Single(stripe.Calls).Parameters;
        Assert.Equal(("true", "Shop order"), (parameters["automatic_payment_methods[enabled]"], parameters["description"]));
    }

    [Fact]
    public async Task Initiate_keeps_the_payment_intent_of_a_declined_card_with_status_error()
    {
        var declined = StripeWebhooks.PaymentIntent("pi_declined", "requires_payment_method", 5000, SessionId, CollectionId);
        declined["last_payment_error"] = new JsonObject { ["code"] = "card_declined" };
        stripe.Override = _ => FakeStripeApi.Error(HttpStatusCode.PaymentRequired, "card_error", "card_declined", declined);

        var result = await Provider().InitiateAsync(StripeProviders.Initiate(50m, "usd", """{"payment_method":"pm_card_visa_chargeDeclined","confirm":true}"""), CancellationToken.None);

        Assert.Equal(("pi_declined", PaymentSessionStatus.Error), (result.Reference, result.Status));
        Assert.Equal(declined.ToJsonString(), result.Data.GetRawText());
    }

    [Fact]
    public async Task Initiate_against_a_failing_stripe_is_provider_unavailable_after_stripe_nets_retries_with_the_same_key()
    {
        stripe.Override = _ => FakeStripeApi.Error(HttpStatusCode.InternalServerError, "api_error", null);

        var error = await Assert.ThrowsAsync<MedusaException>(() => Provider().InitiateAsync(StripeProviders.Initiate(50m, "usd", "{}"), CancellationToken.None));

        Assert.Equal(MedusaErrorType.ProviderUnavailable, error.Type);
        Assert.Equal("Payment provider pp_stripe_stripe is unavailable, try again", error.Message);
        Assert.Equal(3, stripe.Calls.Count);
        Assert.All(stripe.Calls, call => Assert.Equal(SessionId, call.IdempotencyKey));
    }

    [Fact]
    public async Task Initiate_refused_by_stripe_is_its_refusal_not_an_outage()
    {
        stripe.Override = _ => FakeStripeApi.Error(HttpStatusCode.BadRequest, "invalid_request_error", "parameter_invalid_integer");

        var error = await Assert.ThrowsAsync<ProviderRefusedException>(() => Provider().InitiateAsync(StripeProviders.Initiate(50m, "usd", "{}"), CancellationToken.None));

        Assert.Equal(("parameter_invalid_integer", HttpStatusCode.BadRequest), (error.Code, Assert.IsType<StripeException>(error.InnerException).HttpStatusCode));
    }

    [Theory]
    [InlineData("requires_capture", PaymentSessionStatus.Authorized)]
    [InlineData("requires_action", PaymentSessionStatus.RequiresMore)]
    [InlineData("succeeded", PaymentSessionStatus.Captured)]
    public async Task Authorize_reads_the_payment_intent_and_maps_its_status(string status, PaymentSessionStatus expected)
    {
        var intent = await CreatedAsync();
        stripe.Change(intent, pi => pi["status"] = status);

        var result = await Provider().AuthorizeAsync(new ProviderOperation(Data(intent), SessionId), CancellationToken.None);

        var call = stripe.Calls[^1];
        Assert.Equal(("GET", $"/v1/payment_intents/{intent}", "payment_method"), (call.Method, call.Path, call.Parameters["expand[0]"]));
        Assert.Equal(expected, result.Status);
        Assert.Equal(stripe.Intent(intent).ToJsonString(), result.Data.GetRawText());
    }

    [Fact]
    public async Task Capture_sends_the_units_of_this_capture_keyed_by_the_capture_id()
    {
        var intent = await AuthorizedAsync();

        var data = await Provider().CaptureAsync(new ProviderAmountOperation(Data(intent), 20m, "usd", "capt_1"), CancellationToken.None);

        var call = stripe.Calls[^1];
        Assert.Equal(("POST", $"/v1/payment_intents/{intent}/capture", "capt_1", "2000"), (call.Method, call.Path, call.IdempotencyKey, call.Parameters["amount_to_capture"]));
        Assert.Equal("succeeded", data.PaymentData!.Value.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_capture_is_answered_again_under_its_own_key_and_another_capture_of_a_succeeded_intent_is_refused()
    {
        var intent = await AuthorizedAsync();
        await Provider().CaptureAsync(new ProviderAmountOperation(Data(intent), 20m, "usd", "capt_1"), CancellationToken.None);

        var retried = await Provider().CaptureAsync(new ProviderAmountOperation(Data(intent), 20m, "usd", "capt_1"), CancellationToken.None);
        var refused = await Assert.ThrowsAsync<ProviderRefusedException>(() =>
            Provider().CaptureAsync(new ProviderAmountOperation(Data(intent), 20m, "usd", "capt_2"), CancellationToken.None));

        Assert.Equal(2000, retried.PaymentData!.Value.GetProperty("amount_received").GetInt64());
        Assert.Equal("payment_intent_unexpected_state", refused.Code);
    }

    [Fact]
    public async Task Refund_sends_the_units_in_the_intents_currency_keyed_by_the_refund_id_and_named_by_its_move()
    {
        var intent = await CreatedAsync(currency: "jpy", amount: 1000m);
        stripe.Change(intent, pi =>
        {
            pi["status"] = "succeeded";
            pi["amount_received"] = 1000;
        });
        var data = Data(intent);

        var result = await Provider().RefundAsync(new ProviderAmountOperation(data, 300m, "jpy", "ref_1"), CancellationToken.None);

        var call = stripe.Calls[^1];
        Assert.Equal(("POST", "/v1/refunds", "ref_1"), (call.Method, call.Path, call.IdempotencyKey));
        Assert.Equal(("300", intent, "ref_1"), (call.Parameters["amount"], call.Parameters["payment_intent"], call.Parameters["metadata[move_id]"]));
        Assert.Equal((null, true), (result.PaymentData, result.Reference?.StartsWith("re_", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Stripe's 409 means a request with the same Idempotency-Key is still in flight and may yet move the money: an
    /// unknown answer, so the move stays reserved for its retry, never a refusal that would let it be dropped and made
    /// again under a new key.
    /// </summary>
    [Fact]
    public async Task A_refund_whose_key_stripe_is_still_processing_is_an_unknown_answer_not_a_refusal()
    {
        var intent = await CreatedAsync();
        stripe.Override = call => call.Path == "/v1/refunds" ? FakeStripeApi.Error(HttpStatusCode.Conflict, "idempotency_error", null) : null;

        var error = await Assert.ThrowsAsync<MedusaException>(() =>
            Provider().RefundAsync(new ProviderAmountOperation(Data(intent), 10m, "usd", "ref_1"), CancellationToken.None));

        Assert.Equal(MedusaErrorType.ProviderUnavailable, error.Type);
        Assert.All(stripe.Calls.Where(call => call.Path == "/v1/refunds"), call => Assert.Equal("ref_1", call.IdempotencyKey));
    }

    [Fact]
    public async Task A_refund_stripe_refuses_is_its_refusal_with_its_code_not_money_that_moved()
    {
        var intent = await CreatedAsync();
        stripe.Override = call => call.Path == "/v1/refunds" ? FakeStripeApi.Error(HttpStatusCode.BadRequest, "invalid_request_error", "charge_already_refunded") : null;

        var refused = await Assert.ThrowsAsync<ProviderRefusedException>(() =>
            Provider().RefundAsync(new ProviderAmountOperation(Data(intent), 10m, "usd", "ref_1"), CancellationToken.None));

        Assert.Equal(("charge_already_refunded", StripeVariant.Card.ProviderId), (refused.Code, refused.ProviderId));
    }

    [Fact]
    public async Task Delete_cancels_the_intent_with_the_given_key_and_an_already_canceled_intent_is_done()
    {
        var intent = await CreatedAsync();

        var first = await Provider().DeleteAsync(new ProviderOperation(Data(intent), $"{SessionId}-cancel"), CancellationToken.None);
        var again = await Provider().DeleteAsync(new ProviderOperation(Data(intent), $"{SessionId}-cancel"), CancellationToken.None);

        var cancels = stripe.Calls.Where(call => call.Path == $"/v1/payment_intents/{intent}/cancel").ToList();
        Assert.Equal(2, cancels.Count);
        Assert.All(cancels, call => Assert.Equal(($"{SessionId}-cancel", "POST"), (call.IdempotencyKey, call.Method)));
        Assert.Equal(("canceled", "canceled"), (first.GetProperty("status").GetString(), again.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Cancel_of_a_succeeded_intent_is_done_without_action()
    {
        var intent = await AuthorizedAsync();
        stripe.Change(intent, pi => pi["status"] = "succeeded");

        var result = await Provider().CancelAsync(new ProviderOperation(Data(intent), "pay_1-cancel"), CancellationToken.None);

        Assert.Equal("succeeded", result.GetProperty("status").GetString());
        Assert.Equal("pay_1-cancel", stripe.Calls[^1].IdempotencyKey);
    }

    [Fact]
    public async Task Cancel_without_a_payment_intent_makes_no_call()
    {
        var data = JsonElement.Parse("""{"note":"x"}""");

        var result = await Provider().DeleteAsync(new ProviderOperation(data, $"{SessionId}-cancel"), CancellationToken.None);

        Assert.Empty(stripe.Calls);
        Assert.Equal(data.GetRawText(), result.GetRawText());
    }

    private StripePaymentProvider Provider(StripeOptions? options = null) => StripeProviders.Create(stripe, StripeVariant.Card, options);

    private async Task<string> CreatedAsync(string currency = "usd", decimal amount = 50m) =>
        (await Provider().InitiateAsync(StripeProviders.Initiate(amount, currency, "{}"), CancellationToken.None)).Reference;

    private async Task<string> AuthorizedAsync()
    {
        var intent = await CreatedAsync();
        stripe.Change(intent, pi => pi["status"] = "requires_capture");
        return intent;
    }

    private JsonElement Data(string paymentIntentId) => JsonElement.Parse(stripe.Intent(paymentIntentId).ToJsonString());
}
