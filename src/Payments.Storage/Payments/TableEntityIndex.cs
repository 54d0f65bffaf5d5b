using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.Payments;

/// <summary>
/// <c>entityindex</c>: partition = the id of a session, capture, refund or account holder, row key empty; <c>home_id</c>,
/// the collection (or customer) that keeps it.
/// </summary>
internal sealed class TableEntityIndex(PaymentsTables tables) : IEntityIndex
{
    private const string RowKey = "";
    private const string HomeIdProperty = "home_id";

    public async Task AddAsync(string entityId, string homeId, CancellationToken cancellationToken)
    {
        var table = await tables.EntityIndex.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(TableKey.EnsureValid(entityId, nameof(entityId)), RowKey) { [HomeIdProperty] = homeId };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> FindAsync(string entityId, CancellationToken cancellationToken)
    {
        var entity = await tables.EntityIndex.FindAsync(entityId, RowKey, cancellationToken).ConfigureAwait(false);
        return entity?.Required(HomeIdProperty);
    }
}
