using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Identifiers;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Time;

namespace Payments.Domain.Payments;

/// <summary>
/// Authorizes a session at its provider and creates its Payment (spec §6.15), the step Medusa runs inside cart
/// completion. Idempotent: an authorized session with a Payment is returned as it is, with no provider call.
/// </summary>
public sealed class PaymentSessionAuthorizer(
    PaymentProviderRegistry providers,
    CollectionUpdates updates,
    IPaymentIndex paymentIndex,
    EntityIdGenerator ids,
    TimeProvider clock)
{
    public async Task<PaymentCollection> AuthorizeAsync(string collectionId, string sessionId, CancellationToken cancellationToken)
    {
        var attempt = new AuthorizationAttempt();
        AuthorizationOutcome outcome;
        try
        {
            outcome = await updates.ApplyAsync(
                collectionId,
                () => MedusaException.NotFound($"PaymentCollection with id: {collectionId} was not found"),
                (collection, attemptCancellation) => DecideAsync(collection, sessionId, attempt, attemptCancellation),
                cancellationToken);
        }
        catch (MedusaException error) when (error.Type == MedusaErrorType.Conflict && attempt.Payment is { } unrecorded)
        {
            // The provider authorized money we could not record: give it back rather than leave it held.
            await providers.Find(unrecorded.ProviderId)!.CancelAsync(
                new ProviderOperation(unrecorded.Data, $"{unrecorded.Id}-cancel"),
                CancellationToken.None);
            throw new InvalidOperationException($"The authorization of session {sessionId} could not be recorded.", error);
        }

        return outcome.Failure is { } failure ? throw failure : outcome.Collection;
    }

    private async Task<CollectionChange<AuthorizationOutcome>> DecideAsync(
        PaymentCollection collection,
        string sessionId,
        AuthorizationAttempt attempt,
        CancellationToken cancellationToken)
    {
        var session = collection.Sessions.Find(candidate => candidate.Id == sessionId)
            ?? throw MedusaException.NotFound($"PaymentSession with id: {sessionId} was not found");
        if (session is { Status: PaymentSessionStatus.Authorized, PaymentId: not null })
        {
            return CollectionChange<AuthorizationOutcome>.Unchanged(new AuthorizationOutcome(collection, Failure: null));
        }

        var provider = providers.Find(session.ProviderId)
            ?? throw new InvalidOperationException($"Payment provider {session.ProviderId} is not registered.");
        var result = attempt.Result ??= await provider.AuthorizeAsync(new ProviderOperation(session.Data, session.Id), cancellationToken);
        var now = clock.UtcNowToTheMillisecond();
        var reported = session with { Status = result.Status, Data = result.Data, UpdatedAt = now };

        switch (result.Status)
        {
            case PaymentSessionStatus.PendingAuthorization:
                var pending = CollectionRecomputation.Recompute(collection.WithSession(reported), now);
                return CollectionChange<AuthorizationOutcome>.Write(pending, new AuthorizationOutcome(pending, Failure: null));
            case not (PaymentSessionStatus.Authorized or PaymentSessionStatus.Captured):
                var failed = collection.WithSession(reported);
                var failure = result.Status == PaymentSessionStatus.RequiresMore
                    ? MedusaException.RequiresMore()
                    : MedusaException.AuthorizationFailed();
                return CollectionChange<AuthorizationOutcome>.Write(failed, new AuthorizationOutcome(failed, failure));
        }

        var payment = attempt.Payment ??= await NewPaymentAsync(collection.Id, session, result, cancellationToken);
        if (result.Status == PaymentSessionStatus.Captured)
        {
            // The provider captured on authorization: record that capture without asking it to capture again.
            payment = payment with
            {
                CapturedAt = payment.CreatedAt,
                Captures = [NewProviderCapture(payment)],
            };
        }

        var authorizedSession = reported with
        {
            Status = PaymentSessionStatus.Authorized,
            AuthorizedAt = session.AuthorizedAt ?? now,
            PaymentId = payment.Id,
        };
        var authorized = CollectionRecomputation.Recompute(
            collection.WithSession(authorizedSession) with { Payments = collection.Payments.Add(payment) },
            now);
        return CollectionChange<AuthorizationOutcome>.Write(authorized, new AuthorizationOutcome(authorized, Failure: null));
    }

    /// <summary>The Payment of this authorization, indexed by id before it is written (an index entry without its payment is harmless).</summary>
    private async Task<Payment> NewPaymentAsync(string collectionId, PaymentSession session, ProviderAuthorizeResult result, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowToTheMillisecond();
        var payment = new Payment
        {
            Id = ids.NewId(EntityIdPrefix.Payment),
            CurrencyCode = session.CurrencyCode,
            Amount = session.Amount,
            ProviderId = session.ProviderId,
            Data = result.Data,
            PaymentCollectionId = collectionId,
            PaymentSessionId = session.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await paymentIndex.AddAsync(
            new PaymentIndexEntry(payment.Id, collectionId, session.Id, session.ProviderId, now),
            cancellationToken);
        return payment;
    }

    private Capture NewProviderCapture(Payment payment) => new()
    {
        Id = ids.NewId(EntityIdPrefix.Capture),
        PaymentId = payment.Id,
        Amount = payment.Amount,
        CreatedBy = null,
        CreatedAt = payment.CreatedAt,
        UpdatedAt = payment.CreatedAt,
    };

    /// <summary>What an authorization ended in: the collection as written, and the 422 to answer when the provider did not authorize.</summary>
    private sealed record AuthorizationOutcome(PaymentCollection Collection, MedusaException? Failure);

    /// <summary>The provider's answer and the new Payment, kept across conflict retries so the provider is asked once.</summary>
    private sealed class AuthorizationAttempt
    {
        public ProviderAuthorizeResult? Result { get; set; }

        public Payment? Payment { get; set; }
    }
}
