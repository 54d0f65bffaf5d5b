using Payments.Domain.Commerce;
using Payments.Domain.Errors;
using Payments.Domain.Money;
using Payments.Domain.Payments;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Sessions;
using Payments.Domain.Time;

namespace Payments.Domain.Collections;

/// <summary>The admin operations on whole collections (spec §6.9–§6.11).</summary>
public sealed class AdminPaymentCollections(
    IOrderCatalog orders,
    IPaymentCollectionStore store,
    PaymentCollectionFactory factory,
    CollectionWriter writer,
    PaymentProviderRegistry providers,
    PaymentSessionInitializer sessions,
    PaymentSessionAuthorizer authorizer,
    MoneyMoves moves,
    TimeProvider clock)
{
    /// <summary>A collection for an order, e.g. to collect an outstanding balance; an order may have several.</summary>
    public async Task<PaymentCollection> CreateForOrderAsync(string orderId, decimal amount, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(orderId, cancellationToken)
            ?? throw MedusaException.NotFound($"Order id not found: {orderId}");
        var collection = factory.ForOrder(order.Id, order.CurrencyCode, Currency.RequireWholeMinorUnits(amount, order.CurrencyCode));
        await store.InsertAsync(collection, cancellationToken);
        return collection;
    }

    /// <summary>
    /// Deletes a <c>not_paid</c> collection (<see cref="PaymentCollection.Delete"/>): a tombstone stays, its sessions'
    /// provider payments are released and its cart link removed, through the write's outbox.
    /// </summary>
    public async Task DeleteAsync(string collectionId, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowToTheMillisecond();
        await writer.DecideAsync(Target(collectionId), collection => collection.Delete(now), cancellationToken);
    }

    /// <summary>
    /// Records a payment received outside any provider (<see cref="PaymentCollection.MarkAsPaid"/>): a fresh session at the
    /// provider, authorized there, then one write that requires the collection to be <c>not_paid</c> (so of concurrent
    /// requests exactly one pays, and the others get the §6.11 error having changed nothing), then the provider's capture
    /// of the whole amount like any capture.
    /// </summary>
    public async Task<PaymentCollection> MarkAsPaidAsync(string collectionId, string? providerId, string actorId, CancellationToken cancellationToken)
    {
        var target = Target(collectionId);
        var known = await writer.ReadAsync(target, cancellationToken);
        var request = new SessionInitialization(collectionId, providerId ?? SystemPaymentProvider.ProviderId, Data: null, AllowReuse: false);
        var provider = providers.Find(request.ProviderId)
            ?? throw MedusaException.NotFound($"PaymentProvider with id: {request.ProviderId} was not found");
        for (var preparation = 1; preparation <= PaymentSessionInitializer.MaxPreparations; preparation++)
        {
            known.Collection.EnsureNotPaidForMarkAsPaid();
            var draft = await sessions.DraftAsync(known.Collection, provider, request, cancellationToken);
            var authorization = authorizer.NewAuthorization(draft, await authorizer.AskProviderAsync(draft, cancellationToken), ChangeSource.Service, capturedBy: actorId);
            CollectionChange<AuthorizationOutcome> change;
            try
            {
                var now = clock.UtcNowToTheMillisecond();
                change = await authorizer.RecordAsync(collectionId, authorization, collection => collection.MarkAsPaid(authorization, now), cancellationToken, known);
            }
            catch (MedusaException failure) when (!failure.IsStorageUnavailable && authorization.Result.Status is not (PaymentSessionStatus.Authorized or PaymentSessionStatus.Captured))
            {
                await sessions.GiveBackAsync(collectionId, draft);
                throw;
            }

            if (change.PrepareAgain)
            {
                await sessions.GiveBackAsync(collectionId, draft);
                known = change.Current;
                continue;
            }

            var outcome = change.Result;
            if (outcome.Failure is { } refused)
            {
                throw refused;
            }

            if (outcome.Payment!.PendingMoves is not [var capture])
            {
                // The provider captured on authorization; there is nothing more to ask it.
                return outcome.Collection;
            }

            var settlement = await moves.SendAsync(target, outcome.Payment, capture, ChangeSource.Service, change.Current);
            return settlement.Failure is { } notCaptured ? throw notCaptured : settlement.Current.Collection;
        }

        throw MedusaException.Conflict();
    }

    private static CollectionTarget Target(string collectionId) =>
        new(collectionId, () => MedusaException.NotFound($"PaymentCollection id not found: {collectionId}"));
}
