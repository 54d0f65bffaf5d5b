using Payments.Domain.Errors;
using Payments.Domain.Ports;
using Payments.Domain.Releases;

namespace Payments.Domain.Collections;

/// <summary>The payment collection of a cart: returned when it exists, created on first call (spec §6.1, D4).</summary>
public sealed class CartPaymentCollections(
    ICartCatalog carts,
    ICartCollectionLinks links,
    IPaymentCollectionStore store,
    PaymentCollectionFactory factory,
    CartSynchronizer synchronizer,
    ProviderReleaser releaser,
    CollectionUpdates updates)
{
    public async Task<PaymentCollection> GetOrCreateAsync(string cartId, Caller caller, CancellationToken cancellationToken)
    {
        if (await links.FindCollectionIdAsync(cartId, cancellationToken) is { } linkedId)
        {
            return await LoadSynchronizedAsync(linkedId, caller, cancellationToken);
        }

        var cart = await carts.FindAsync(cartId, caller, cancellationToken)
            ?? throw MedusaException.NotFound($"Cart id not found: {cartId}");
        if (cart.CompletedAt is not null)
        {
            throw MedusaException.InvalidData($"Cart {cartId} is already completed.");
        }

        var collection = factory.ForCart(cartId, cart.CurrencyCode, cart.Total);
        await store.InsertAsync(collection, cancellationToken);

        // The link is claimed with an insert-if-absent: of concurrent creations exactly one links its collection,
        // and the others discard theirs (never visible to anyone) and answer with the winner's.
        var linkedCollectionId = await links.LinkIfAbsentAsync(cartId, collection.Id, cancellationToken);
        if (linkedCollectionId == collection.Id)
        {
            return collection;
        }

        await store.DeleteUnlinkedAsync(collection.Id, cancellationToken);
        return await LoadSynchronizedAsync(linkedCollectionId, caller, cancellationToken);
    }

    private Task<PaymentCollection> LoadSynchronizedAsync(string collectionId, Caller caller, CancellationToken cancellationToken) =>
        updates.ApplyAsync(
            collectionId,
            () => throw new InvalidOperationException($"A cart link points to the missing payment collection {collectionId}."),
            async (collection, attempt) =>
            {
                var synchronization = await synchronizer.SynchronizeAsync(collection, caller, attempt.CancellationToken);
                return synchronization.Changed
                    ? new CollectionChange<PaymentCollection>(
                        synchronization.Collection,
                        synchronization.Collection,
                        releaser.ForSuperseded(collectionId, synchronization.RemovedSessions))
                    : CollectionChange<PaymentCollection>.Unchanged(collection);
            },
            cancellationToken);
}
