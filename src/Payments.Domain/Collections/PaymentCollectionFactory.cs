using Payments.Domain.Identifiers;
using Payments.Domain.Time;

namespace Payments.Domain.Collections;

/// <summary>Makes new collections as Medusa does: <c>not_paid</c>, summary amounts unset until the first recompute.</summary>
public sealed class PaymentCollectionFactory(EntityIdGenerator ids, TimeProvider clock)
{
    public PaymentCollection ForCart(string cartId, string currencyCode, decimal amount) =>
        New(currencyCode, amount) with { CartId = cartId };

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
