using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.ReferenceData;

internal sealed class TableApiKeyCatalog(PaymentsTables tables) : IApiKeyCatalog
{
    public async Task<ApiKey?> FindByTokenAsync(string token, CancellationToken cancellationToken)
    {
        var tokenHash = ApiKeyTokenHash.Of(token);
        var entity = await tables.ApiKeys.FindAsync(ApiKeyTokenHash.ToPartitionKey(tokenHash), ApiKeyRow.RowKey, cancellationToken).ConfigureAwait(false);

        // The read is keyed by the hash already; the constant-time comparison keeps any key lookup in the
        // service's own matching (case folding, for one) from deciding who is authenticated.
        return entity is not null && ApiKeyTokenHash.Matches(entity.PartitionKey, tokenHash) ? ApiKeyRow.FromEntity(entity) : null;
    }
}
