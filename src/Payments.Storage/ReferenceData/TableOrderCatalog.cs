using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.ReferenceData;

internal sealed class TableOrderCatalog(PaymentsTables tables) : IOrderCatalog
{
    public async Task<Order?> FindAsync(string orderId, CancellationToken cancellationToken)
    {
        var entity = await tables.Orders.FindAsync(orderId, OrderRow.RowKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : OrderRow.FromEntity(entity);
    }
}
