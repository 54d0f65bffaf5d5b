using Payments.Domain.Ports;

namespace Payments.Domain.Collections;

/// <summary>The cart a collection pays for, while it is open: what keeps the collection's amount in step (spec §1.2).</summary>
public sealed class OpenCarts(ICartCatalog carts)
{
    /// <param name="caller">Whose credentials read the cart (the commerce backend decides what they may read).</param>
    /// <returns>The cart, or null when the collection has none or it is completed.</returns>
    public async Task<Cart?> OfAsync(PaymentCollection collection, Caller caller, CancellationToken cancellationToken) =>
        collection.CartId is { } cartId && await carts.FindAsync(cartId, caller, cancellationToken) is { CompletedAt: null } cart
            ? cart
            : null;
}
