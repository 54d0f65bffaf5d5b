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
    PaymentProviderCalls providerCalls)
{
    private const string NotPaidForMarkAsPaid = "Can only mark 'not_paid' payment collection as paid";

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
        // Checked in the write, so that a payment authorized meanwhile keeps its collection linked. The cart is
        // remembered from the first attempt: a retry after a write that landed unseen finds it cleared.
        string? cartId = null;
        await updates.ApplyAsync(
            collectionId,
            () => NotFound(collectionId),
            current =>
            {
                EnsureNotPaid(current, "Can only delete payment collections where status is not_paid");
                cartId ??= current.CartId;
                return current is { CartId: null, OrderId: null }
                    ? CollectionChange<bool>.Unchanged(false)
                    : CollectionChange<bool>.Write(current with { CartId = null, OrderId = null }, true);
            },
            cancellationToken);
        if (cartId is not null)
        {
            await cartLinks.UnlinkAsync(cartId, collectionId, cancellationToken);
        }
    }

    /// <summary>
    /// Records a payment received outside any provider: a fresh session, authorized and captured in full, in one
    /// conditional write that requires the collection to be <c>not_paid</c> (so of concurrent requests exactly one
    /// pays, and the others get the §6.11 error having changed nothing); then the provider's capture, as for any
    /// capture (idempotency key = capture id; a refusal takes the capture back).
    /// </summary>
    public async Task<PaymentCollection> MarkAsPaidAsync(string collectionId, string? providerId, string actorId, CancellationToken cancellationToken)
    {
        var request = new SessionInitialization(collectionId, providerId ?? SystemPaymentProvider.ProviderId, Data: null, AllowReuse: false);
        var created = new CreatedSession();
        AuthorizationAttempt? attempt = null;
        AuthorizationOutcome outcome;
        try
        {
            outcome = await updates.ApplyAsync(
                collectionId,
                () => NotFound(collectionId),
                async (collection, collectionAttempt) =>
                {
                    if (attempt?.Payment is { } ours && collection.FindPayment(ours.Id) is { } landed)
                    {
                        // An earlier attempt's write landed although its answer was lost.
                        return CollectionChange<AuthorizationOutcome>.Unchanged(new AuthorizationOutcome(collection, landed, Failure: null));
                    }

                    EnsureNotPaid(collection, NotPaidForMarkAsPaid);
                    var initialized = await sessions.DecideAsync(collection, request, created, collectionAttempt);
                    var withSession = initialized.Updated ?? collection;
                    var sessionId = withSession.Sessions.Single().Id;
                    if (attempt?.SessionId != sessionId)
                    {
                        // A new provider session (the first attempt's, or one replacing it when the amount changed meanwhile).
                        attempt = new AuthorizationAttempt(sessionId);
                    }

                    var authorization = await authorizer.DecideAsync(withSession, attempt, capturedBy: actorId, collectionAttempt);
                    return new CollectionChange<AuthorizationOutcome>(
                        authorization.Updated ?? withSession,
                        authorization.Result,
                        [.. initialized.Releases, .. authorization.Releases]);
                },
                cancellationToken);
        }
        catch (MedusaException failure) when (!failure.IsStorageUnavailable)
        {
            // Nothing of this request was written (typically another request paid first): release the provider
            // payment it created, with the authorization it holds.
            await sessions.ReleaseCreatedAsync(collectionId, created);
            throw;
        }

        if (outcome.Failure is { } refused)
        {
            throw refused;
        }

        var payment = outcome.Payment!;
        if (payment.Captures is not [{ CreatedBy: not null } capture])
        {
            // The provider captured on authorization; there is nothing more to ask it.
            return outcome.Collection;
        }

        var captured = await providerCalls.CaptureReservedAsync(new PaymentInCollection(outcome.Collection, payment), capture, () => NotFound(collectionId));
        return captured.Collection;
    }

    /// <summary>
    /// Medusa's <c>not_paid</c> check, and a live payment counts as paid too: a collection whose authorized session was
    /// replaced by a new one reads <c>awaiting</c> or even <c>not_paid</c> while its Payment still holds the money.
    /// </summary>
    private static void EnsureNotPaid(PaymentCollection collection, string notPaidMessage)
    {
        if (collection.Status != PaymentCollectionStatus.NotPaid || collection.Payments.Exists(payment => payment.CanceledAt is null))
        {
            throw MedusaException.InvalidData(notPaidMessage);
        }
    }

    private static MedusaException NotFound(string collectionId) =>
        MedusaException.NotFound($"PaymentCollection id not found: {collectionId}");
}
