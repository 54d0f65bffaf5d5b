using System.Text.Json;
using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Providers;
using Payments.Domain.Time;

namespace Payments.Domain.Payments;

/// <summary>
/// The second half of a capture or refund: the money reserved in the document by a conditional write is moved
/// at the provider, then the provider's data is saved and the collection recomputed; when the provider fails,
/// the reservation is taken back and the failure rethrown.
/// </summary>
public sealed class PaymentProviderCalls(CollectionUpdates updates, PaymentProviderRegistry providers, TimeProvider clock)
{
    /// <param name="move">The provider call; its idempotency key is the reservation's id.</param>
    /// <param name="withoutReservation">The payment with the reservation taken out again.</param>
    /// <param name="afterMove">The payment once the money moved, given the provider's data and now.</param>
    public async Task<PaymentInCollection> MoveReservedAsync(
        PaymentInCollection reserved,
        Func<IPaymentProvider, Payment, Task<JsonElement>> move,
        Func<Payment, Payment> withoutReservation,
        Func<Payment, JsonElement, DateTimeOffset, Payment> afterMove,
        Func<MedusaException> notFound)
    {
        var payment = reserved.Payment;
        var provider = providers.Find(payment.ProviderId)
            ?? throw new InvalidOperationException($"Payment provider {payment.ProviderId} is not registered.");
        JsonElement providerData;
        try
        {
            providerData = await move(provider, payment);
        }
        catch
        {
            await updates.ApplyAsync(
                reserved.Collection.Id,
                notFound,
                collection => CollectionChange<bool>.Write(collection.WithPayment(payment.Id, withoutReservation), true),
                CancellationToken.None);
            throw;
        }

        return await updates.ApplyAsync(
            reserved.Collection.Id,
            notFound,
            collection =>
            {
                var now = clock.UtcNowToTheMillisecond();
                var moved = afterMove(collection.FindPayment(payment.Id) ?? throw notFound(), providerData, now);
                var updated = CollectionRecomputation.Recompute(collection.WithPayment(moved), now);
                return CollectionChange<PaymentInCollection>.Write(updated, new PaymentInCollection(updated, moved));
            },
            CancellationToken.None);
    }
}
