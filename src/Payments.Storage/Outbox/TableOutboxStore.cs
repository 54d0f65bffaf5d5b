using System.Net;
using Azure;
using Azure.Data.Tables;
using Payments.Domain.Outbox;
using Payments.Storage.Tables;

namespace Payments.Storage.Outbox;

/// <summary>
/// The outbox rows kept beside the collection documents. Dispatchers race on them with If-Match: the one that loses
/// leaves the row to the winner.
/// </summary>
internal sealed class TableOutboxStore(PaymentsTables tables) : IOutboxStore
{
    // The service returns at most 1,000 entities a page and refuses a larger $top.
    private const int MaxPageSize = 1000;

    public async Task<IReadOnlyList<PendingOutboxMessage>> FindDueAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var table = await tables.PaymentCollections.GetAsync(cancellationToken).ConfigureAwait(false);
        var due = new List<PendingOutboxMessage>(maxCount);
        await foreach (var entity in table.QueryAsync<TableEntity>(OutboxRow.DueFilter(now), maxPerPage: Math.Min(maxCount, MaxPageSize), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            due.Add(OutboxRow.FromEntity(entity));
            if (due.Count == maxCount)
            {
                break;
            }
        }

        return due;
    }

    public async Task CompleteAsync(string collectionId, string messageId, CancellationToken cancellationToken)
    {
        var table = await tables.PaymentCollections.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(collectionId, OutboxRow.RowKey(messageId), ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException gone) when (gone.Status == (int)HttpStatusCode.NotFound)
        {
            // Another dispatcher completed it first; every message is idempotent.
        }
    }

    public async Task SaveAttemptAsync(PendingOutboxMessage message, CancellationToken cancellationToken)
    {
        var table = await tables.PaymentCollections.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.UpdateEntityAsync(OutboxRow.ToEntity(message), new ETag(message.Version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException conflict) when (conflict.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            // Another dispatcher got there first (saved its own attempt, or completed the message).
        }
    }
}
