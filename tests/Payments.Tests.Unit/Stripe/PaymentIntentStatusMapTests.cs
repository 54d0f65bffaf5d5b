using System.Text.Json;
using Payments.Domain.Collections;
using Payments.Providers.Stripe;

namespace Payments.Tests.Unit.Stripe;

/// <summary>Spec §7.4 PaymentIntent status → session status (checklist 146), asynchronous payment methods included.</summary>
public sealed class PaymentIntentStatusMapTests
{
    private static readonly PaymentIntentStatusMap Default = new(new StripeOptions());

    [Theory]
    [InlineData("""{"status":"requires_payment_method","last_payment_error":null}""", PaymentSessionStatus.Pending)]
    [InlineData("""{"status":"requires_payment_method","last_payment_error":{"code":"card_declined"}}""", PaymentSessionStatus.Error)]
    [InlineData("""{"status":"requires_confirmation"}""", PaymentSessionStatus.Pending)]
    [InlineData("""{"status":"processing","payment_method":{"id":"pm_1","type":"card"}}""", PaymentSessionStatus.Pending)]
    [InlineData("""{"status":"processing","payment_method":{"id":"pm_1","type":"sepa_debit"}}""", PaymentSessionStatus.PendingAuthorization)]
    [InlineData("""{"status":"processing","payment_method":"pm_1","payment_method_types":["us_bank_account"]}""", PaymentSessionStatus.PendingAuthorization)]
    [InlineData("""{"status":"requires_action"}""", PaymentSessionStatus.RequiresMore)]
    [InlineData("""{"status":"requires_capture"}""", PaymentSessionStatus.Authorized)]
    [InlineData("""{"status":"succeeded"}""", PaymentSessionStatus.Captured)]
    [InlineData("""{"status":"canceled"}""", PaymentSessionStatus.Canceled)]
    [InlineData("""{"status":"something_new"}""", PaymentSessionStatus.Pending)]
    public void A_payment_intent_status_maps_to_the_session_status(string paymentIntent, PaymentSessionStatus expected) =>
        Assert.Equal(expected, Default.ToSessionStatus(JsonElement.Parse(paymentIntent)));

    [Theory]
    [InlineData("""{"status":"requires_action","payment_method_types":["oxxo"],"next_action":{"type":"oxxo_display_details"}}""", PaymentSessionStatus.PendingAuthorization)]
    [InlineData("""{"status":"requires_action","payment_method":{"type":"boleto"},"next_action":{"type":"boleto_display_details"}}""", PaymentSessionStatus.PendingAuthorization)]
    [InlineData("""{"status":"requires_action","payment_method_types":["customer_balance"],"next_action":{"type":"display_bank_transfer_instructions"}}""", PaymentSessionStatus.PendingAuthorization)]
    [InlineData("""{"status":"requires_action","payment_method_types":["sofort"],"next_action":{"type":"redirect_to_url"}}""", PaymentSessionStatus.RequiresMore)]
    [InlineData("""{"status":"requires_action","payment_method_types":["card"],"next_action":{"type":"use_stripe_sdk"}}""", PaymentSessionStatus.RequiresMore)]
    [InlineData("""{"status":"requires_action","payment_method_types":["oxxo"],"next_action":null}""", PaymentSessionStatus.RequiresMore)]
    public void A_voucher_or_transfer_the_shopper_pays_later_is_pending_authorization_and_a_redirect_still_requires_more(string paymentIntent, PaymentSessionStatus expected) =>
        Assert.Equal(expected, Default.ToSessionStatus(JsonElement.Parse(paymentIntent)));

    [Fact]
    public void Configured_async_payment_method_types_settle_after_checkout_besides_the_built_in_ones()
    {
        var configured = new PaymentIntentStatusMap(new StripeOptions { AsyncPaymentMethodTypes = " pay_by_bank , pix" });
        var payByBank = JsonElement.Parse("""{"status":"processing","payment_method":{"type":"pay_by_bank"}}""");
        var pix = JsonElement.Parse("""{"status":"processing","payment_method_types":["pix"]}""");
        var sepa = JsonElement.Parse("""{"status":"processing","payment_method":{"type":"sepa_debit"}}""");

        Assert.Equal(PaymentSessionStatus.Pending, Default.ToSessionStatus(payByBank));
        Assert.Equal(
            (PaymentSessionStatus.PendingAuthorization, PaymentSessionStatus.PendingAuthorization, PaymentSessionStatus.PendingAuthorization),
            (configured.ToSessionStatus(payByBank), configured.ToSessionStatus(pix), configured.ToSessionStatus(sepa)));
    }
}
