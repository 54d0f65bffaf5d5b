using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Payments;
using Payments.Domain.Time;

namespace Payments.Domain.Commerce;

/// <summary>Cancels payments for the commerce backend's module (docs/module-api.md §4.4): the provider's authorization is released.</summary>
public sealed class ModulePayments(PaymentLookup payments, CollectionWriter writer, TimeProvider clock)
{
    public async Task<PaymentInCollection> CancelAsync(string paymentId, CancellationToken cancellationToken)
    {
        var notFound = () => MedusaException.NotFound($"Payment with id: {paymentId} was not found");
        var target = new CollectionTarget(await payments.CollectionIdOfAsync(paymentId, notFound, cancellationToken), notFound);
        var now = clock.UtcNowToTheMillisecond();
        return (await writer.DecideAsync(target, collection => collection.CancelPayment(paymentId, notFound, now), cancellationToken)).Result;
    }
}
