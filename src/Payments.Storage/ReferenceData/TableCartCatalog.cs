using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.ReferenceData;

internal sealed class TableCartCatalog(PaymentsTables tables) : ICartCatalog
{
    public async Task<Cart?> FindAsync(string cartId, Caller caller, CancellationToken cancellationToken)
    {
        var entity = await tables.Carts.FindAsync(cartId, CartRow.RowKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : CartRow.FromEntity(entity);
    }
}
