using Payments.Domain.Commerce;
using Payments.Domain.Errors;
using Payments.Domain.Ports;

namespace Payments.Domain.Collections;

/// <summary>
/// The cart a collection pays for, read to keep the collection's amount in step (spec §1.2) and to refuse new money once
/// it is completed. In module mode it is never read: the backend pushes every cart change to the collection itself
/// (docs/module-api.md §6.4).
/// </summary>
public sealed class OpenCarts(ICartCatalog carts, CommerceModule module)
{
    /// <param name="caller">Whose credentials read the cart (the commerce backend decides what they may read).</param>
    /// <returns>The cart, completed or not; null when the collection has none, or in module mode.</returns>
    public async Task<Cart?> OfAsync(PaymentCollection collection, Caller caller, CancellationToken cancellationToken) =>
        !module.IsEnabled && collection.CartId is { } cartId ? await carts.FindAsync(cartId, caller, cancellationToken) : null;

    /// <summary>Medusa's refusal of new money for a completed cart: a new collection, session or authorization.</summary>
    public static MedusaException Completed(string cartId) => MedusaException.InvalidData($"Cart {cartId} is already completed.");
}
