using Payments.Domain.Collections;
using Payments.Domain.Commerce;
using Payments.Domain.Errors;
using Payments.Domain.Identifiers;
using Payments.Domain.Outbox;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Time;

namespace Payments.Domain.Payments;

/// <summary>
/// Authorizes a session at its provider and creates its Payment (spec §6.15), the step Medusa runs inside cart
/// completion. Idempotent: an authorized session with a Payment is returned as it is, with no provider call. A collection
/// is paid at most once: a session of a collection that has a live payment of another session is refused before the
/// provider is asked, and again by the rule that records the answer, which gives back money the provider authorized
/// meanwhile in the same write.
/// </summary>
public sealed class PaymentSessionAuthorizer(
    PaymentProviderRegistry providers,
    CollectionWriter writer,
    IEntityIndex index,
    CommerceModule module,
    EntityIdGenerator ids,
    TimeProvider clock)
{
    /// <summary>Authorizes on this service's own route: the commerce backend's module, when there is one, is told.</summary>
    public async Task<PaymentCollection> AuthorizeAsync(string collectionId, string sessionId, CancellationToken cancellationToken) =>
        (await AuthorizeSessionAsync(collectionId, sessionId, ChangeSource.Service, cancellationToken)).Collection;

    /// <summary>
    /// Authorizes for <paramref name="source"/>, answering the session's Payment too: null when the provider deferred the
    /// authorization (<c>pending_authorization</c>). A provider that did not authorize is the failure thrown, its answer
    /// recorded first.
    /// </summary>
    public async Task<AuthorizationOutcome> AuthorizeSessionAsync(string collectionId, string sessionId, ChangeSource source, CancellationToken cancellationToken)
    {
        var known = await writer.ReadAsync(Target(collectionId), cancellationToken);
        if (known.Collection.SessionToAuthorize(sessionId) is not { } session)
        {
            var authorized = known.Collection.Sessions.Find(candidate => candidate.Id == sessionId)!;
            return new AuthorizationOutcome(known.Collection, known.Collection.FindPayment(authorized.PaymentId!), Failure: null);
        }

        var authorization = NewAuthorization(session, await AskProviderAsync(session, cancellationToken), source);
        var outcome = (await RecordAsync(collectionId, authorization, collection => collection.Authorize(authorization, clock.UtcNowToTheMillisecond()), cancellationToken, known)).Result;
        return outcome.Failure is { } failure ? throw failure : outcome;
    }

    /// <summary>The provider's answer to authorizing <paramref name="session"/>; its refusal is Medusa's 422.</summary>
    public async Task<ProviderAuthorizeResult> AskProviderAsync(PaymentSession session, CancellationToken cancellationToken)
    {
        try
        {
            return await providers.Get(session.ProviderId).AuthorizeAsync(new ProviderOperation(session.Data, session.Id), cancellationToken);
        }
        catch (ProviderRefusedException refused)
        {
            throw MedusaException.RefusedByProvider(MedusaErrorType.PaymentAuthorizationError, refused);
        }
    }

    /// <summary>The provider's answer with the ids of the Payment and capture it may create.</summary>
    public Authorization NewAuthorization(PaymentSession session, ProviderAuthorizeResult result, ChangeSource source, string? capturedBy = null) =>
        new(session, result, ids.NewId(EntityIdPrefix.Payment), ids.NewId(EntityIdPrefix.Capture), capturedBy) { Announce = module.Announces(source) };

    /// <summary>
    /// Records the provider's answer with <paramref name="rule"/>. Money the provider holds is never left unrecorded: the
    /// write settles (through outages, whatever the client does), and if it still cannot land (conflicts beyond the budget,
    /// the collection gone), the money is given back through the outbox before the failure is answered.
    /// </summary>
    public async Task<CollectionChange<AuthorizationOutcome>> RecordAsync(
        string collectionId,
        Authorization authorization,
        Func<PaymentCollection, Decision<AuthorizationOutcome>> rule,
        CancellationToken cancellationToken,
        VersionedCollection? known = null)
    {
        var result = authorization.Result;
        var holdsMoney = result.Status is PaymentSessionStatus.Authorized or PaymentSessionStatus.Captured;
        if (module.IsEnabled && (result.Status == PaymentSessionStatus.Captured || authorization.CapturedBy is not null))
        {
            // The module may name the authorization's capture by id alone. The provider holds money already: a client that
            // gives up now must not stop its recording.
            await index.AddAsync(authorization.CaptureId, collectionId, CancellationToken.None);
        }

        try
        {
            return await writer.DecideAsync(Target(collectionId) with { AcceptsTombstone = true, Settles = holdsMoney }, rule, cancellationToken, known);
        }
        catch (MedusaException failure) when (holdsMoney && !failure.IsStorageUnavailable)
        {
            var session = authorization.Session;
            var release = PaymentCollection.ReleaseOf(session, ProviderReleaseReason.LostRace, clock.UtcNowToTheMillisecond()) with
            {
                Data = result.Data,
                Refund = result.Status == PaymentSessionStatus.Captured ? new ProviderRefund(session.Amount, session.CurrencyCode) : null,
            };
            await writer.RecordAsync(collectionId, [release]);
            throw;
        }
    }

    private static CollectionTarget Target(string collectionId) =>
        new(collectionId, () => MedusaException.NotFound($"PaymentCollection with id: {collectionId} was not found"));
}
