using System.Net;
using Azure;
using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.Collections;

/// <summary>
/// <c>cartcollections</c>: partition = cart id, row key empty, <c>collection_id</c>. The first insert wins a
/// claim race; the service's insert-if-absent decides it, never a read followed by a write.
/// </summary>
internal sealed class TableCartCollectionLinks(PaymentsTables tables) : ICartCollectionLinks
{
    private const string RowKey = "";
    private const string CollectionIdProperty = "collection_id";

    public async Task<string?> FindCollectionIdAsync(string cartId, CancellationToken cancellationToken)
    {
        var entity = await tables.CartCollections.FindAsync(cartId, RowKey, cancellationToken).ConfigureAwait(false);
        return entity?.Required(CollectionIdProperty);
    }

    public async Task<string> LinkIfAbsentAsync(string cartId, string collectionId, CancellationToken cancellationToken)
    {
        var link = new TableEntity(TableKey.EnsureValid(cartId, nameof(cartId)), RowKey) { [CollectionIdProperty] = collectionId };
        var table = await tables.CartCollections.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(link, cancellationToken).ConfigureAwait(false);
            return collectionId;
        }
        catch (RequestFailedException alreadyLinked) when (alreadyLinked.Status == (int)HttpStatusCode.Conflict)
        {
            // A link is only deleted when its collection is deleted while not_paid, so the winner's row is there to read.
            var existing = await table.GetEntityAsync<TableEntity>(cartId, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return existing.Value.Required(CollectionIdProperty);
        }
    }

    public async Task UnlinkAsync(string cartId, string collectionId, CancellationToken cancellationToken)
    {
        var table = await tables.CartCollections.GetAsync(cancellationToken).ConfigureAwait(false);
        var link = await tables.CartCollections.FindAsync(cartId, RowKey, cancellationToken).ConfigureAwait(false);
        if (link?.GetString(CollectionIdProperty) != collectionId)
        {
            return;
        }

        try
        {
            await table.DeleteEntityAsync(cartId, RowKey, link.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException changed) when (changed.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.PreconditionFailed)
        {
            // Already unlinked, or linked anew meanwhile: either way not this collection's link any more.
        }
    }
}
