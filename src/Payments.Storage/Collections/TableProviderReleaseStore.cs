using System.Net;
using Azure;
using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.Collections;

/// <summary>
/// The release records kept beside the collection documents. Workers race on them with If-Match: the one that
/// loses leaves the record to the winner.
/// </summary>
internal sealed class TableProviderReleaseStore(PaymentsTables tables) : IProviderReleaseStore
{
    // The service returns at most 1,000 entities a page and refuses a larger $top.
    private const int MaxPageSize = 1000;

    public async Task<IReadOnlyList<PendingProviderRelease>> FindDueAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var table = await tables.PaymentCollections.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = ProviderReleaseRow.DueFilter(now);
        var due = new List<PendingProviderRelease>(maxCount);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(maxCount, MaxPageSize), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            due.Add(ProviderReleaseRow.FromEntity(entity));
            if (due.Count == maxCount)
            {
                break;
            }
        }

        return due;
    }

    public async Task<PendingProviderRelease?> FindAsync(string collectionId, string releaseId, CancellationToken cancellationToken)
    {
        var entity = await tables.PaymentCollections.FindAsync(collectionId, ProviderReleaseRow.RowKey(releaseId), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ProviderReleaseRow.FromEntity(entity);
    }

    public async Task CompleteAsync(string collectionId, string releaseId, CancellationToken cancellationToken)
    {
        var table = await tables.PaymentCollections.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(collectionId, ProviderReleaseRow.RowKey(releaseId), ETag.All, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RequestFailedException gone) when (gone.Status == (int)HttpStatusCode.NotFound)
        {
            // Another worker completed it first; releasing is idempotent.
        }
    }

    public async Task SaveAttemptAsync(PendingProviderRelease release, CancellationToken cancellationToken)
    {
        var table = await tables.PaymentCollections.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.UpdateEntityAsync(ProviderReleaseRow.ToEntity(release), new ETag(release.Version), TableUpdateMode.Replace, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RequestFailedException conflict) when (conflict.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            // Another worker got there first (saved its own attempt, or completed the release).
        }
    }
}
