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

    public async Task<PaymentInCollection> FindAsync(string paymentId, Func<MedusaException> notFound, CancellationToken cancellationToken)
    {
        var collectionId = await CollectionIdOfAsync(paymentId, notFound, cancellationToken);
        var collection = (await store.FindAsync(collectionId, cancellationToken))?.Collection;
        return collection?.FindPayment(paymentId) is { } payment ? new PaymentInCollection(collection, payment) : throw notFound();
    }
}
