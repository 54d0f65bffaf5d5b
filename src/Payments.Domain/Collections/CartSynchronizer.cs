using Payments.Domain.Ports;
using Payments.Domain.Time;

namespace Payments.Domain.Collections;

/// <summary>
/// The outcome of bringing a collection in step with its cart (spec §1.2). <see cref="OpenCart"/> is the cart
/// when the collection belongs to one that is not completed; <see cref="RemovedSessions"/> are the sessions
/// the synchronisation dropped, to be released.
/// </summary>
public sealed record CartSynchronization(
    PaymentCollection Collection,
    Cart? OpenCart,
    bool Changed,
    IReadOnlyList<PaymentSession> RemovedSessions);

/// <summary>
/// Medusa resets a cart's collection whenever the cart total changes; we cannot see cart changes, so we do it
/// lazily whenever a collection of an open cart is returned or gets a new session.
/// </summary>
public sealed class CartSynchronizer(ICartCatalog carts, TimeProvider clock)
{
    /// <param name="caller">Whose credentials read the cart (the commerce backend decides what they may read).</param>
    public async Task<CartSynchronization> SynchronizeAsync(PaymentCollection collection, Caller caller, CancellationToken cancellationToken)
    {
        if (collection.CartId is not { } cartId
            || await carts.FindAsync(cartId, caller, cancellationToken) is not { CompletedAt: null } cart)
        {
            return new CartSynchronization(collection, OpenCart: null, Changed: false, RemovedSessions: []);
        }

        var currencyCode = cart.CurrencyCode.ToLowerInvariant();
        if (cart.Total == collection.Amount && currencyCode == collection.CurrencyCode)
        {
            return new CartSynchronization(collection, cart, Changed: false, RemovedSessions: []);
        }

        var synchronized = collection with
        {
            Amount = cart.Total,
            CurrencyCode = currencyCode,
            Sessions = [],
            UpdatedAt = clock.UtcNowToTheMillisecond(),
        };
        return new CartSynchronization(synchronized, cart, Changed: true, RemovedSessions: collection.Sessions);
    }
}
