using Payments.Domain.Collections;
using Payments.Domain.Commerce;
using Payments.Domain.Errors;
using Payments.Domain.Identifiers;
using Payments.Domain.Outbox;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Time;

namespace Payments.Domain.Sessions;

/// <summary>
/// Initialises the one payment session of a collection (spec §6.2): reuse an unchanged pending session, or create one at
/// the provider and open it in place of every earlier session (<see cref="PaymentCollection.OpenSession"/>). Concurrent
/// requests decide in turn, so the collection always ends with exactly one session (D2), and every provider payment it
/// no longer lists is released (D5): the replaced ones through the write's outbox, and a request's own when the
/// collection did not take it.
/// </summary>
public sealed class PaymentSessionInitializer(
    IRegionCatalog regions,
    PaymentProviderRegistry providers,
    OpenCarts openCarts,
    SessionContexts contexts,
    CollectionWriter writer,
    IEntityIndex index,
    CommerceModule module,
    EntityIdGenerator ids,
    TimeProvider clock)
{
    /// <summary>How often one request creates a provider session before it gives up on a collection whose amount keeps changing.</summary>
    public const int MaxPreparations = 3;

    public async Task<PaymentCollection> InitializeAsync(SessionInitialization request, CancellationToken cancellationToken)
    {
        var target = Target(request.CollectionId);
        var known = await writer.ReadAsync(target, cancellationToken);
        for (var preparation = 1; preparation <= MaxPreparations; preparation++)
        {
            var cart = await openCarts.OfAsync(known.Collection, request.Caller, cancellationToken);
            if (cart is { CompletedAt: not null })
            {
                throw OpenCarts.Completed(cart.Id);
            }

            var collection = known.Collection.SynchronizedWith(cart, clock.UtcNowToTheMillisecond()).Collection;
            var provider = await ProviderAsync(request, request.RegionChecked ? null : cart?.RegionId ?? collection.RegionId, cancellationToken);
            if (ReferenceEquals(collection, known.Collection) && SessionReusePolicy.CanReuse(collection, request))
            {
                return collection;
            }

            collection.EnsureTakesNewSession(guardsPaidCollection: module.IsEnabled);
            var draft = await DraftAsync(collection, provider, request, cancellationToken);
            CollectionChange<SessionOpened> change;
            try
            {
                var opening = new SessionOpening(request, draft, cart, ReconcileLater: provider.HasLedger) { GuardsPaidCollection = module.IsEnabled };
                var now = clock.UtcNowToTheMillisecond();
                change = await writer.DecideAsync(target, current => current.OpenSession(opening, now), cancellationToken, known);
            }
            catch (MedusaException failure) when (!failure.IsStorageUnavailable)
            {
                // Certainly not written (after a storage failure the write may have landed, and cancelling a session the
                // collection lists would break the shopper's checkout).
                await GiveBackAsync(request.CollectionId, draft);
                throw;
            }

            if (!change.PrepareAgain && change.Result.KeepsDraft)
            {
                return change.Result.Collection;
            }

            await GiveBackAsync(request.CollectionId, draft);
            if (!change.PrepareAgain)
            {
                return change.Result.Collection;
            }

            known = change.Current;
        }

        throw MedusaException.Conflict();
    }

    /// <summary>
    /// A new session at the provider for <paramref name="collection"/>'s amount, not yet in the collection: the provider
    /// is asked outside the collection's turn.
    /// </summary>
    public async Task<PaymentSession> DraftAsync(
        PaymentCollection collection,
        IPaymentProvider provider,
        SessionInitialization request,
        CancellationToken cancellationToken)
    {
        var context = request.Context ?? await contexts.ForAsync(request.Caller, provider, cancellationToken);
        var sessionId = ids.NewId(EntityIdPrefix.PaymentSession);
        if (module.IsEnabled)
        {
            // The module names sessions by id alone (authorize, delete, query).
            await index.AddAsync(sessionId, collection.Id, cancellationToken);
        }

        var initiated = await provider.InitiateAsync(
            new ProviderInitiateRequest(
                collection.Id,
                collection.Amount,
                collection.CurrencyCode,
                ProviderData.WithSessionId(request.Data, sessionId),
                IdempotencyKey: sessionId,
                AccountHolderExternalId: context?.AccountHolder.ExternalId),
            cancellationToken);
        var now = clock.UtcNowToTheMillisecond();
        return new PaymentSession
        {
            Id = sessionId,
            CurrencyCode = collection.CurrencyCode,
            Amount = collection.Amount,
            ProviderId = provider.Id,
            ProviderReference = initiated.Reference,
            Data = ProviderData.Overlay(request.Data, initiated.Data),
            Context = context,
            Status = initiated.Status ?? PaymentSessionStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Records and tries at once the release of a provider payment this request created and the collection did not take.</summary>
    public async Task GiveBackAsync(string collectionId, PaymentSession draft)
    {
        if (PaymentCollection.Releases([draft], ProviderReleaseReason.LostRace, clock.UtcNowToTheMillisecond()) is { IsEmpty: false } releases)
        {
            await writer.RecordAsync(collectionId, releases);
        }
    }

    public static CollectionTarget Target(string collectionId) =>
        new(collectionId, () => MedusaException.NotFound($"PaymentCollection with id: {collectionId} was not found"));

    /// <summary>
    /// The provider the request names. With the cart's region known (from the open cart, or in module mode recorded on the
    /// collection) it must be enabled there (a provider the region names but this service has not registered is not
    /// enabled either, and Medusa answers an unknown provider with this same 400); without one there is no region to
    /// name, and an unknown id is simply not found.
    /// </summary>
    private async Task<IPaymentProvider> ProviderAsync(SessionInitialization request, string? regionId, CancellationToken cancellationToken)
    {
        if (regionId is not null)
        {
            var region = await regions.FindAsync(regionId, request.Caller, cancellationToken);
            if (region is null || !region.PaymentProviders.Contains(request.ProviderId, StringComparer.Ordinal) || !providers.IsRegistered(request.ProviderId))
            {
                throw MedusaException.InvalidData(
                    $"Payment provider {request.ProviderId} is not enabled in the cart's region {regionId}.");
            }
        }

        return providers.Find(request.ProviderId)
            ?? throw MedusaException.NotFound($"PaymentProvider with id: {request.ProviderId} was not found");
    }
}
