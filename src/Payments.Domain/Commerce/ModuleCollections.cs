using System.Text.Json;
using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Ports;
using Payments.Domain.Time;

namespace Payments.Domain.Commerce;

/// <summary>A collection the module asks for: Medusa gives only its currency and exact amount (and metadata).</summary>
public sealed record ModuleCollectionRequest(string CurrencyCode, decimal Amount, JsonElement? Metadata);

/// <summary>The collection operations of the commerce backend's module (docs/module-api.md §4.2, §4.6).</summary>
public sealed class ModuleCollections(
    IPaymentCollectionStore store,
    ICartCollectionLinks links,
    PaymentCollectionFactory factory,
    CollectionWriter writer,
    TimeProvider clock)
{
    /// <summary>New <c>not_paid</c> collections, in the order asked; Medusa links them to their cart or order afterwards.</summary>
    public async Task<IReadOnlyList<PaymentCollection>> CreateAsync(IReadOnlyList<ModuleCollectionRequest> requests, CancellationToken cancellationToken)
    {
        var created = new List<PaymentCollection>(requests.Count);
        foreach (var request in requests)
        {
            var collection = factory.ForModule(request.CurrencyCode, request.Amount, request.Metadata);
            await store.InsertAsync(collection, cancellationToken);
            created.Add(collection);
        }

        return created;
    }

    public async Task<PaymentCollection> UpdateAsync(string collectionId, CollectionUpdate update, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowToTheMillisecond();
        return (await writer.DecideAsync(Target(collectionId), collection => collection.Update(update, now), cancellationToken)).Result;
    }

    /// <summary>Deletes a collection without a payment; an unknown or deleted one is deleted already, as Medusa answers it.</summary>
    public async Task DeleteAsync(string collectionId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowToTheMillisecond();
        try
        {
            await writer.DecideAsync(Target(collectionId) with { AcceptsTombstone = true }, collection => collection.DeleteWithoutPayment(now), cancellationToken);
        }
        catch (MedusaException unknown) when (unknown.Type == MedusaErrorType.NotFound)
        {
            // Nothing to delete.
        }
    }

    /// <summary>
    /// Records the plugin's notice that the collection's cart became an order (§4.6), and links the cart here too, so
    /// that the fast path finds the collection without reading the cart.
    /// </summary>
    public async Task<PaymentCollection> RecordCartCompletionAsync(string collectionId, string cartId, string orderId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowToTheMillisecond();
        var completed = (await writer.DecideAsync(Target(collectionId), collection => collection.RecordCartCompletion(cartId, orderId, now), cancellationToken)).Result;
        await links.LinkIfAbsentAsync(cartId, collectionId, cancellationToken);
        return completed;
    }

    private static CollectionTarget Target(string collectionId) =>
        new(collectionId, () => MedusaException.NotFound($"PaymentCollection with id: {collectionId} was not found"));
}
