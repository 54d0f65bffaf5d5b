using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Identifiers;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Releases;
using Payments.Domain.Time;

namespace Payments.Domain.Sessions;

/// <summary>
/// Initialises the one payment session of a collection (spec §6.2): reuse an unchanged pending session, or
/// create one at the provider and write it in place of every earlier session with one conditional write.
/// Concurrent requests re-read and re-decide, so the collection always ends with exactly one session (D2) and
/// every provider payment that is no longer listed is released (D5).
/// </summary>
public sealed class PaymentSessionInitializer(
    IRegionCatalog regions,
    PaymentProviderRegistry providers,
    CartSynchronizer synchronizer,
    SessionContexts contexts,
    ProviderReleaser releaser,
    CollectionUpdates updates,
    EntityIdGenerator ids,
    TimeProvider clock)
{
    public async Task<PaymentCollection> InitializeAsync(SessionInitialization request, CancellationToken cancellationToken)
    {
        var created = new CreatedSession();
        try
        {
            return await updates.ApplyAsync(
                request.CollectionId,
                () => MedusaException.NotFound($"PaymentCollection with id: {request.CollectionId} was not found"),
                (stored, attempt) => DecideAsync(stored, request, created, attempt),
                cancellationToken);
        }
        catch (MedusaException failure) when (!failure.IsStorageUnavailable && created.Session is not null)
        {
            await ReleaseCreatedAsync(request.CollectionId, created);
            throw;
        }
    }

    /// <summary>
    /// One attempt's decision: the collection with the request's session in place of every earlier one (or unchanged,
    /// when the existing session is reused), and the releases of the sessions it drops. A session this request created
    /// at the provider is kept in <paramref name="created"/> across attempts; a caller whose final outcome certainly
    /// wrote nothing hands it to <see cref="ReleaseCreatedAsync"/>. (After a storage failure the write may have landed,
    /// and cancelling a listed session would break the shopper's checkout.) The provider calls run outside the
    /// collection's gate.
    /// </summary>
    public async Task<CollectionChange<PaymentCollection>> DecideAsync(
        PaymentCollection stored,
        SessionInitialization request,
        CreatedSession created,
        CollectionAttempt attempt)
    {
        if (created.Session is { } ours && stored.Sessions.Exists(session => session.Id == ours.Id))
        {
            // An earlier attempt's write landed although its answer was lost: the collection owns the session now.
            created.Session = null;
        }

        var synchronization = await synchronizer.SynchronizeAsync(stored, request.Caller, attempt.CancellationToken);
        var collection = synchronization.Collection;
        if (synchronization.OpenCart is { } cart)
        {
            await EnsureEnabledInRegionAsync(request, cart, attempt.CancellationToken);
        }

        // Without a cart there is no region to name: the provider id is then simply unknown, as any id in a body is.
        var provider = providers.Find(request.ProviderId)
            ?? throw MedusaException.NotFound($"PaymentProvider with id: {request.ProviderId} was not found");

        if (SessionReusePolicy.CanReuse(collection, request))
        {
            // Typically an identical concurrent request won: its session is ours too, and ours is not needed.
            await attempt.OutsideGateAsync(_ => ReleaseCreatedAsync(request.CollectionId, created));
            return CollectionChange<PaymentCollection>.Unchanged(collection);
        }

        var session = await SessionForAsync(collection, provider, request, created, attempt);
        var updated = collection with { Sessions = [session] };
        var releases = releaser.ForSuperseded(collection.Id, synchronization.RemovedSessions.Concat(collection.Sessions));
        return new CollectionChange<PaymentCollection>(updated, updated, releases);
    }

    private async Task EnsureEnabledInRegionAsync(SessionInitialization request, Cart cart, CancellationToken cancellationToken)
    {
        // A provider the region names but this service has not registered is not enabled either: the region's
        // provider list leaves it out, and Medusa answers an unknown provider with this same 400.
        var region = await regions.FindAsync(cart.RegionId, request.Caller, cancellationToken);
        if (region is null || !region.PaymentProviders.Contains(request.ProviderId, StringComparer.Ordinal) || !providers.IsRegistered(request.ProviderId))
        {
            throw MedusaException.InvalidData(
                $"Payment provider {request.ProviderId} is not enabled in the cart's region {cart.RegionId}.");
        }
    }

    /// <summary>
    /// The session this request created at the provider, created on the first attempt that needs one (outside the
    /// collection's gate); a retry keeps it unless the collection's amount or currency changed meanwhile.
    /// </summary>
    private Task<PaymentSession> SessionForAsync(
        PaymentCollection collection,
        IPaymentProvider provider,
        SessionInitialization request,
        CreatedSession created,
        CollectionAttempt attempt) =>
        created.Session is { } existing && existing.Amount == collection.Amount && existing.CurrencyCode == collection.CurrencyCode
            ? Task.FromResult(existing)
            : attempt.OutsideGateAsync(cancellation => NewSessionAsync(collection, provider, request, created, cancellation));

    /// <summary>A new session at the provider, after giving back the one an earlier attempt created for another amount.</summary>
    private async Task<PaymentSession> NewSessionAsync(
        PaymentCollection collection,
        IPaymentProvider provider,
        SessionInitialization request,
        CreatedSession created,
        CancellationToken cancellationToken)
    {
        await ReleaseCreatedAsync(collection.Id, created);
        var context = await contexts.ForAsync(request.Caller, provider, cancellationToken);
        var sessionId = ids.NewId(EntityIdPrefix.PaymentSession);
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
        created.Session = new PaymentSession
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
        return created.Session;
    }

    /// <summary>Records and tries the release of the provider payment this request created and did not hand to the collection.</summary>
    public async Task ReleaseCreatedAsync(string collectionId, CreatedSession created)
    {
        if (created.Session is { } orphan)
        {
            created.Session = null;
            await releaser.ReleaseLostRaceAsync(collectionId, orphan, CancellationToken.None);
        }
    }
}

/// <summary>The provider payment a request created and has not yet handed to the collection, kept across its attempts.</summary>
public sealed class CreatedSession
{
    public PaymentSession? Session { get; internal set; }
}
