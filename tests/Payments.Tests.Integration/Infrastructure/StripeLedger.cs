using System.Text.Json;
using System.Text.Json.Nodes;
using Payments.Domain.Collections;
using Payments.Providers.Stripe;
using Payments.Tests.FakeStripe;
using Payments.Tests.Integration.Webhooks;

namespace Payments.Tests.Integration.Infrastructure;

/// <summary>
/// The promise of issue 14, asserted from both sides: the collection document as Table Storage holds it, and the fake
/// Stripe's ledger. For every payment, the captures recorded add up to what Stripe received, and the refunds recorded
/// are Stripe's refunds of its PaymentIntent one for one, with the same amounts: a refund this API made is recorded
/// under the id of its move (the refund's <c>metadata[move_id]</c> at Stripe, and its idempotency key), one made
/// outside it (the Dashboard) under Stripe's id of it. The money invariants hold as well.
/// </summary>
internal static class StripeLedger
{
    public static async Task<PaymentCollection> AssertDocumentEqualsStripeAsync(StripeBackedApi api, string collectionId)
    {
        var collection = await MoneyInvariants.AssertHoldAsync(api.Api, collectionId);
        foreach (var payment in collection.Payments)
        {
            AssertPaymentEqualsStripe(payment, api.Stripe);
        }

        return collection;
    }

    private static void AssertPaymentEqualsStripe(Payment payment, FakeStripeApi stripe)
    {
        var intentId = payment.Data.GetProperty("id").GetString()!;
        var intent = stripe.Intent(intentId);
        var currency = (string)intent["currency"]!;
        Assert.True(
            Units(intent["amount_received"]) == SmallestCurrencyUnit.ToUnits(payment.Captured(), currency),
            $"Payment {payment.Id} records {payment.Captured()} {currency} captured; Stripe received {Units(intent["amount_received"])} units of {intentId}.");

        AssertRefundsPairOneToOne(payment, stripe.Refunds(intentId), intentId, currency);
    }

    /// <summary>
    /// Stripe's succeeded refunds and the payment's recorded refunds pair one for one: each Stripe refund names a recorded
    /// refund (by its move id, or by Stripe's id when made outside the API) of the same amount, no two name the same one,
    /// and there are as many on each side.
    /// </summary>
    internal static void AssertRefundsPairOneToOne(Payment payment, IReadOnlyList<JsonObject> stripeRefunds, string intentId, string currency)
    {
        var refunds = stripeRefunds.Where(refund => (string?)refund["status"] == "succeeded").ToList();
        var paired = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var refund in refunds)
        {
            var (stripeId, moveId) = ((string)refund["id"]!, (string?)refund["metadata"]?["move_id"]);
            var match = payment.Refunds.Find(recorded => moveId is null ? recorded.ProviderReference == stripeId : recorded.Id == moveId);
            Assert.True(match is not null, $"Stripe refund {stripeId} (move {moveId ?? "none: made outside the API"}) of {intentId} is not recorded on payment {payment.Id}.");
            Assert.Equal(Units(refund["amount"]), SmallestCurrencyUnit.ToUnits(match.Amount, currency));
            Assert.True(
                paired.TryAdd(match.Id, stripeId),
                $"Stripe refunds {paired.GetValueOrDefault(match.Id)} and {stripeId} of {intentId} both pair with refund {match.Id} recorded on payment {payment.Id}.");
        }

        Assert.True(
            refunds.Count == payment.Refunds.Count && paired.Count == refunds.Count,
            $"Payment {payment.Id} records {payment.Refunds.Count} refunds; Stripe made {refunds.Count} of {intentId}, {paired.Count} paired with one recorded refund each.");
    }

    private static long Units(JsonNode? amount) => amount.Deserialize<long>();
}
