using Payments.Domain.Collections;

namespace Payments.Domain.Ports;

/// <summary>
/// What the payment index knows of a payment without loading its collection: the payment's fields that never change,
/// which the admin list filters, searches and orders by.
/// </summary>
/// <param name="CurrencyCode">Null on an entry written before the index carried it, as is <paramref name="Amount"/>.</param>
public sealed record PaymentIndexEntry(
    string PaymentId,
    string CollectionId,
    string PaymentSessionId,
    string ProviderId,
    string? CurrencyCode,
    decimal? Amount,
    DateTimeOffset CreatedAt)
{
    public static PaymentIndexEntry Of(Payment payment) => new(
        payment.Id,
        payment.PaymentCollectionId,
        payment.PaymentSessionId,
        payment.ProviderId,
        payment.CurrencyCode,
        payment.Amount,
        payment.CreatedAt);
}

/// <summary>
/// Finds payments by id without scanning collections: payments live inside their collection's document, so
/// each is indexed by id when it is created.
/// </summary>
public interface IPaymentIndex
{
    /// <summary>Adds the entry; adding an existing entry again is harmless. Written after the payment, by the outbox of the write that created it.</summary>
    Task AddAsync(PaymentIndexEntry entry, CancellationToken cancellationToken);

    Task<PaymentIndexEntry?> FindAsync(string paymentId, CancellationToken cancellationToken);

    /// <summary>Every entry (the admin list filters, orders and counts them).</summary>
    Task<IReadOnlyList<PaymentIndexEntry>> ListAsync(CancellationToken cancellationToken);
}
