using System.Text.Json;
using Payments.Domain.Commerce;
using Payments.Domain.Errors;
using Payments.Domain.Outbox;
using Payments.Domain.Ports;
using Payments.Domain.Time;

namespace Payments.Domain.Collections;

/// <summary>
/// The payment collection of a cart: returned when it exists, created on first call (spec §6.1, D4). In module mode the
/// commerce backend's link decides which collection a cart has, whichever side created it (docs/module-api.md §6.2).
/// </summary>
public sealed class CartPaymentCollections(
    ICartCatalog carts,
    ICartCollectionLinks links,
    IPaymentCollectionStore store,
    IOutboxStore outbox,
    ICommerceEventSink events,
    PaymentCollectionFactory factory,
    OpenCarts openCarts,
    CollectionWriter writer,
    CommerceModule module,
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
        if (module.IsEnabled && cart.PaymentCollectionId is { } backendCollectionId)
        {
            return await AdoptAsync(cart, backendCollectionId, cancellationToken);
        }

        if (cart.CompletedAt is not null)
        {
            throw OpenCarts.Completed(cartId);
        }

        var collection = factory.ForCart(cart, keepExact: module.IsEnabled);
        await store.InsertAsync(collection, cancellationToken);
        if (module.IsEnabled)
        {
            return await LinkInBackendAsync(cart, collection, cancellationToken);
        }

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
    /// Tells the backend of the new collection (<see cref="CommerceEvent.CollectionCreatedType"/>) and waits for its
    /// answer: the cart's collection there, this one when the cart had none. The event is recorded before it is sent, so
    /// if the backend does not answer (a 502 here) it is delivered later, and the backend links it only if the cart still
    /// has no collection by then. A collection the backend did not take is discarded, never seen by anyone.
    /// </summary>
    private async Task<PaymentCollection> LinkInBackendAsync(Cart cart, PaymentCollection collection, CancellationToken cancellationToken)
    {
        var created = CommerceEvent.CollectionCreated(collection.Id, cart.Id, clock.UtcNowToTheMillisecond());
        await store.AppendOutboxAsync(collection.Id, [created], cancellationToken);
        var answer = await events.DeliverAsync(created, cancellationToken);
        await outbox.CompleteAsync(collection.Id, created.Id, CancellationToken.None);
        if (!answer.IsAccepted)
        {
            throw MedusaException.InvalidData(answer.RefusalMessage(created));
        }

        var cartCollectionId = CollectionIdOf(answer.Body)
            ?? throw MedusaException.CommerceBackendUnavailable(new InvalidOperationException($"The commerce backend answered event {created.EventId} without a payment_collection_id."));
        if (cartCollectionId == collection.Id)
        {
            await links.LinkIfAbsentAsync(cart.Id, collection.Id, cancellationToken);
            return answer.CartTotal is { } exact && exact != collection.ShownAmount
                ? await ExactAsync(collection, exact, cancellationToken)
                : collection;
        }

        await store.DeleteUnlinkedAsync(collection.Id, cancellationToken);
        return await AdoptAsync(cart, cartCollectionId, cancellationToken);
    }

    /// <summary>
    /// The collection with the cart's exact total, which the store API showed only as a JavaScript number (a tax-inclusive
    /// total loses digits there): Medusa compares the collection's amount with the exact one at every cart change.
    /// </summary>
    private async Task<PaymentCollection> ExactAsync(PaymentCollection collection, decimal exact, CancellationToken cancellationToken)
    {
        var target = new CollectionTarget(collection.Id, () => MedusaException.NotFound($"PaymentCollection with id: {collection.Id} was not found"));
        var update = new CollectionUpdate(exact, CurrencyCode: null, Status: null, MetadataGiven: false, Metadata: null);
        var now = clock.UtcNowToTheMillisecond();
        return (await writer.DecideAsync(target, current => current.Update(update, now), cancellationToken)).Result;
    }

    /// <summary>The collection the backend links to the cart, which lives here: it learns its cart and region.</summary>
    private async Task<PaymentCollection> AdoptAsync(Cart cart, string collectionId, CancellationToken cancellationToken)
    {
        var target = new CollectionTarget(collectionId, () => MedusaException.NotFound($"PaymentCollection with id: {collectionId} was not found"));
        var now = clock.UtcNowToTheMillisecond();
        var adopted = await writer.DecideAsync(target, collection => collection.RecordCart(cart.Id, cart.RegionId, now), cancellationToken);
        await links.LinkIfAbsentAsync(cart.Id, collectionId, cancellationToken);
        return adopted.Result;
    }

    private static string? CollectionIdOf(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("payment_collection_id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

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

        var cart = await openCarts.OfAsync(known.Collection, caller, cancellationToken) is { CompletedAt: null } open ? open : null;
        var now = clock.UtcNowToTheMillisecond();
        var change = await writer.DecideAsync(target, collection => collection.Synchronize(cart, now), cancellationToken, known);
        return change.Result;
    }
}
