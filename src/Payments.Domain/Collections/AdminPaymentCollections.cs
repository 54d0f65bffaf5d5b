using Payments.Domain.Errors;
using Payments.Domain.Payments;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Sessions;

namespace Payments.Domain.Collections;

/// <summary>The admin operations on whole collections (spec §6.9–§6.11).</summary>
public sealed class AdminPaymentCollections(
    IOrderCatalog orders,
    IPaymentCollectionStore store,
    ICartCollectionLinks cartLinks,
    PaymentCollectionFactory factory,
    CollectionUpdates updates,
    PaymentSessionInitializer sessions,
    PaymentSessionAuthorizer authorizer,
    PaymentCapturer capturer)
{
    /// <summary>A collection for an order, e.g. to collect an outstanding balance; an order may have several.</summary>
    public async Task<PaymentCollection> CreateForOrderAsync(string orderId, decimal amount, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(orderId, cancellationToken)
            ?? throw MedusaException.NotFound($"Order id not found: {orderId}");
        var collection = factory.ForOrder(order.Id, order.CurrencyCode, amount);
        await store.InsertAsync(collection, cancellationToken);
        return collection;
    }

    /// <summary>
    /// Unlinks a <c>not_paid</c> collection from its cart or order, as Medusa does; the document and its
    /// sessions stay. A new collection can then be created for the cart.
    /// </summary>
    public async Task DeleteAsync(string collectionId, CancellationToken cancellationToken)
    {
        var collection = await FindNotPaidAsync(collectionId, "Can only delete payment collections where status is not_paid", cancellationToken);
        if (collection.CartId is { } cartId)
        {
            await cartLinks.UnlinkAsync(cartId, collectionId, cancellationToken);
        }

        await updates.ApplyAsync(
            collectionId,
            () => NotFound(collectionId),
            current => CollectionChange<bool>.Write(current with { CartId = null, OrderId = null }, true),
            cancellationToken);
    }

    /// <summary>Records a payment received outside any provider: a fresh session, authorized and captured in full.</summary>
    public async Task<PaymentCollection> MarkAsPaidAsync(string collectionId, string? providerId, string actorId, CancellationToken cancellationToken)
    {
        await FindNotPaidAsync(collectionId, "Can only mark 'not_paid' payment collection as paid", cancellationToken);
        var withSession = await sessions.InitializeAsync(
            new SessionInitialization(collectionId, providerId ?? SystemPaymentProvider.ProviderId, Data: null, AllowReuse: false),
            cancellationToken);
        var sessionId = withSession.Sessions.Single().Id;

        var authorized = await authorizer.AuthorizeAsync(collectionId, sessionId, cancellationToken);
        var payment = authorized.Payments.Single(candidate => candidate.PaymentSessionId == sessionId);
        var captured = await capturer.CaptureAsync(payment.Id, authorized.Amount, actorId, cancellationToken);
        return captured.Collection;
    }

    private async Task<PaymentCollection> FindNotPaidAsync(string collectionId, string notPaidMessage, CancellationToken cancellationToken)
    {
        var collection = (await store.FindAsync(collectionId, cancellationToken))?.Collection ?? throw NotFound(collectionId);
        return collection.Status == PaymentCollectionStatus.NotPaid ? collection : throw MedusaException.InvalidData(notPaidMessage);
    }

    private static MedusaException NotFound(string collectionId) =>
        MedusaException.NotFound($"PaymentCollection id not found: {collectionId}");
}
