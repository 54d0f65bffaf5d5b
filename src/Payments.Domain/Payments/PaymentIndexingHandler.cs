using Payments.Domain.Outbox;
using Payments.Domain.Ports;

namespace Payments.Domain.Payments;

/// <summary>Adds a new payment to the payment index, so that it is found by id (an entry added twice is the same entry).</summary>
public sealed class PaymentIndexingHandler(IPaymentIndex index) : OutboxHandler<PaymentIndexing>
{
    protected override async Task<OutboxHandled> HandleAsync(string collectionId, PaymentIndexing message, CancellationToken cancellationToken)
    {
        await index.AddAsync(message.Entry, cancellationToken);
        return OutboxHandled.Done;
    }
}
