using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Ports;

namespace Payments.Domain.Payments;

/// <summary>Finds a payment by id through the payment index, with the caller's not-found error.</summary>
public sealed class PaymentLookup(IPaymentIndex index, IPaymentCollectionStore store)
{
    /// <summary>The id of the collection holding the payment; throws <paramref name="notFound"/> when there is none.</summary>
    public async Task<string> CollectionIdOfAsync(string paymentId, Func<MedusaException> notFound, CancellationToken cancellationToken) =>
        (await index.FindAsync(paymentId, cancellationToken))?.CollectionId ?? throw notFound();

    /// <summary>Every payment with its collection: the index names them, their collection documents hold them.</summary>
    public async Task<IReadOnlyList<PaymentInCollection>> ListAsync(CancellationToken cancellationToken)
    {
        var entries = await index.ListAsync(cancellationToken);
        var collections = await Task.WhenAll(entries
            .Select(entry => entry.CollectionId)
            .Distinct(StringComparer.Ordinal)
            .Select(collectionId => store.FindAsync(collectionId, cancellationToken)));
        var byId = collections.OfType<VersionedCollection>()
            .SelectMany(stored => stored.Collection.Payments.Select(payment => new PaymentInCollection(stored.Collection, payment)))
            .ToDictionary(found => found.Payment.Id, StringComparer.Ordinal);

        // An index entry whose payment write lost a race names nothing.
        return [.. entries.Select(entry => byId.GetValueOrDefault(entry.PaymentId)).OfType<PaymentInCollection>()];
    }

    public async Task<PaymentInCollection> FindAsync(string paymentId, Func<MedusaException> notFound, CancellationToken cancellationToken)
    {
        var collectionId = await CollectionIdOfAsync(paymentId, notFound, cancellationToken);
        var collection = (await store.FindAsync(collectionId, cancellationToken))?.Collection;
        return collection?.FindPayment(paymentId) is { } payment ? new PaymentInCollection(collection, payment) : throw notFound();
    }
}
