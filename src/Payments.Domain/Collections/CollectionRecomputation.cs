using Payments.Domain.Money;

namespace Payments.Domain.Collections;

/// <summary>
/// Medusa's recomputation of a collection's summary amounts and status (spec §5.9), run after every
/// authorization, capture and refund, and at no other time.
/// </summary>
public static class CollectionRecomputation
{
    public static PaymentCollection Recompute(PaymentCollection collection, DateTimeOffset now)
    {
        var currency = collection.CurrencyCode;
        var authorized = collection.Sessions.Where(session => session.Status == PaymentSessionStatus.Authorized).Sum(session => session.Amount);
        var captured = collection.Payments.Sum(payment => payment.Captures.Sum(capture => capture.Amount));
        var refunded = collection.Payments.Sum(payment => payment.Refunds.Sum(refund => refund.Amount));
        var amount = Currency.RoundForComparison(collection.Amount, currency);

        var status = collection.Sessions.IsEmpty ? PaymentCollectionStatus.NotPaid : PaymentCollectionStatus.Awaiting;
        if (authorized > 0)
        {
            status = Currency.RoundForComparison(authorized, currency) >= amount
                ? PaymentCollectionStatus.Authorized
                : PaymentCollectionStatus.PartiallyAuthorized;
        }

        var completedAt = collection.CompletedAt;
        if (Currency.RoundForComparison(captured, currency) >= amount)
        {
            // Medusa re-stamps completed_at on every recompute that finds the collection fully captured.
            status = PaymentCollectionStatus.Completed;
            completedAt = now;
        }

        return collection with
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
