using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.ReferenceData;

internal sealed class TableRegionCatalog(PaymentsTables tables) : IRegionCatalog
{
    public async Task<Region?> FindAsync(string regionId, Caller caller, CancellationToken cancellationToken)
    {
        var entity = await tables.Regions.FindAsync(regionId, RegionRow.RowKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : RegionRow.FromEntity(entity);
    }
}
