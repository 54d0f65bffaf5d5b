using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Providers;
using Payments.Domain.Time;

namespace Payments.Domain.Payments;

/// <summary>
/// The second half of a capture or refund. The first half, a conditional write, reserved the money in the document
/// with everything it implies (the capture or refund, <c>captured_at</c>, the collection's summary amounts), so the
/// document already shows the operation complete. Now the provider moves the money (idempotency key = the
/// reservation's id); then its data is saved, or, when it refused, the reservation is taken back. Both writes settle:
/// neither the client nor the deadline stops them.
/// </summary>
public sealed partial class PaymentProviderCalls(CollectionUpdates updates, PaymentProviderRegistry providers, TimeProvider clock, ILogger<PaymentProviderCalls> logger)
{
    /// <summary>Captures <paramref name="capture"/>, reserved in <paramref name="reserved"/>, at the payment's provider.</summary>
    public Task<PaymentInCollection> CaptureReservedAsync(PaymentInCollection reserved, Capture capture, Func<MedusaException> notFound) =>
        MoveReservedAsync(
            reserved,
            capture.Id,
            (provider, payment) => provider.CaptureAsync(
                new ProviderAmountOperation(
                    payment.Data,
                    capture.Amount,
                    payment.CurrencyCode,
                    MoveKey(payment, "capture", payment.Captures.FindIndex(candidate => candidate.Id == capture.Id), capture.Amount),
                    payment.Captured()),
                CancellationToken.None),
            payment => payment.WithoutCapture(capture.Id),
            notFound);

    /// <summary>Refunds <paramref name="refund"/>, reserved in <paramref name="reserved"/>, at the payment's provider.</summary>
    public Task<PaymentInCollection> RefundReservedAsync(PaymentInCollection reserved, Refund refund, Func<MedusaException> notFound) =>
        MoveReservedAsync(
            reserved,
            refund.Id,
            (provider, payment) => provider.RefundAsync(
                new ProviderAmountOperation(
                    payment.Data,
                    refund.Amount,
                    payment.CurrencyCode,
                    MoveKey(payment, "refund", payment.Refunds.FindIndex(candidate => candidate.Id == refund.Id), refund.Amount)),
                CancellationToken.None),
            payment => payment with { Refunds = payment.Refunds.RemoveAll(candidate => candidate.Id == refund.Id) },
            notFound);

    /// <summary>
    /// The provider's idempotency key of a capture or refund: the payment, the kind, the reservation's place among the
    /// payment's captures or refunds, and its amount, rather than the reservation's own id. A provider that fails
    /// without a definite answer may still have moved the money, and the reservation is taken back (a 5xx leaves
    /// nothing half-done). The retry then takes the same place with the same amount, so the provider answers it with the
    /// first outcome instead of moving the money a second time.
    /// </summary>
    internal static string MoveKey(Payment payment, string kind, int place, decimal amount) =>
        string.Create(CultureInfo.InvariantCulture, $"{payment.Id}-{kind}-{place}-{amount:0.############################}");

    /// <param name="reserved">The payment with its reservation, as written.</param>
    /// <param name="reservationId">The capture or refund id.</param>
    /// <param name="move">The provider call; its idempotency key is the reservation's id.</param>
    /// <param name="withoutReservation">The payment with the reservation taken out again (and all it implied).</param>
    private async Task<PaymentInCollection> MoveReservedAsync(
        PaymentInCollection reserved,
        string reservationId,
        Func<IPaymentProvider, Payment, Task<JsonElement>> move,
        Func<Payment, Payment> withoutReservation,
        Func<MedusaException> notFound)
    {
        var payment = reserved.Payment;
        var provider = providers.Get(payment.ProviderId);
        JsonElement providerData;
        try
        {
            providerData = await move(provider, payment);
        }
        catch (Exception refused)
        {
            await TakeBackAsync(reserved, reservationId, withoutReservation, notFound, refused);
            throw;
        }

        try
        {
            return await updates.SettleAsync(
                reserved.Collection.Id,
                notFound,
                collection =>
                {
                    var moved = (collection.FindPayment(payment.Id) ?? throw notFound()) with { Data = providerData, UpdatedAt = clock.UtcNowToTheMillisecond() };
                    var updated = collection.WithPayment(moved);
                    return CollectionChange<PaymentInCollection>.Write(updated, new PaymentInCollection(updated, moved));
                });
        }
        catch (Exception unsaved) when (unsaved is MedusaException { Type: MedusaErrorType.StorageUnavailable or MedusaErrorType.Conflict })
        {
            // The money moved and the reservation already records it: only the provider's latest data is not saved.
            LogProviderDataNotSaved(logger, reservationId, payment.Id, unsaved);
            return reserved;
        }
    }

    private async Task TakeBackAsync(PaymentInCollection reserved, string reservationId, Func<Payment, Payment> withoutReservation, Func<MedusaException> notFound, Exception refused)
    {
        try
        {
            await updates.SettleAsync(
                reserved.Collection.Id,
                notFound,
                collection =>
                {
                    var now = clock.UtcNowToTheMillisecond();
                    var restored = withoutReservation(collection.FindPayment(reserved.Payment.Id) ?? throw notFound()) with { UpdatedAt = now };
                    return CollectionChange<bool>.Write(CollectionRecomputation.Recompute(collection.WithPayment(restored), now), true);
                });
        }
        catch (Exception stuck)
        {
            LogReservationNotTakenBack(logger, reservationId, reserved.Payment.Id, refused.GetType().Name, stuck);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{ReservationId} of payment {PaymentId} moved at the provider; saving the provider's data failed and is skipped.")]
    private static partial void LogProviderDataNotSaved(ILogger logger, string reservationId, string paymentId, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{ReservationId} of payment {PaymentId} failed at the provider ({Failure}) but could not be taken back: the document records money that did not move and needs an operator.")]
    private static partial void LogReservationNotTakenBack(ILogger logger, string reservationId, string paymentId, string failure, Exception exception);
}
