using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Identifiers;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Time;

namespace Payments.Domain.Payments;

/// <summary>What a refund asks for: an amount (else the payment's amount), a reason and a note, all optional.</summary>
public sealed record RefundRequest(decimal? Amount, string? RefundReasonId, string? Note);

/// <summary>
/// Refunds a payment (spec §6.7, D10: no order needed). As with captures, the refund is reserved in the
/// document by a conditional write that re-checks the limit, then the provider is asked (idempotency key =
/// refund id), and a provider failure takes the reservation back.
/// </summary>
public sealed class PaymentRefunder(
    PaymentLookup payments,
    CollectionUpdates updates,
    IRefundReasonStore refundReasons,
    PaymentProviderRegistry providers,
    EntityIdGenerator ids,
    TimeProvider clock)
{
    public async Task<PaymentInCollection> RefundAsync(string paymentId, RefundRequest request, string? actorId, CancellationToken cancellationToken)
    {
        MedusaException NotFound() => MedusaException.NotFound($"Payment id not found: {paymentId}");
        var collectionId = await payments.CollectionIdOfAsync(paymentId, NotFound, cancellationToken);
        var refundId = ids.NewId(EntityIdPrefix.Refund);
        var reasonChecked = false;

        var reserved = await updates.ApplyAsync(
            collectionId,
            NotFound,
            async (collection, attemptCancellation) =>
            {
                var payment = collection.FindPayment(paymentId) ?? throw NotFound();
                if (request.Amount is { } explicitAmount)
                {
                    PaymentGuards.EnsureExplicitRefundWithinCaptured(payment, explicitAmount);
                }

                if (!reasonChecked && request.RefundReasonId is { } reasonId)
                {
                    await EnsureReasonExistsAsync(reasonId, attemptCancellation);
                    reasonChecked = true;
                }

                var now = clock.UtcNowToTheMillisecond();
                var refund = new Refund
                {
                    Id = refundId,
                    PaymentId = paymentId,
                    Amount = PaymentGuards.EnsureCanRefund(payment, request.Amount),
                    RefundReasonId = request.RefundReasonId,
                    Note = request.Note,
                    CreatedBy = actorId,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                var withRefund = payment with { Refunds = payment.Refunds.Add(refund) };
                var updated = collection.WithPayment(withRefund);
                return CollectionChange<(Payment Payment, Refund Refund)>.Write(updated, (withRefund, refund));
            },
            cancellationToken);

        var provider = providers.Find(reserved.Payment.ProviderId)
            ?? throw new InvalidOperationException($"Payment provider {reserved.Payment.ProviderId} is not registered.");
        // Money moves here: the call is not abandoned when the client goes away, or its outcome would be unknown.
        var providerData = await PaymentProviderCalls.OrUndoAsync(
            () => provider.RefundAsync(
                new ProviderAmountOperation(reserved.Payment.Data, reserved.Refund.Amount, reserved.Payment.CurrencyCode, refundId),
                CancellationToken.None),
            () => updates.ApplyAsync(
                collectionId,
                NotFound,
                collection => CollectionChange<bool>.Write(
                    collection.WithPayment(paymentId, current => current with { Refunds = current.Refunds.RemoveAll(refund => refund.Id == refundId) }),
                    true),
                CancellationToken.None));

        return await updates.ApplyAsync(
            collectionId,
            NotFound,
            collection =>
            {
                var now = clock.UtcNowToTheMillisecond();
                var refunded = collection.FindPayment(paymentId)! with { Data = providerData, UpdatedAt = now };
                var updated = CollectionRecomputation.Recompute(collection.WithPayment(refunded), now);
                return CollectionChange<PaymentInCollection>.Write(updated, new PaymentInCollection(updated, refunded));
            },
            CancellationToken.None);
    }

    private async Task EnsureReasonExistsAsync(string reasonId, CancellationToken cancellationToken)
    {
        if (await refundReasons.FindAsync(reasonId, cancellationToken) is not { Reason.DeletedAt: null })
        {
            throw MedusaException.NotFound($"RefundReason id not found: {reasonId}");
        }
    }
}
