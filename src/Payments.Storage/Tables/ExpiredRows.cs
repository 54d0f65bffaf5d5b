using System.Net;
using Azure;
using Azure.Data.Tables;

namespace Payments.Storage.Tables;

/// <summary>Deletes rows whose timestamp property is older than a cut-off: Table Storage has no time-to-live.</summary>
internal static class ExpiredRows
{
    public static async Task<int> DeleteAsync(CreatedOnFirstUseTable rows, string timestampProperty, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await rows.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = $"{timestampProperty} lt {TableClient.CreateQueryFilter($"{cutoff}")}";
        var deleted = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
            catch (RequestFailedException changed) when (changed.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.PreconditionFailed)
            {
                // Deleted meanwhile, or written again since it was read: either way no longer this sweep's to delete.
            }
        }

        return deleted;
    }
}
