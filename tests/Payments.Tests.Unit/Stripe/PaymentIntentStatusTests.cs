using System.Text.Json;
using Payments.Domain.Collections;
using Payments.Providers.Stripe;

namespace Payments.Tests.Unit.Stripe;

/// <summary>Spec §7.4 PaymentIntent status → session status, checklist 146.</summary>
public sealed class PaymentIntentStatusTests
{
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
        Assert.Equal(expected, PaymentIntentStatus.ToSessionStatus(JsonElement.Parse(paymentIntent)));
}
