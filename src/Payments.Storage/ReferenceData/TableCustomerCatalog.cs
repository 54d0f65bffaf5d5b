using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.ReferenceData;

/// <summary>Table mode: the signed-in customer is the one the verified token names.</summary>
internal sealed class TableCustomerCatalog(PaymentsTables tables) : ICustomerCatalog
{
    public async Task<Customer?> FindAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.Customer is not { } signedIn)
        {
            return null;
        }

        var entity = await tables.Customers.FindAsync(signedIn.CustomerId, CustomerRow.RowKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : CustomerRow.FromEntity(entity);
    }
}
