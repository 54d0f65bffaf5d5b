using System.Text.Json;
using Azure.Data.Tables;
using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Ports;
using Payments.Storage.Json;
using Payments.Storage.Tables;

namespace Payments.Storage.Collections;

/// <summary>
/// The row of a collection document in <c>paymentcollections</c>: partition = collection id, row key
/// <c>collection</c>, the document's JSON split over <c>document_0</c>, <c>document_1</c>, … Its outbox messages
/// share the partition, so a replace and the messages it needs form one transaction.
/// </summary>
internal static class PaymentCollectionRow
{
    public const string RowKey = "collection";

    private const string DocumentProperty = "document";

    public static TableEntity ToEntity(PaymentCollection collection)
    {
        var entity = new TableEntity(TableKey.EnsureValid(collection.Id, nameof(collection)), RowKey);
        SplitStringProperty.Write(entity, DocumentProperty, JsonSerializer.Serialize(collection, StorageJsonContext.Default.PaymentCollection));
        if (EntitySize.Of(entity) > EntitySize.MaxBytes)
        {
            throw MedusaException.InvalidData($"Payment collection {collection.Id} is too large to store.");
        }

        return entity;
    }

    public static VersionedCollection FromEntity(TableEntity entity)
    {
        var collection = JsonSerializer.Deserialize(SplitStringProperty.Read(entity, DocumentProperty), StorageJsonContext.Default.PaymentCollection)
            ?? throw new InvalidDataException($"Payment collection {entity.PartitionKey} is stored as null.");
        return new VersionedCollection(collection, entity.ETag.ToString());
    }
}
