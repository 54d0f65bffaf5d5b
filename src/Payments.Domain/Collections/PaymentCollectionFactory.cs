using Payments.Domain.Identifiers;
using Payments.Domain.Money;
using Payments.Domain.Ports;
using Payments.Domain.Time;

namespace Payments.Domain.Collections;

/// <summary>Makes new collections as Medusa does: <c>not_paid</c>, summary amounts unset until the first recompute.</summary>
public sealed class PaymentCollectionFactory(EntityIdGenerator ids, TimeProvider clock)
{
    /// <summary>A cart's collection, for the cart's total rounded to the currency's minor unit (the one rounding rule).</summary>
    public PaymentCollection ForCart(Cart cart) =>
        New(cart.CurrencyCode, Currency.RoundToMinorUnit(cart.Total, cart.CurrencyCode)) with { CartId = cart.Id };

    public PaymentCollection ForOrder(string orderId, string currencyCode, decimal amount) =>
        New(currencyCode, amount) with { OrderId = orderId };

    private PaymentCollection New(string currencyCode, decimal amount)
    {
        var now = clock.UtcNowToTheMillisecond();
        return new PaymentCollection
        {
            Id = ids.NewId(EntityIdPrefix.PaymentCollection),
            CurrencyCode = currencyCode.ToLowerInvariant(),
            Amount = amount,
            Status = PaymentCollectionStatus.NotPaid,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
