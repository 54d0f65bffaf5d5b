using System.Collections.Concurrent;
using Payments.Domain.Errors;
using Payments.Domain.Ports;

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
/// did. Turns are not re-entrant, and a turn never waits on anything but storage: provider calls happen outside it.
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

    /// <summary>The gate of one collection, how many turns hold or await it, and the newest version its turns saw.</summary>
    internal sealed class Turnstile
    {
        public Lock Sync { get; } = new();

        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        /// <summary>Turns that hold or await this gate; guarded by <see cref="Sync"/>.</summary>
        public int Users { get; set; }

        /// <summary>Removed from the gate once its last user left; guarded by <see cref="Sync"/>.</summary>
        public bool Retired { get; set; }

        /// <summary>The newest version of the document a turn read or wrote; only touched by the turn that holds the gate.</summary>
        public VersionedCollection? Newest { get; set; }
    }
}

/// <summary>
/// One turn at a collection's gate, held from a read to the write that follows it. While turns follow each other, each
/// hands the next the version it read or wrote (<see cref="Newest"/>), so a queued request decides on it without reading
/// the document again; the conditional write still refuses it if another instance wrote meanwhile.
/// </summary>
public sealed class CollectionTurn : IDisposable
{
    private readonly CollectionGate gate;
    private readonly string collectionId;
    private readonly CollectionGate.Turnstile turnstile;
    private bool ended;

    internal CollectionTurn(CollectionGate gate, string collectionId, CollectionGate.Turnstile turnstile)
    {
        this.gate = gate;
        this.collectionId = collectionId;
        this.turnstile = turnstile;
    }

    /// <summary>The newest version of the document this instance saw while the gate stayed in use, if any.</summary>
    public VersionedCollection? Newest
    {
        get => turnstile.Newest;
        set => turnstile.Newest = value;
    }

    public void Dispose()
    {
        if (ended)
        {
            return;
        }

        ended = true;
        turnstile.Semaphore.Release();
        gate.Leave(collectionId, turnstile);
    }
}
