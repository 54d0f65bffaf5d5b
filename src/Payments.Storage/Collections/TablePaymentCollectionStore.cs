using System.Net;
using Azure;
using Azure.Data.Tables;
using Payments.Domain.Collections;
using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.Collections;

/// <summary>
/// Collection documents in <c>paymentcollections</c>. The version is the row's ETag; every change is an
/// If-Match replace, and the release records of a change go in the same partition and the same transaction.
/// </summary>
internal sealed class TablePaymentCollectionStore(PaymentsTables tables) : IPaymentCollectionStore
{
    // A Table Storage transaction holds at most 100 operations; Azurite does not enforce it.
    private const int MaxTransactionActions = 100;

    public async Task<VersionedCollection?> FindAsync(string collectionId, CancellationToken cancellationToken)
    {
        var entity = await tables.PaymentCollections.FindAsync(collectionId, PaymentCollectionRow.RowKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : PaymentCollectionRow.FromEntity(entity);
    }

    public async Task<string> InsertAsync(PaymentCollection collection, CancellationToken cancellationToken)
    {
        var entity = PaymentCollectionRow.ToEntity(collection);
        var table = await tables.PaymentCollections.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        return VersionOf(response);
    }

    public async Task<string?> TryReplaceAsync(
        PaymentCollection collection,
        string expectedVersion,
        IReadOnlyList<ProviderRelease> releases,
        CancellationToken cancellationToken)
    {
        var document = PaymentCollectionRow.ToEntity(collection);
        var releaseEntities = NewReleaseEntities(collection.Id, releases);
        var table = await tables.PaymentCollections.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (releaseEntities.Count == 0)
            {
                var response = await table.UpdateEntityAsync(document, new ETag(expectedVersion), TableUpdateMode.Replace, cancellationToken)
                    .ConfigureAwait(false);
                return VersionOf(response);
            }

            var actions = releaseEntities
                .Select(release => new TableTransactionAction(TableTransactionActionType.Add, release))
                .Prepend(new TableTransactionAction(TableTransactionActionType.UpdateReplace, document, new ETag(expectedVersion)))
                .ToList();
            var results = await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return VersionOf(results.Value[0]);
        }
        catch (RequestFailedException lost) when (lost.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            // Another write got there first: it changed the document, or deleted it.
            return null;
        }
    }

    public async Task RecordReleasesAsync(string collectionId, IReadOnlyList<ProviderRelease> releases, CancellationToken cancellationToken)
    {
        var releaseEntities = NewReleaseEntities(collectionId, releases);
        if (releaseEntities.Count == 0)
        {
            return;
        }

        var table = await tables.PaymentCollections.GetAsync(cancellationToken).ConfigureAwait(false);
        var actions = releaseEntities.Select(release => new TableTransactionAction(TableTransactionActionType.Add, release));
        await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the document row only: release records in its partition stay for the retry worker.</summary>
    public async Task DeleteUnlinkedAsync(string collectionId, CancellationToken cancellationToken)
    {
        var table = await tables.PaymentCollections.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(TableKey.EnsureValid(collectionId, nameof(collectionId)), PaymentCollectionRow.RowKey, ETag.All, cancellationToken)
            .ConfigureAwait(false);
    }

    private List<TableEntity> NewReleaseEntities(string collectionId, IReadOnlyList<ProviderRelease> releases)
    {
        if (releases.Any(release => release.CollectionId != collectionId))
        {
            throw new ArgumentException($"Every release must belong to collection {collectionId}: a transaction spans one partition.", nameof(releases));
        }

        if (releases.Count >= MaxTransactionActions)
        {
            throw new ArgumentException($"At most {MaxTransactionActions - 1} releases fit in one transaction with their document.", nameof(releases));
        }

        return releases.Select(ProviderReleaseRow.ToNewEntity).ToList();
    }

    private static string VersionOf(Response response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("Table Storage answered a write without an ETag.");
}
