using Azure.Data.Tables;

namespace Payments.Storage.Tables;

/// <summary>
/// A table that is created the first time anyone in the process uses it: concurrent first users share one
/// creation request, later users none; a failed creation is tried again by the next user.
/// </summary>
internal sealed class CreatedOnFirstUseTable(TableClient client)
{
    private readonly Lock gate = new();
    private Task? creation;

    public async ValueTask<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        var creation = Volatile.Read(ref this.creation);
        if (creation is not { IsCompletedSuccessfully: true })
        {
            await StartOrJoinCreation().WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return client;
    }

    /// <summary>A point read: one request, or none for a key the table cannot hold (that is simply not found).</summary>
    public async Task<TableEntity?> FindAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        if (!TableKey.IsValid(partitionKey) || !TableKey.IsValid(rowKey))
        {
            return null;
        }

        var table = await GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private Task StartOrJoinCreation()
    {
        lock (gate)
        {
            if (creation is null || creation.IsFaulted || creation.IsCanceled)
            {
                // Not the caller's token: the creation is shared, one caller giving up must not fail the others.
                creation = client.CreateIfNotExistsAsync(CancellationToken.None);
            }

            return creation;
        }
    }
}
