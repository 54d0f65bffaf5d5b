using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Identifiers;
using Payments.Domain.Time;

namespace Payments.Domain.Payments;

/// <summary>
/// Captures a payment (spec §6.6). The capture is first reserved in the document by a conditional write that
/// re-checks the limit, so concurrent captures can never exceed the authorization; then the provider is
/// asked (idempotency key = capture id); a provider failure takes the reservation back.
/// </summary>
public sealed class PaymentCapturer(
    PaymentLookup payments,
    CollectionUpdates updates,
    PaymentProviderCalls providerCalls,
    EntityIdGenerator ids,
    TimeProvider clock)
{
    public async Task<PaymentInCollection> CaptureAsync(string paymentId, decimal? requestedAmount, string? actorId, CancellationToken cancellationToken)
    {
        MedusaException NotFound() => MedusaException.NotFound($"Payment with id: {paymentId} was not found");
        var collectionId = await payments.CollectionIdOfAsync(paymentId, NotFound, cancellationToken);
        var captureId = ids.NewId(EntityIdPrefix.Capture);

        var reservation = await updates.ApplyAsync(
            collectionId,
            NotFound,
            collection =>
            {
                var payment = collection.FindPayment(paymentId) ?? throw NotFound();
                if (payment.Captures.Find(capture => capture.Id == captureId) is { } landed)
                {
                    // An earlier attempt's write landed although its answer was lost.
                    return CollectionChange<Reservation>.Unchanged(new Reservation(new PaymentInCollection(collection, payment), landed));
                }

                if (payment.CanceledAt is not null)
                {
                    throw MedusaException.InvalidData($"The payment: {paymentId} has been canceled.");
                }

                if (payment.CapturedAt is not null)
                {
                    // Medusa answers a fully captured payment unchanged, whatever the amount asks for.
                    return CollectionChange<Reservation>.Unchanged(new Reservation(new PaymentInCollection(collection, payment), Capture: null));
                }

                var now = clock.UtcNowToTheMillisecond();
                var capture = new Capture
                {
                    Id = captureId,
                    PaymentId = paymentId,
                    Amount = PaymentGuards.EnsureCanCapture(payment, requestedAmount),
                    CreatedBy = actorId,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                var reserved = (payment with { Captures = payment.Captures.Add(capture), UpdatedAt = now }).WithCapturedAt(now);
                var updated = CollectionRecomputation.Recompute(collection.WithPayment(reserved), now);
                return CollectionChange<Reservation>.Write(updated, new Reservation(new PaymentInCollection(updated, reserved), capture));
            },
            cancellationToken);

        if (reservation.Capture is not { } reservedCapture)
        {
            return reservation.Current;
        }

        return await providerCalls.CaptureReservedAsync(reservation.Current, reservedCapture, NotFound);
    }

    /// <param name="Capture">The reserved capture, or null when the payment was already fully captured.</param>
    private sealed record Reservation(PaymentInCollection Current, Capture? Capture);
}
