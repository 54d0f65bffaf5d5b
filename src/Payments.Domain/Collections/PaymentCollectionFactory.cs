using System.Text.Json;
using Payments.Domain.Identifiers;
using Payments.Domain.Money;
using Payments.Domain.Ports;
using Payments.Domain.Time;

namespace Payments.Domain.Collections;

/// <summary>Makes new collections as Medusa does: <c>not_paid</c>, summary amounts unset until the first recompute.</summary>
public sealed class PaymentCollectionFactory(EntityIdGenerator ids, TimeProvider clock)
{
    /// <summary>
    /// A cart's collection, for the cart's total rounded to the currency's minor unit (the one rounding rule). In module
    /// mode the exact total is kept too (<paramref name="keepExact"/>): the backend compares it with the cart's.
    /// </summary>
    public PaymentCollection ForCart(Cart cart, bool keepExact = false)
    {
        var amount = Currency.RoundToMinorUnit(cart.Total, cart.CurrencyCode);
        return New(cart.CurrencyCode, amount) with
        {
            ExactAmount = keepExact && cart.Total != amount ? cart.Total : null,
            CartId = cart.Id,
            RegionId = cart.RegionId,
        };
    }

    /// <summary>A collection the commerce backend's module creates (docs/module-api.md §4.2): no cart or order known yet.</summary>
    public PaymentCollection ForModule(string currencyCode, decimal exactAmount, JsonElement? metadata)
    {
        var amount = Currency.RoundToMinorUnit(exactAmount, currencyCode);
        return New(currencyCode, amount) with { ExactAmount = exactAmount != amount ? exactAmount : null, Metadata = metadata };
    }

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
