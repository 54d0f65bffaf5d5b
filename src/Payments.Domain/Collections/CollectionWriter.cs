using Microsoft.Extensions.Logging;
using Payments.Domain.Concurrency;
using Payments.Domain.Errors;
using Payments.Domain.Outbox;
using Payments.Domain.Ports;

namespace Payments.Domain.Collections;

/// <summary>
/// The collection a change is for, and how the change treats it. A deleted collection (a tombstone) is not found unless
/// <see cref="AcceptsTombstone"/>. <see cref="Settles"/> marks a change that records money that already moved at a
/// provider: neither the client nor the request's deadline stops it, and it is retried through storage outages for the
/// whole retry budget.
/// </summary>
public sealed record CollectionTarget(string CollectionId, Func<MedusaException> NotFound)
{
    public bool AcceptsTombstone { get; init; }

    public bool Settles { get; init; }
}

/// <summary>What a change ended in: the decision's result and the document as it now stands, or a request to prepare again.</summary>
public sealed record CollectionChange<T>(T Result, VersionedCollection Current, bool PrepareAgain);

/// <summary>
/// The one way a collection document changes: in the collection's turn, take the newest version this instance knows (or
/// read it), decide with a pure rule of <see cref="PaymentCollection"/>, and write conditionally on that version, with the
/// rule's outbox messages in the same transaction; on a conflict read and decide again. After the turn, the messages due
/// at once are dispatched. Rules never wait on anything but their inputs: provider calls happen before the decision (its
/// inputs) or after the write (its effects), never in the turn.
/// </summary>
/// <remarks>
/// The protocol converges whatever storage does to a write:
/// <list type="bullet">
/// <item>A decided write is never cancelled half-way; it lands or fails within the storage client's own timeouts.</item>
/// <item>A write whose answer was lost comes back as a conflict (the client's retry finds the new version) or as storage
/// unavailable: the document is read again, and a write that landed is recognised by the
/// <see cref="PaymentCollection.WriteId"/> it stamped. When another write landed on top of it, the rule decides again,
/// and every rule recognises its own effect by the ids its inputs carry (a session, a payment, a move).</item>
/// <item>A rule computes everything its write needs before the write: an amount too large to compute fails the request
/// with nothing written.</item>
/// </list>
/// </remarks>
public sealed partial class CollectionWriter(
    IPaymentCollectionStore store,
    OutboxDispatcher dispatcher,
    CollectionGate gate,
    TimeProvider backOffClock,
    ILogger<CollectionWriter> logger)
{
    /// <summary>Reads the document in the collection's turn; what it read is what the next turn starts from.</summary>
    public async Task<VersionedCollection> ReadAsync(CollectionTarget target, CancellationToken cancellationToken)
    {
        using var turn = await gate.EnterAsync(target.CollectionId, cancellationToken);
        var current = turn.Newest ?? await store.FindAsync(target.CollectionId, cancellationToken) ?? throw target.NotFound();
        turn.Newest = current;
        return Live(current, target);
    }

    /// <summary>
    /// Decides and writes one change. <paramref name="known"/> is a version the caller read before gathering the rule's
    /// inputs; the decision starts from it unless a turn of this instance has seen a newer one.
    /// </summary>
    public async Task<CollectionChange<T>> DecideAsync<T>(
        CollectionTarget target,
        Func<PaymentCollection, Decision<T>> decide,
        CancellationToken cancellationToken,
        VersionedCollection? known = null)
    {
        var cancellation = target.Settles ? CancellationToken.None : cancellationToken;
        var attempts = new Attempts(backOffClock, target.CollectionId);
        Decision<T> landed;
        VersionedCollection written;
        using (var turn = await gate.EnterAsync(target.CollectionId, cancellation))
        {
            var current = turn.Newest ?? known;
            (string WriteId, Decision<T> Decision)? unconfirmed = null;
            while (true)
            {
                current ??= await ReadAsync(target, attempts, unconfirmed is not null, cancellation);
                if (unconfirmed is { } sent && current.Collection.WriteId == sent.WriteId)
                {
                    // A write of this change landed although its answer was lost.
                    (landed, written) = (sent.Decision, current);
                    break;
                }

                var decision = Decide(Live(current, target).Collection, decide);
                if (decision.IsStale || decision.Updated is not { } updated)
                {
                    turn.Newest = current;
                    return new CollectionChange<T>(decision.Result, current, decision.IsStale);
                }

                var stamped = updated with { WriteId = Guid.NewGuid().ToString("N") };
                unconfirmed = (stamped.WriteId, decision);
                try
                {
                    if (await store.TryReplaceAsync(stamped, current.Version, decision.Outbox, CancellationToken.None) is { } version)
                    {
                        (landed, written) = (decision, new VersionedCollection(stamped, version));
                        turn.Newest = written;
                        break;
                    }

                    await attempts.BackOffAfterConflictAsync(cancellation);
                }
                catch (MedusaException outage) when (outage.IsStorageUnavailable)
                {
                    // The write may have landed: the next read tells.
                    await attempts.BackOffThroughOutageAsync(outage, logger, cancellation);
                }

                current = null;
            }
        }

        await dispatcher.DispatchAfterWriteAsync(target.CollectionId, landed.Outbox, cancellationToken);
        return new CollectionChange<T>(landed.Result, written, PrepareAgain: false);
    }

    /// <summary>
    /// Records outbox messages of a request that wrote nothing to the document but holds provider money (a session it
    /// created and lost), and dispatches those due at once.
    /// </summary>
    public async Task RecordAsync(string collectionId, IReadOnlyList<OutboxMessage> messages)
    {
        await store.AppendOutboxAsync(collectionId, messages, CancellationToken.None);
        await dispatcher.DispatchAfterWriteAsync(collectionId, messages, CancellationToken.None);
    }

    private static Decision<T> Decide<T>(PaymentCollection collection, Func<PaymentCollection, Decision<T>> decide)
    {
        try
        {
            return decide(collection);
        }
        catch (OverflowException)
        {
            throw MedusaException.InvalidData($"The amounts of payment collection {collection.Id} are too large to compute.");
        }
    }

    private static VersionedCollection Live(VersionedCollection current, CollectionTarget target) =>
        current.Collection.DeletedAt is null || target.AcceptsTombstone ? current : throw target.NotFound();

    /// <summary>
    /// Reads the document. Storage that does not answer fails the change, unless the change settles money that moved or
    /// a write of it may have landed: then the read is retried until the budget is spent.
    /// </summary>
    private async Task<VersionedCollection> ReadAsync(CollectionTarget target, Attempts attempts, bool outcomeUnknown, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await store.FindAsync(target.CollectionId, cancellationToken) ?? throw target.NotFound();
            }
            catch (MedusaException outage) when (outage.IsStorageUnavailable && (target.Settles || outcomeUnknown))
            {
                await attempts.BackOffThroughOutageAsync(outage, logger, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A write to payment collection {CollectionId} went unanswered and storage stopped answering before its outcome was known: the document may hold a change the request could not report.")]
    private static partial void LogOutcomeUnknown(ILogger logger, string collectionId, Exception exception);

    /// <summary>The retry budget of one change (<see cref="OptimisticConcurrency.RetryBudget"/>) and its back-off.</summary>
    private sealed class Attempts(TimeProvider clock, string collectionId)
    {
        private readonly OptimisticConcurrency.BackOff backOff = new(clock);

        public Task BackOffAfterConflictAsync(CancellationToken cancellationToken) => backOff.WaitAsync(cancellationToken);

        public Task BackOffThroughOutageAsync(MedusaException outage, ILogger logger, CancellationToken cancellationToken)
        {
            if (!backOff.WithinBudget)
            {
                LogOutcomeUnknown(logger, collectionId, outage);
                throw outage;
            }

            return backOff.WaitAsync(cancellationToken);
        }
    }
}
