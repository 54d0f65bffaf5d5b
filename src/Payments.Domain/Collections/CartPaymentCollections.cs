using Payments.Domain.Errors;
using Payments.Domain.Ports;
using Payments.Domain.Time;

namespace Payments.Domain.Collections;

/// <summary>The payment collection of a cart: returned when it exists, created on first call (spec §6.1, D4).</summary>
public sealed class CartPaymentCollections(
    ICartCatalog carts,
    ICartCollectionLinks links,
    IPaymentCollectionStore store,
    PaymentCollectionFactory factory,
    OpenCarts openCarts,
    CollectionWriter writer,
    TimeProvider clock)
{
    public async Task<PaymentCollection> GetOrCreateAsync(string cartId, Caller caller, CancellationToken cancellationToken)
    {
        if (await links.FindCollectionIdAsync(cartId, cancellationToken) is { } linkedId
            && await FindSynchronizedAsync(linkedId, caller, cancellationToken) is { } linked)
        {
            return linked;
        }

        var cart = await carts.FindAsync(cartId, caller, cancellationToken)
            ?? throw MedusaException.NotFound($"Cart id not found: {cartId}");
        if (cart.CompletedAt is not null)
        {
            throw MedusaException.InvalidData($"Cart {cartId} is already completed.");
        }

        var collection = factory.ForCart(cart);
        await store.InsertAsync(collection, cancellationToken);

        // The link is claimed with an insert-if-absent: of concurrent creations exactly one links its collection,
        // and the others discard theirs (never visible to anyone) and answer with the winner's.
        var linkedCollectionId = await links.LinkIfAbsentAsync(cartId, collection.Id, cancellationToken);
        if (linkedCollectionId == collection.Id)
        {
            return collection;
        }

        await store.DeleteUnlinkedAsync(collection.Id, cancellationToken);
        return await FindSynchronizedAsync(linkedCollectionId, caller, cancellationToken)
            ?? throw MedusaException.Conflict();
    }

    /// <summary>
    /// The linked collection in step with its cart; null when it was deleted (its link is then removed, as the deletion's
    /// outbox does, so that the cart gets a new one).
    /// </summary>
    private async Task<PaymentCollection?> FindSynchronizedAsync(string collectionId, Caller caller, CancellationToken cancellationToken)
    {
        var target = new CollectionTarget(
            collectionId,
            () => throw new InvalidOperationException($"A cart link points to the missing payment collection {collectionId}."))
        {
            AcceptsTombstone = true,
        };
        var known = await writer.ReadAsync(target, cancellationToken);
        if (known.Collection is { DeletedAt: not null, CartId: { } deletedCartId })
        {
            await links.UnlinkAsync(deletedCartId, collectionId, cancellationToken);
            return null;
        }

        var cart = await openCarts.OfAsync(known.Collection, caller, cancellationToken);
        var now = clock.UtcNowToTheMillisecond();
        var change = await writer.DecideAsync(target, collection => collection.Synchronize(cart, now), cancellationToken, known);
        return change.Result;
    }
}
