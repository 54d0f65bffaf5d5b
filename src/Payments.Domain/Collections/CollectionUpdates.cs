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
/// The one way a collection document changes: read it with its version, decide, write conditionally on that
/// version (with the release records in the same transaction), and on a conflict read and decide again.
/// </summary>
public sealed class CollectionUpdates(IPaymentCollectionStore store, ProviderReleaser releaser, OptimisticConcurrency concurrency)
{
    public Task<T> ApplyAsync<T>(
        string collectionId,
        Func<MedusaException> notFound,
        Func<PaymentCollection, CancellationToken, Task<CollectionChange<T>>> decide,
        CancellationToken cancellationToken) =>
        concurrency.RunAsync(
            async attemptCancellation =>
            {
                var stored = await store.FindAsync(collectionId, attemptCancellation) ?? throw notFound();
                var change = await decide(stored.Collection, attemptCancellation);
                if (change.Updated is { } updated)
                {
                    _ = await store.TryReplaceAsync(updated, stored.Version, change.Releases, attemptCancellation)
                        ?? throw new VersionConflictException();
                    await releaser.ReleaseNowAsync(change.Releases, attemptCancellation);
                }

                return change.Result;
            },
            cancellationToken);

    /// <summary>As <see cref="ApplyAsync{T}(string, Func{MedusaException}, Func{PaymentCollection, CancellationToken, Task{CollectionChange{T}}}, CancellationToken)"/> for a decision that needs no I/O.</summary>
    public Task<T> ApplyAsync<T>(
        string collectionId,
        Func<MedusaException> notFound,
        Func<PaymentCollection, CollectionChange<T>> decide,
        CancellationToken cancellationToken) =>
        ApplyAsync(collectionId, notFound, (collection, _) => Task.FromResult(decide(collection)), cancellationToken);
}
