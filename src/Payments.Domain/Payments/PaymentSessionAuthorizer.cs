using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Identifiers;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Releases;
using Payments.Domain.Time;

namespace Payments.Domain.Payments;

/// <summary>
/// Authorizes a session at its provider and creates its Payment (spec §6.15), the step Medusa runs inside cart
/// completion. Idempotent: an authorized session with a Payment is returned as it is, with no provider call. A
/// collection is paid at most once: a session of a collection that has a live payment of another session is refused
/// before the provider is asked, and again in the one conditional write that would create the Payment; money the
/// provider authorized meanwhile is given back.
/// </summary>
public sealed class PaymentSessionAuthorizer(
    PaymentProviderRegistry providers,
    CollectionUpdates updates,
    ProviderReleaser releaser,
    IPaymentIndex paymentIndex,
    EntityIdGenerator ids,
    TimeProvider clock)
{
    public async Task<PaymentCollection> AuthorizeAsync(string collectionId, string sessionId, CancellationToken cancellationToken)
    {
        var attempt = new AuthorizationAttempt(sessionId);
        AuthorizationOutcome outcome;
        try
        {
            outcome = await updates.ApplyAsync(
                collectionId,
                () => MedusaException.NotFound($"PaymentCollection with id: {collectionId} was not found"),
                (collection, collectionAttempt) => DecideAsync(collection, attempt, capturedBy: null, collectionAttempt),
                cancellationToken);
        }
        catch (MedusaException error) when (error.Type == MedusaErrorType.Conflict && attempt.Payment is { } unrecorded)
        {
            // The provider authorized money we could not record: give it back rather than leave it held.
            await providers.Get(unrecorded.ProviderId).CancelAsync(
                new ProviderOperation(unrecorded.Data, $"{unrecorded.Id}-cancel"),
                CancellationToken.None);
            throw new InvalidOperationException($"The authorization of session {sessionId} could not be recorded.", error);
        }

        return outcome.Failure is { } failure ? throw failure : outcome.Collection;
    }

    /// <summary>
    /// One attempt's decision of authorizing <see cref="AuthorizationAttempt.SessionId"/> in <paramref name="collection"/>.
    /// With <paramref name="capturedBy"/>, the new Payment is also captured in full by that actor in the same write
    /// (mark-as-paid), the provider's capture to follow. The provider is asked outside the collection's gate.
    /// </summary>
    internal async Task<CollectionChange<AuthorizationOutcome>> DecideAsync(
        PaymentCollection collection,
        AuthorizationAttempt attempt,
        string? capturedBy,
        CollectionAttempt collectionAttempt)
    {
        var session = collection.Sessions.Find(candidate => candidate.Id == attempt.SessionId)
            ?? throw MedusaException.NotFound($"PaymentSession with id: {attempt.SessionId} was not found");
        if (session is { Status: PaymentSessionStatus.Authorized, PaymentId: { } paymentId })
        {
            return CollectionChange<AuthorizationOutcome>.Unchanged(new AuthorizationOutcome(collection, collection.FindPayment(paymentId), Failure: null));
        }

        if (LivePaymentOfAnotherSession(collection, session) is { } paid)
        {
            return attempt.Result is { Status: PaymentSessionStatus.Authorized or PaymentSessionStatus.Captured } authorized
                ? GiveBack(collection, session, authorized, paid)
                : throw AlreadyPaid(collection, session, paid);
        }

        var provider = providers.Get(session.ProviderId);
        var result = attempt.Result ??= await collectionAttempt.OutsideGateAsync(
            cancellation => provider.AuthorizeAsync(new ProviderOperation(session.Data, session.Id), cancellation));
        var now = clock.UtcNowToTheMillisecond();
        var reported = session with { Status = result.Status, Data = result.Data, UpdatedAt = now };

        switch (result.Status)
        {
            case PaymentSessionStatus.PendingAuthorization:
                var pending = CollectionRecomputation.Recompute(collection.WithSession(reported), now);
                return CollectionChange<AuthorizationOutcome>.Write(pending, new AuthorizationOutcome(pending, Payment: null, Failure: null));
            case not (PaymentSessionStatus.Authorized or PaymentSessionStatus.Captured):
                var failed = collection.WithSession(reported);
                var failure = result.Status == PaymentSessionStatus.RequiresMore
                    ? MedusaException.RequiresMore()
                    : MedusaException.AuthorizationFailed();
                return CollectionChange<AuthorizationOutcome>.Write(failed, new AuthorizationOutcome(failed, Payment: null, failure));
        }

        var payment = attempt.Payment ??= await NewPaymentAsync(collection.Id, session, result, collectionAttempt.CancellationToken);
        if (result.Status == PaymentSessionStatus.Captured)
        {
            // The provider captured on authorization: record that capture without asking it to capture again.
            payment = payment with { CapturedAt = payment.CreatedAt, Captures = [NewCapture(payment, createdBy: null)] };
        }
        else if (capturedBy is not null)
        {
            payment = payment with { CapturedAt = now, Captures = [NewCapture(payment, capturedBy)] };
        }

        var authorizedSession = reported with
        {
            Status = PaymentSessionStatus.Authorized,
            AuthorizedAt = session.AuthorizedAt ?? now,
            PaymentId = payment.Id,
        };
        var authorizedCollection = CollectionRecomputation.Recompute(
            collection.WithSession(authorizedSession) with { Payments = collection.Payments.Add(payment) },
            now);
        return CollectionChange<AuthorizationOutcome>.Write(authorizedCollection, new AuthorizationOutcome(authorizedCollection, payment, Failure: null));
    }

    private static Payment? LivePaymentOfAnotherSession(PaymentCollection collection, PaymentSession session) =>
        collection.Payments.Find(payment => payment.CanceledAt is null && payment.PaymentSessionId != session.Id);

    private static MedusaException AlreadyPaid(PaymentCollection collection, PaymentSession session, Payment paid) =>
        MedusaException.NotAllowed(
            $"Payment collection {collection.Id} is already paid by payment {paid.Id}; session {session.Id} cannot be authorized.");

    /// <summary>
    /// The provider authorized this session in an earlier attempt, and a payment of another session landed since: the
    /// collection keeps that one and gives this money back (a cancel, or a refund of what the provider captured).
    /// </summary>
    private CollectionChange<AuthorizationOutcome> GiveBack(PaymentCollection collection, PaymentSession session, ProviderAuthorizeResult authorized, Payment paid)
    {
        var captured = authorized.Status == PaymentSessionStatus.Captured ? new ProviderRefund(session.Amount, session.CurrencyCode) : null;
        var change = releaser.Refuse(collection, session.ProviderId, session.Id, authorized.Data, ProviderReleaseReason.CollectionAlreadyPaid, captured);
        var refusal = new AuthorizationOutcome(change.Updated ?? collection, Payment: null, AlreadyPaid(collection, session, paid));
        return new CollectionChange<AuthorizationOutcome>(change.Updated, refusal, change.Releases);
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

    private Capture NewCapture(Payment payment, string? createdBy) => new()
    {
        Id = ids.NewId(EntityIdPrefix.Capture),
        PaymentId = payment.Id,
        Amount = payment.Amount,
        CreatedBy = createdBy,
        CreatedAt = payment.CreatedAt,
        UpdatedAt = payment.CreatedAt,
    };
}

/// <summary>
/// What an authorization ended in: the collection as written, the session's Payment when it has one, and the error to
/// answer when the provider did not authorize (422) or the collection refused (400).
/// </summary>
internal sealed record AuthorizationOutcome(PaymentCollection Collection, Payment? Payment, MedusaException? Failure);

/// <summary>The session being authorized, the provider's answer and the new Payment, kept across conflict retries so the provider is asked once.</summary>
internal sealed class AuthorizationAttempt(string sessionId)
{
    public string SessionId { get; } = sessionId;

    public ProviderAuthorizeResult? Result { get; set; }

    public Payment? Payment { get; set; }
}
