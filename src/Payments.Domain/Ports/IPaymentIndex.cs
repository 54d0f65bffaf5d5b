namespace Payments.Domain.Ports;

/// <summary>What the payment index knows of a payment without loading its collection.</summary>
public sealed record PaymentIndexEntry(
    string PaymentId,
    string CollectionId,
    string PaymentSessionId,
    string ProviderId,
    DateTimeOffset CreatedAt);

/// <summary>
/// Finds payments by id without scanning collections: payments live inside their collection's document, so
/// each is indexed by id when it is created.
/// </summary>
public interface IPaymentIndex
{
    /// <summary>Adds the entry; adding an existing entry again is harmless. Written after the payment, by the outbox of the write that created it.</summary>
    Task AddAsync(PaymentIndexEntry entry, CancellationToken cancellationToken);

    Task<PaymentIndexEntry?> FindAsync(string paymentId, CancellationToken cancellationToken);

    /// <summary>Every entry (the admin list filters and pages them).</summary>
    Task<IReadOnlyList<PaymentIndexEntry>> ListAsync(CancellationToken cancellationToken);
}
