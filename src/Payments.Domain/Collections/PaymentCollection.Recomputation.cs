namespace Payments.Domain.Collections;

public sealed partial record PaymentCollection
{
    /// <summary>
    /// Medusa's recomputation of a collection's summary amounts and status (spec §5.9), run after every authorization,
    /// capture and refund, and at no other time. Only confirmed captures and refunds count: a move the provider has not
    /// confirmed is not money that moved. Amounts are whole minor units, so they compare exactly.
    /// </summary>
    public PaymentCollection Recomputed(DateTimeOffset now)
    {
        var authorized = Sessions.Where(session => session.Status == PaymentSessionStatus.Authorized).Sum(session => session.Amount);
        var captured = Payments.Sum(payment => payment.Captured());
        var refunded = Payments.Sum(payment => payment.Refunded());

        var status = Sessions.IsEmpty ? PaymentCollectionStatus.NotPaid : PaymentCollectionStatus.Awaiting;
        if (authorized > 0)
        {
            status = authorized >= Amount ? PaymentCollectionStatus.Authorized : PaymentCollectionStatus.PartiallyAuthorized;
        }

        var completedAt = CompletedAt;
        if (captured >= Amount)
        {
            // Medusa re-stamps completed_at on every recompute that finds the collection fully captured.
            status = PaymentCollectionStatus.Completed;
            completedAt = now;
        }

        return this with
        {
            AuthorizedAmount = authorized,
            CapturedAmount = captured,
            RefundedAmount = refunded,
            Status = status,
            CompletedAt = completedAt,
            UpdatedAt = now,
        };
    }
}
