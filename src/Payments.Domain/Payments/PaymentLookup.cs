using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Ports;

namespace Payments.Domain.Payments;

/// <summary>Finds payments through the payment index: one by id, with the caller's not-found error, or those of index entries.</summary>
public sealed class PaymentLookup(IPaymentIndex index, IPaymentCollectionStore store)
{
    /// <summary>The id of the collection holding the payment; throws <paramref name="notFound"/> when there is none.</summary>
    public async Task<string> CollectionIdOfAsync(string paymentId, Func<MedusaException> notFound, CancellationToken cancellationToken) =>
        (await index.FindAsync(paymentId, cancellationToken))?.CollectionId ?? throw notFound();

    /// <summary>
    /// The payments these index entries name, by payment id, as their collection documents hold them: each document
    /// read once, all at the same time. An entry whose document does not hold its payment (an index write that outlived
    /// a lost payment write, left by versions that wrote the index first) names nothing and is left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, PaymentInCollection>> StoredAsync(IEnumerable<PaymentIndexEntry> entries, CancellationToken cancellationToken)
    {
        var wanted = entries.ToList();
        var collections = await Task.WhenAll(wanted
            .Select(entry => entry.CollectionId)
            .Distinct(StringComparer.Ordinal)
            .Select(collectionId => store.FindAsync(collectionId, cancellationToken)));
        var byId = collections.OfType<VersionedCollection>()
            .SelectMany(stored => stored.Collection.Payments.Select(payment => new PaymentInCollection(stored.Collection, payment)))
            .ToDictionary(found => found.Payment.Id, StringComparer.Ordinal);
        return wanted.Select(entry => byId.GetValueOrDefault(entry.PaymentId))
            .OfType<PaymentInCollection>()
            .ToDictionary(found => found.Payment.Id, StringComparer.Ordinal);
    }

    public async Task<PaymentInCollection> FindAsync(string paymentId, Func<MedusaException> notFound, CancellationToken cancellationToken)
    {
        var collectionId = await CollectionIdOfAsync(paymentId, notFound, cancellationToken);
        var collection = (await store.FindAsync(collectionId, cancellationToken))?.Collection;
        return collection?.FindPayment(paymentId) is { } payment ? new PaymentInCollection(collection, payment) : throw notFound();
    }
}
