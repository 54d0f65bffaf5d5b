using System.Net;
using Azure;
using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> records in <c>idempotencykeys</c>, one row per caller and key. The version is the row's
/// ETag: taking over, completing and releasing are all If-Match, so a request that lost its record to another
/// never overwrites or deletes that one's. Table Storage has no expiry: a row outlives its 24 hours until the same
/// caller reuses the key.
/// </summary>
internal sealed class TableIdempotencyRecords(PaymentsTables tables) : IIdempotencyRecords
{
    public async Task<IdempotencyBegin> TryBeginAsync(IdempotentRequest request, CancellationToken cancellationToken)
    {
        var entity = IdempotencyRow.InFlight(request);
        var table = await tables.IdempotencyKeys.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return new IdempotencyBegin.Started(new IdempotencyClaim(request, VersionOf(response)));
        }
        catch (RequestFailedException taken) when (taken.Status == (int)HttpStatusCode.Conflict)
        {
            var existing = await tables.IdempotencyKeys.FindAsync(entity.PartitionKey, IdempotencyRow.RowKey, cancellationToken)
                .ConfigureAwait(false);
            if (existing is null)
            {
                return new IdempotencyBegin.Vanished();
            }

            var record = IdempotencyRow.ToRecord(existing);

            // The client retried an insert that had landed although its answer was lost: the record is this request's own.
            return record.OwnerId == request.OwnerId
                ? new IdempotencyBegin.Started(new IdempotencyClaim(request, record.Version))
                : new IdempotencyBegin.Found(record);
        }
    }

    public async Task<IdempotencyClaim?> TryTakeOverAsync(IdempotentRequest request, string expectedVersion, CancellationToken cancellationToken)
    {
        var table = await tables.IdempotencyKeys.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await table.UpdateEntityAsync(
                    IdempotencyRow.InFlight(request), new ETag(expectedVersion), TableUpdateMode.Replace, cancellationToken)
                .ConfigureAwait(false);
            return new IdempotencyClaim(request, VersionOf(response));
        }
        catch (RequestFailedException lost) when (IsChangedOrGone(lost))
        {
            return null;
        }
    }

    public async Task CompleteAsync(IdempotencyClaim claim, StoredResponse response, CancellationToken cancellationToken)
    {
        var completed = IdempotencyRow.Completed(claim.Request, response);

        // Azure refuses an entity over 1 MiB and Azurite does not: check here. Our responses are far smaller; one
        // that is not is released rather than kept, so a retry of it runs again.
        if (EntitySize.Of(completed) > EntitySize.MaxBytes)
        {
            await ReleaseAsync(claim, cancellationToken).ConfigureAwait(false);
            return;
        }

        var table = await tables.IdempotencyKeys.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.UpdateEntityAsync(completed, new ETag(claim.Version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException lost) when (IsChangedOrGone(lost))
        {
            // Another request took the key over: the record is that one's now.
        }
    }

    public async Task ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        var table = await tables.IdempotencyKeys.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(IdempotencyRow.PartitionKey(claim.Request), IdempotencyRow.RowKey, new ETag(claim.Version), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RequestFailedException lost) when (IsChangedOrGone(lost))
        {
            // Another request took the key over: the record is that one's now.
        }
    }

    private static bool IsChangedOrGone(RequestFailedException exception) =>
        exception.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound;

    public Task<int> PurgeStartedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        ExpiredRows.DeleteAsync(tables.IdempotencyKeys, IdempotencyRow.StartedAtProperty, cutoff, cancellationToken);

    private static string VersionOf(Response response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("Table Storage answered a write without an ETag.");
}
