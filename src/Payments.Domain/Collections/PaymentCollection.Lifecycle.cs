using System.Text.Json;
using Payments.Domain.Errors;
using Payments.Domain.Outbox;

namespace Payments.Domain.Collections;

public sealed partial record PaymentCollection
{
    private const string NotPaidForDelete = "Can only delete payment collections where status is not_paid";
    private const string NotPaidForMarkAsPaid = "Can only mark 'not_paid' payment collection as paid";

    /// <summary>
    /// Deletes a <c>not_paid</c> collection (spec §6.10): the document stays as a tombstone, its sessions are cancelled
    /// and their provider payments released, and its cart's link is removed so that the cart can get a new collection.
    /// </summary>
    public Decision<bool> Delete(DateTimeOffset now)
    {
        if (DeletedAt is not null)
        {
            return Decision<bool>.Keep(true);
        }

        EnsureNotPaid(NotPaidForDelete);
        return Tombstone(now);
    }

    /// <summary>
    /// Deletes a collection for the commerce backend's module (docs/module-api.md §4.2): as <see cref="Delete"/>, for any
    /// collection without a live payment (Medusa deletes collections it just created, and those of a deleted order).
    /// </summary>
    public Decision<bool> DeleteWithoutPayment(DateTimeOffset now)
    {
        if (DeletedAt is not null)
        {
            return Decision<bool>.Keep(true);
        }

        return LivePayment() is { } payment
            ? throw MedusaException.NotAllowed($"Payment collection {Id} has payment {payment.Id} and cannot be deleted.")
            : Tombstone(now);
    }

    /// <summary>The deleted collection: sessions cancelled, their provider payments released, its cart link removed.</summary>
    private Decision<bool> Tombstone(DateTimeOffset now)
    {
        var deleted = this with
        {
            DeletedAt = now,
            UpdatedAt = now,
            Sessions = [.. Sessions.Select(session => session with { Status = PaymentSessionStatus.Canceled, UpdatedAt = now })],
        };
        var outbox = Releases(Sessions, ProviderReleaseReason.CollectionDeleted, now);
        if (CartId is { } cartId)
        {
            outbox = outbox.Add(new CartUnlinking(cartId) { DueAt = now + OutboxTiming.FirstRetryDelay });
        }

        return Decision<bool>.Write(deleted, true, outbox);
    }

    /// <summary>
    /// Records a payment received outside any provider (spec §6.11) in one write that requires the collection to be
    /// <c>not_paid</c>, so that of concurrent requests exactly one pays: the draft session replaces every other,
    /// authorized, with a Payment whose whole amount is captured by the actor's capture (reserved here, sent to the
    /// provider after the write like any capture).
    /// </summary>
    public Decision<AuthorizationOutcome> MarkAsPaid(Authorization authorization, DateTimeOffset now)
    {
        var draft = authorization.Session;
        if (Sessions.Find(session => session.Id == draft.Id) is { PaymentId: { } paymentId })
        {
            // This request's write landed already.
            return Decision<AuthorizationOutcome>.Keep(new AuthorizationOutcome(this, FindPayment(paymentId), Failure: null));
        }

        EnsureNotPaid(NotPaidForMarkAsPaid);
        if (draft.Amount != Amount || draft.CurrencyCode != CurrencyCode)
        {
            return Decision<AuthorizationOutcome>.PrepareAgain();
        }

        var authorized = (WithSessionsEnded(Sessions, now) with { Sessions = [draft] }).Authorize(authorization, now);
        return Decision<AuthorizationOutcome>.Write(
            authorized.Updated!,
            authorized.Result,
            Releases(Sessions, ProviderReleaseReason.Superseded, now).AddRange(authorized.Outbox));
    }

    /// <summary>
    /// Money a provider holds for <paramref name="sessionId"/>, which this collection does not keep (see
    /// <see cref="RefusedProviderPayment"/>): recorded once, with the release that gives it back (a cancel, or a refund of
    /// <paramref name="captured"/>) in the same write. Nothing when the collection already gave it back, so redelivered and
    /// concurrent reports give it back once.
    /// </summary>
    public Decision<bool> RefuseProviderMoney(
        string providerId,
        string sessionId,
        JsonElement providerData,
        ProviderReleaseReason reason,
        ProviderRefund? captured,
        DateTimeOffset now)
    {
        var release = new ProviderRelease(providerId, sessionId, providerData, reason)
        {
            Refund = captured,
            GivesBackRefusedMoney = true,
            DueAt = now + OutboxTiming.FirstRetryDelay,
        };
        if (RefusedProviderPayments.Exists(refused => refused.Covers(release)))
        {
            return Decision<bool>.Keep(false);
        }

        var refused = new RefusedProviderPayment
        {
            SessionId = sessionId,
            ProviderId = providerId,
            Reason = reason,
            RefundedAmount = captured?.Amount,
            RecordedAt = now,
        };
        return Decision<bool>.Write(this with { RefusedProviderPayments = RefusedProviderPayments.Add(refused) }, true, [release]);
    }

    /// <summary>D11: a failed or canceled provider payment shows on its session, unless money was already authorized.</summary>
    public Decision<bool> EndUnpaidSession(string sessionId, PaymentSessionStatus status, JsonElement? providerData, DateTimeOffset now)
    {
        var current = Sessions.Find(candidate => candidate.Id == sessionId);
        if (current is null || current.Status == PaymentSessionStatus.Authorized || current.PaymentId is not null || current.Status == status)
        {
            return Decision<bool>.Keep(false);
        }

        return Decision<bool>.Write(WithSession(current with { Status = status, Data = providerData ?? current.Data, UpdatedAt = now }), true);
    }

    /// <summary>Mark-as-paid's check, for a request to make before it asks a provider for anything.</summary>
    public void EnsureNotPaidForMarkAsPaid() => EnsureNotPaid(NotPaidForMarkAsPaid);

    /// <summary>
    /// Medusa's <c>not_paid</c> check, and a live payment counts as paid too: a collection whose authorized session was
    /// replaced by a new one reads <c>awaiting</c> or even <c>not_paid</c> while its Payment still holds the money.
    /// </summary>
    private void EnsureNotPaid(string notPaidMessage)
    {
        if (Status != PaymentCollectionStatus.NotPaid || LivePayment() is not null)
        {
            throw MedusaException.InvalidData(notPaidMessage);
        }
    }
}
