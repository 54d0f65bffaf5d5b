using System.Collections.Concurrent;
using Payments.Domain.Errors;

namespace Payments.Domain.Concurrency;

/// <summary>
/// One async gate per collection inside this instance: the read-decide-write attempts on one collection take turns,
/// first come first served, instead of colliding at the conditional write and backing off. Collections never wait for
/// each other, and a collection's entry exists only while a turn holds or awaits it. Across instances the conditional
/// write stays the guarantee: the gate only removes the collisions this instance can see.
/// </summary>
/// <remarks>
/// A waiter gives up on its own cancellation (the request's deadline), or with the §1.9 conflict once it has waited the
/// whole conflict budget, as a conflict storm would end; a turn is released when it is disposed, whatever the attempt
/// did. Turns are not re-entrant: a decision must not update its own collection again.
/// </remarks>
public sealed class CollectionGate(TimeProvider clock)
{
    /// <summary>The longest a waiter queues for one turn: the budget the conflict retries of a request have.</summary>
    public static readonly TimeSpan Patience = OptimisticConcurrency.RetryBudget;

    private readonly ConcurrentDictionary<string, Turnstile> turnstiles = new(StringComparer.Ordinal);

    /// <summary>How many collections have a turn held or awaited now.</summary>
    public int BusyCollections => turnstiles.Count;

    /// <summary>Waits for the turn of <paramref name="collectionId"/>; the turn ends when it is disposed.</summary>
    public async Task<CollectionTurn> EnterAsync(string collectionId, CancellationToken cancellationToken)
    {
        var turnstile = Join(collectionId);
        try
        {
            await WaitAsync(turnstile, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(collectionId, turnstile);
            throw;
        }

        return new CollectionTurn(this, collectionId, turnstile);
    }

    /// <exception cref="MedusaException">The conflict, when the wait outlasted <see cref="Patience"/>.</exception>
    internal async Task WaitAsync(Turnstile turnstile, CancellationToken cancellationToken)
    {
        if (turnstile.Semaphore.Wait(0, CancellationToken.None))
        {
            return;
        }

        using var patience = new CancellationTokenSource(Patience, clock);
        using var waitEnds = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, patience.Token);
        try
        {
            await turnstile.Semaphore.WaitAsync(waitEnds.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw MedusaException.Conflict();
        }
    }

    internal void Leave(string collectionId, Turnstile turnstile)
    {
        lock (turnstile.Sync)
        {
            if (--turnstile.Users > 0)
            {
                return;
            }

            turnstile.Retired = true;
        }

        turnstiles.TryRemove(new KeyValuePair<string, Turnstile>(collectionId, turnstile));
    }

    private Turnstile Join(string collectionId)
    {
        while (true)
        {
            var turnstile = turnstiles.GetOrAdd(collectionId, static _ => new Turnstile());
            lock (turnstile.Sync)
            {
                // A retired turnstile is on its way out of the dictionary: take the one that replaces it.
                if (!turnstile.Retired)
                {
                    turnstile.Users++;
                    return turnstile;
                }
            }
        }
    }

    /// <summary>The gate of one collection, and how many turns hold or await it.</summary>
    internal sealed class Turnstile
    {
        private long writes;

        public Lock Sync { get; } = new();

        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        /// <summary>Turns that hold or await this gate; guarded by <see cref="Sync"/>.</summary>
        public int Users { get; set; }

        /// <summary>Removed from the gate once its last user left; guarded by <see cref="Sync"/>.</summary>
        public bool Retired { get; set; }

        /// <summary>How many writes turns of this gate have sent so far.</summary>
        public long Writes => Interlocked.Read(ref writes);

        public void CountWrite() => Interlocked.Increment(ref writes);
    }
}

/// <summary>
/// One attempt's turn at a collection's gate. The attempt holds it from its read to its write, except while it waits
/// on a call outside storage (<see cref="StepOutAsync{T}"/>): that call is made once per request and kept across
/// retries, so letting others go meanwhile serialises nothing that need not be.
/// </summary>
public sealed class CollectionTurn : IDisposable
{
    private readonly CollectionGate gate;
    private readonly string collectionId;
    private readonly CollectionGate.Turnstile turnstile;
    private bool holding = true;
    private bool ended;
    private long writesWhenSteppedOut;

    internal CollectionTurn(CollectionGate gate, string collectionId, CollectionGate.Turnstile turnstile)
    {
        this.gate = gate;
        this.collectionId = collectionId;
        this.turnstile = turnstile;
    }

    /// <summary>Whether another turn of this instance sent a write while this one was out: what it read is then out of date.</summary>
    public bool OthersWroteMeanwhile { get; private set; }

    /// <summary>
    /// Runs <paramref name="call"/>; if it does not complete at once, the gate is left to the next waiter until the
    /// attempt comes back for its write (<see cref="ReturnAsync"/>). A call that completes synchronously keeps the turn.
    /// </summary>
    public async Task<T> StepOutAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var pending = call(cancellationToken);
        StepOutWhileWaiting(pending);
        return await pending.ConfigureAwait(false);
    }

    /// <inheritdoc cref="StepOutAsync{T}(Func{CancellationToken, Task{T}}, CancellationToken)"/>
    public Task StepOutAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        var pending = call(cancellationToken);
        StepOutWhileWaiting(pending);
        return pending;
    }

    /// <summary>Queues for the gate again if the attempt stepped out, and notes whether others wrote meanwhile.</summary>
    public async Task ReturnAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(ended, this);
        if (holding)
        {
            return;
        }

        await gate.WaitAsync(turnstile, cancellationToken).ConfigureAwait(false);
        holding = true;
        OthersWroteMeanwhile |= turnstile.Writes != writesWhenSteppedOut;
    }

    private void StepOutWhileWaiting(Task pending)
    {
        ObjectDisposedException.ThrowIf(ended, this);
        if (!pending.IsCompleted && holding)
        {
            writesWhenSteppedOut = turnstile.Writes;
            holding = false;
            turnstile.Semaphore.Release();
        }
    }

    /// <summary>Counts the write this turn is about to send, for the turns that are out meanwhile.</summary>
    public void CountWrite()
    {
        if (!holding)
        {
            throw new InvalidOperationException($"A write of collection {collectionId} must be sent with its turn held.");
        }

        turnstile.CountWrite();
    }

    public void Dispose()
    {
        if (ended)
        {
            return;
        }

        ended = true;
        if (holding)
        {
            holding = false;
            turnstile.Semaphore.Release();
        }

        gate.Leave(collectionId, turnstile);
    }
}
