using Microsoft.Extensions.Logging;
using Payments.Domain.Concurrency;
using Payments.Domain.Errors;
using Payments.Domain.Ports;
using Payments.Domain.Releases;

namespace Payments.Domain.Collections;

/// <summary>
/// What one attempt decided: the collection to write (null: nothing to write), the result to return once the
/// write landed, and the provider payments the write gives up.
/// </summary>
public readonly record struct CollectionChange<T>(PaymentCollection? Updated, T Result, IReadOnlyList<ProviderRelease> Releases)
{
    public static CollectionChange<T> Unchanged(T result) => new(null, result, []);

    public static CollectionChange<T> Write(PaymentCollection updated, T result) => new(updated, result, []);
}

/// <summary>
/// What a decision gets besides the collection: the attempt's cancellation, and the way to wait on a provider without
/// holding the collection's gate.
/// </summary>
public sealed class CollectionAttempt
{
    private readonly CollectionTurn turn;

    internal CollectionAttempt(CollectionTurn turn, CancellationToken cancellationToken)
    {
        this.turn = turn;
        CancellationToken = cancellationToken;
    }

    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// A call outside storage (a provider's) whose result the request keeps across its attempts: while it waits, other
    /// requests for the collection have their turn, so slow provider calls for one collection overlap instead of
    /// queueing. What an attempt repeats (reading the collection, the cart) stays in the turn, so a hot collection still
    /// converges.
    /// </summary>
    public Task<T> OutsideGateAsync<T>(Func<CancellationToken, Task<T>> call) => turn.StepOutAsync(call, CancellationToken);

    /// <inheritdoc cref="OutsideGateAsync{T}(Func{CancellationToken, Task{T}})"/>
    public Task OutsideGateAsync(Func<CancellationToken, Task> call) => turn.StepOutAsync(call, CancellationToken);
}

/// <summary>
/// The one way a collection document changes: read it with its version, decide, write conditionally on that
/// version (with the release records in the same transaction), and on a conflict read and decide again. Inside one
/// instance the attempts on one collection take turns at its <see cref="CollectionGate"/> (from the read to the write),
/// so they queue instead of colliding; the conditional write still decides between instances.
/// </summary>
/// <remarks>
/// The protocol converges whatever storage does to a write:
/// <list type="bullet">
/// <item>A decided write is never cancelled half-way (neither the client nor the deadline stops it); it lands or fails
/// within the storage client's own timeouts.</item>
/// <item>A write whose answer was lost comes back as a conflict (the client's retry finds the new version) or as
/// storage unavailable: the document is read again, and a write of this change that landed is recognised by the
/// <see cref="PaymentCollection.WriteId"/> it stamped. When another write landed on top of it, the change is decided
/// again, and every decision recognises its own effect by the ids it created (a capture, a refund, a session, a
/// payment) instead of repeating it.</item>
/// <item>A decision computes everything its write needs, the collection's summary amounts included, before the write:
/// an amount too large to compute fails the request with nothing written.</item>
/// </list>
/// Provider releases of a landed change are tried after the turn, so a slow provider never holds the gate.
/// </remarks>
public sealed partial class CollectionUpdates(
    IPaymentCollectionStore store,
    ProviderReleaser releaser,
    OptimisticConcurrency concurrency,
    CollectionGate gate,
    ILogger<CollectionUpdates> logger)
{
    public async Task<T> ApplyAsync<T>(
        string collectionId,
        Func<MedusaException> notFound,
        Func<PaymentCollection, CollectionAttempt, Task<CollectionChange<T>>> decide,
        CancellationToken cancellationToken)
    {
        var writes = new WriteOutcomes<T>();
        try
        {
            return await concurrency.RunAsync(attemptCancellation => AttemptAsync(collectionId, notFound, decide, writes, attemptCancellation), cancellationToken);
        }
        catch (MedusaException outage) when (outage.IsStorageUnavailable && writes.Unanswered)
        {
            LogOutcomeUnknown(logger, collectionId, outage);
            throw;
        }
    }

    /// <summary>As <see cref="ApplyAsync{T}(string, Func{MedusaException}, Func{PaymentCollection, CollectionAttempt, Task{CollectionChange{T}}}, CancellationToken)"/> for a decision that needs no I/O.</summary>
    public Task<T> ApplyAsync<T>(
        string collectionId,
        Func<MedusaException> notFound,
        Func<PaymentCollection, CollectionChange<T>> decide,
        CancellationToken cancellationToken) =>
        ApplyAsync(collectionId, notFound, (collection, _) => Task.FromResult(decide(collection)), cancellationToken);

    /// <summary>
    /// A change that must land because money already moved at a provider (or was given back): not cancellable, and
    /// retried through conflicts and storage outages for the whole retry budget. Throws the last failure when the budget
    /// is spent.
    /// </summary>
    public async Task<T> SettleAsync<T>(string collectionId, Func<MedusaException> notFound, Func<PaymentCollection, CollectionChange<T>> decide)
    {
        var writes = new WriteOutcomes<T>();
        try
        {
            return await concurrency.RunAsync(
                _ => AttemptAsync(collectionId, notFound, (collection, _) => Task.FromResult(decide(collection)), writes, CancellationToken.None),
                CancellationToken.None,
                throughOutages: true);
        }
        catch (MedusaException outage) when (outage.IsStorageUnavailable && writes.Unanswered)
        {
            LogOutcomeUnknown(logger, collectionId, outage);
            throw;
        }
    }

    private async Task<T> AttemptAsync<T>(
        string collectionId,
        Func<MedusaException> notFound,
        Func<PaymentCollection, CollectionAttempt, Task<CollectionChange<T>>> decide,
        WriteOutcomes<T> writes,
        CancellationToken cancellationToken)
    {
        var (change, landed) = await DecideInTurnAsync(collectionId, notFound, decide, writes, cancellationToken);
        if (!landed)
        {
            return change.Result;
        }

        writes.Unconfirmed = null;
        writes.Unanswered = false;
        await releaser.ReleaseNowAsync(change.Releases, cancellationToken);
        return change.Result;
    }

    /// <summary>Reads, decides and writes in the collection's turn; returns the change and whether a write of it landed.</summary>
    private async Task<(CollectionChange<T> Change, bool Landed)> DecideInTurnAsync<T>(
        string collectionId,
        Func<MedusaException> notFound,
        Func<PaymentCollection, CollectionAttempt, Task<CollectionChange<T>>> decide,
        WriteOutcomes<T> writes,
        CancellationToken cancellationToken)
    {
        using var turn = await gate.EnterAsync(collectionId, cancellationToken);
        var stored = await store.FindAsync(collectionId, cancellationToken) ?? throw notFound();
        if (writes.Unconfirmed is { } earlier && stored.Collection.WriteId == earlier.WriteId)
        {
            // The previous attempt's write landed although its answer was lost.
            return (earlier.Change, true);
        }

        CollectionChange<T> change;
        try
        {
            change = await decide(stored.Collection, new CollectionAttempt(turn, cancellationToken));
        }
        catch (OverflowException)
        {
            throw MedusaException.InvalidData($"The amounts of payment collection {collectionId} are too large to compute.");
        }

        if (change.Updated is not { } updated)
        {
            return (change, false);
        }

        await turn.ReturnAsync(cancellationToken);
        if (turn.OthersWroteMeanwhile)
        {
            // A request of this instance wrote while this one waited on a provider: read again rather than send a write
            // that storage would refuse.
            throw new VersionConflictException(queued: true);
        }

        var writeId = Guid.NewGuid().ToString("N");
        writes.Unconfirmed = (writeId, change);
        turn.CountWrite();
        try
        {
            _ = await store.TryReplaceAsync(updated with { WriteId = writeId }, stored.Version, change.Releases, CancellationToken.None)
                ?? throw new VersionConflictException();
        }
        catch (MedusaException unknown) when (unknown.IsStorageUnavailable)
        {
            // The write may have landed: the next attempt reads what is there.
            writes.Unanswered = true;
            throw new UnknownWriteOutcomeException(unknown);
        }

        return (change, true);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A write to payment collection {CollectionId} went unanswered and storage stopped answering before its outcome was known: the document may hold a change the request could not report.")]
    private static partial void LogOutcomeUnknown(ILogger logger, string collectionId, Exception exception);

    /// <summary>The latest write of one change and its write id until its landing is confirmed; whether a write went unanswered.</summary>
    private sealed class WriteOutcomes<T>
    {
        public (string WriteId, CollectionChange<T> Change)? Unconfirmed { get; set; }

        public bool Unanswered { get; set; }
    }
}
