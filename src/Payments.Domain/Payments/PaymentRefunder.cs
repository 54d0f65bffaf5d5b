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

        var (reserved, refundAmount) = await updates.ApplyAsync(
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
                return CollectionChange<(PaymentInCollection Reserved, decimal Amount)>.Write(updated, (new PaymentInCollection(updated, withRefund), refund.Amount));
            },
            cancellationToken);

        // Money moves at the provider: the call is not abandoned when the client goes away, or its outcome would be unknown.
        return await providerCalls.MoveReservedAsync(
            reserved,
            (provider, payment) => provider.RefundAsync(
                new ProviderAmountOperation(payment.Data, refundAmount, payment.CurrencyCode, refundId),
                CancellationToken.None),
            payment => payment with { Refunds = payment.Refunds.RemoveAll(refund => refund.Id == refundId) },
            (payment, providerData, now) => payment with { Data = providerData, UpdatedAt = now },
            NotFound);
    }

    private async Task EnsureReasonExistsAsync(string reasonId, CancellationToken cancellationToken)
    {
        if (await refundReasons.FindAsync(reasonId, cancellationToken) is not { Reason.DeletedAt: null })
        {
            throw MedusaException.NotFound($"RefundReason id not found: {reasonId}");
        }
    }
}
