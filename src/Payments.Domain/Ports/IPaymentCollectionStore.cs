using Payments.Domain.Collections;
using Payments.Domain.Outbox;

namespace Payments.Domain.Ports;

/// <summary>A collection document as read, with the version a conditional write must match.</summary>
public sealed record VersionedCollection(PaymentCollection Collection, string Version);

/// <summary>
/// Persistence of payment collection documents and their outbox. Every change is a conditional write against the
/// version read; a stale version is reported, never overwritten.
/// </summary>
public interface IPaymentCollectionStore
{
    Task<VersionedCollection?> FindAsync(string collectionId, CancellationToken cancellationToken);

    /// <summary>Inserts a new document; returns its version.</summary>
    Task<string> InsertAsync(PaymentCollection collection, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the document if it is still at <paramref name="expectedVersion"/>, writing the outbox messages in the same
    /// transaction (a message already stored under the same id is replaced). Returns the new version, or null when
    /// another write got there first.
    /// </summary>
    Task<string?> TryReplaceAsync(
        PaymentCollection collection,
        string expectedVersion,
        IReadOnlyList<OutboxMessage> outbox,
        CancellationToken cancellationToken);

    /// <summary>Records outbox messages without touching the document (a request that wrote nothing but holds provider money).</summary>
    Task AppendOutboxAsync(string collectionId, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken);

    /// <summary>Deletes a document that was never visible to anyone (the loser of a cart-claim race).</summary>
    Task DeleteUnlinkedAsync(string collectionId, CancellationToken cancellationToken);
}

/// <summary>The link from a cart to its one payment collection.</summary>
public interface ICartCollectionLinks
{
    Task<string?> FindCollectionIdAsync(string cartId, CancellationToken cancellationToken);

    /// <summary>
    /// Links the cart to the collection if it has no link yet (an insert-if-absent, never a read-then-write).
    /// Returns the collection id the cart is linked to afterwards: ours, or the one another request linked first.
    /// </summary>
    Task<string> LinkIfAbsentAsync(string cartId, string collectionId, CancellationToken cancellationToken);

    /// <summary>Removes the cart's link if it still points to <paramref name="collectionId"/>.</summary>
    Task UnlinkAsync(string cartId, string collectionId, CancellationToken cancellationToken);
}
