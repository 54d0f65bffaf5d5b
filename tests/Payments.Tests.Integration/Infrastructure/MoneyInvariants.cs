using Microsoft.Extensions.DependencyInjection;
using Payments.Domain.Collections;
using Payments.Domain.Money;
using Payments.Domain.Ports;
using Payments.Tests.Integration.Http;

namespace Payments.Tests.Integration.Infrastructure;

/// <summary>
/// The money invariants, asserted on a collection document as Table Storage holds it (not on what responses said):
/// at most one live payment; per payment every amount a whole number of the currency's minor unit, Σ captures ≤ amount
/// and Σ refunds ≤ Σ captures compared exactly, <c>captured_at</c> set exactly when fully captured, capture and refund
/// ids unique; the collection's summary amounts equal to what its payments hold.
/// </summary>
public static class MoneyInvariants
{
    public static async Task<PaymentCollection> AssertHoldAsync(ApiHost api, string collectionId)
    {
        var stored = await api.Services.GetRequiredService<IPaymentCollectionStore>().FindAsync(collectionId, CancellationToken.None);
        Assert.True(stored is not null, $"Collection {collectionId} is not stored.");
        AssertHold(stored.Collection);
        return stored.Collection;
    }

    public static void AssertHold(PaymentCollection collection)
    {
        var id = collection.Id;
        var live = collection.Payments.Where(payment => payment.CanceledAt is null).ToList();
        Assert.True(live.Count <= 1, $"Collection {id} has {live.Count} live payments: {string.Join(", ", live.Select(payment => payment.Id))}.");
        foreach (var payment in collection.Payments)
        {
            var currency = payment.CurrencyCode;
            var captured = payment.Captured();
            var refunded = payment.Refunded();
            var moves = payment.Captures.Select(capture => capture.Amount).Concat(payment.Refunds.Select(refund => refund.Amount)).Prepend(payment.Amount);
            Assert.True(moves.All(amount => Currency.IsWholeMinorUnits(amount, currency)), $"Payment {payment.Id} of {id} holds an amount finer than the minor unit of {currency}.");
            Assert.True(captured <= payment.Amount, $"Payment {payment.Id} of {id} has {captured} captured on {payment.Amount}.");
            Assert.True(refunded <= captured, $"Payment {payment.Id} of {id} has {refunded} refunded on {captured} captured.");
            Assert.True(
                (payment.CapturedAt is not null) == (captured >= payment.Amount),
                $"Payment {payment.Id} of {id}: captured_at {payment.CapturedAt} with {captured} captured on {payment.Amount}.");
            Assert.Equal(payment.Captures.Count, payment.Captures.Select(capture => capture.Id).Distinct().Count());
            Assert.Equal(payment.Refunds.Count, payment.Refunds.Select(refund => refund.Id).Distinct().Count());
        }

        var allCaptured = collection.Payments.Sum(payment => payment.Captured());
        var allRefunded = collection.Payments.Sum(payment => payment.Refunded());
        Assert.True(collection.CapturedAmount is null || collection.CapturedAmount == allCaptured, $"Collection {id} says {collection.CapturedAmount} captured; its payments hold {allCaptured}.");
        Assert.True(collection.RefundedAmount is null || collection.RefundedAmount == allRefunded, $"Collection {id} says {collection.RefundedAmount} refunded; its payments hold {allRefunded}.");
        Assert.True(
            collection.AuthorizedAmount is null || collection.AuthorizedAmount <= collection.Payments.Sum(payment => payment.Amount),
            $"Collection {id} says {collection.AuthorizedAmount} authorized; its payments allow {collection.Payments.Sum(payment => payment.Amount)}.");
    }
}
