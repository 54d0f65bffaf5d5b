using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Identifiers;
using Payments.Domain.Ports;
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
    PaymentProviderCalls providerCalls,
    EntityIdGenerator ids,
    TimeProvider clock)
{
    public async Task<PaymentInCollection> RefundAsync(string paymentId, RefundRequest request, string? actorId, CancellationToken cancellationToken)
    {
        MedusaException NotFound() => MedusaException.NotFound($"Payment id not found: {paymentId}");
        var collectionId = await payments.CollectionIdOfAsync(paymentId, NotFound, cancellationToken);
        var refundId = ids.NewId(EntityIdPrefix.Refund);
        var reasonChecked = false;

        var (reserved, refund) = await updates.ApplyAsync(
            collectionId,
            NotFound,
            async (collection, attempt) =>
            {
                var payment = collection.FindPayment(paymentId) ?? throw NotFound();
                if (payment.Refunds.Find(refund => refund.Id == refundId) is { } landed)
                {
                    // An earlier attempt's write landed although its answer was lost.
                    return CollectionChange<(PaymentInCollection Reserved, Refund Refund)>.Unchanged((new PaymentInCollection(collection, payment), landed));
                }

                if (request.Amount is { } explicitAmount)
                {
                    PaymentGuards.EnsureExplicitRefundWithinCaptured(payment, explicitAmount);
                }

                if (!reasonChecked && request.RefundReasonId is { } reasonId)
                {
                    await EnsureReasonExistsAsync(reasonId, attempt.CancellationToken);
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
                var withRefund = payment with { Refunds = payment.Refunds.Add(refund), UpdatedAt = now };
                var updated = CollectionRecomputation.Recompute(collection.WithPayment(withRefund), now);
                return CollectionChange<(PaymentInCollection Reserved, Refund Refund)>.Write(updated, (new PaymentInCollection(updated, withRefund), refund));
            },
            cancellationToken);

        return await providerCalls.RefundReservedAsync(reserved, refund, NotFound);
    }

    private async Task EnsureReasonExistsAsync(string reasonId, CancellationToken cancellationToken)
    {
        if (await refundReasons.FindAsync(reasonId, cancellationToken) is not { Reason.DeletedAt: null })
        {
            throw MedusaException.NotFound($"RefundReason id not found: {reasonId}");
        }
    }
}
