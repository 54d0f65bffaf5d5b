namespace Payments.Domain.Outbox;

/// <summary>The stored outbox messages, for the dispatcher: those the writes recorded, with their delivery state.</summary>
public interface IOutboxStore
{
    /// <summary>Live messages due at <paramref name="now"/>, of every collection, at most <paramref name="maxCount"/>.</summary>
    Task<IReadOnlyList<PendingOutboxMessage>> FindDueAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken);

    /// <summary>Deletes a message that was performed; a message already gone is fine.</summary>
    Task CompleteAsync(string collectionId, string messageId, CancellationToken cancellationToken);

    /// <summary>Saves the delivery state of a message not yet performed (next attempt, last error, dead) if no one else did meanwhile.</summary>
    Task SaveAttemptAsync(PendingOutboxMessage message, CancellationToken cancellationToken);
}
