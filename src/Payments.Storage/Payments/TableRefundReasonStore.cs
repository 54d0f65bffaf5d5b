using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Domain.RefundReasons;
using Payments.Storage.Tables;

namespace Payments.Storage.Payments;

/// <summary>
/// <c>refundreasons</c>: partition = reason id, row key empty; <c>label</c>, <c>code</c>, <c>description</c>,
/// <c>metadata</c> (JSON text), <c>created_at</c>, <c>updated_at</c>, <c>deleted_at</c>. A store holds a handful
/// of reasons, so listing reads them all.
/// </summary>
internal sealed class TableRefundReasonStore(PaymentsTables tables) : IRefundReasonStore
{
    private const string RowKey = "";

    public async Task<IReadOnlyList<RefundReason>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await tables.RefundReasons.GetAsync(cancellationToken).ConfigureAwait(false);
        var reasons = new List<RefundReason>();
        await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            reasons.Add(ToReason(entity));
        }

        return reasons;
    }

    public async Task<VersionedRefundReason?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var entity = await tables.RefundReasons.FindAsync(id, RowKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new VersionedRefundReason(ToReason(entity), entity.ETag.ToString());
    }

    public async Task InsertAsync(RefundReason reason, CancellationToken cancellationToken)
    {
        var table = await tables.RefundReasons.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.AddEntityAsync(ToEntity(reason), cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryReplaceAsync(RefundReason reason, string expectedVersion, CancellationToken cancellationToken)
    {
        var table = await tables.RefundReasons.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.UpdateEntityAsync(ToEntity(reason), new ETag(expectedVersion), TableUpdateMode.Replace, cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException stale) when (stale.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(RefundReason reason) => new(TableKey.EnsureValid(reason.Id, nameof(reason)), RowKey)
    {
        ["label"] = reason.Label,
        ["code"] = reason.Code,
        ["description"] = reason.Description,
        ["metadata"] = reason.Metadata?.GetRawText(),
        ["created_at"] = reason.CreatedAt,
        ["updated_at"] = reason.UpdatedAt,
        ["deleted_at"] = reason.DeletedAt,
    };

    private static RefundReason ToReason(TableEntity entity) => new()
    {
        Id = entity.PartitionKey,
        Label = entity.Required("label"),
        Code = entity.Required("code"),
        Description = entity.GetString("description"),
        Metadata = entity.GetString("metadata") is { } metadata ? JsonDocument.Parse(metadata).RootElement.Clone() : null,
        CreatedAt = entity.RequiredTime("created_at"),
        UpdatedAt = entity.RequiredTime("updated_at"),
        DeletedAt = entity.GetDateTimeOffset("deleted_at"),
    };
}
