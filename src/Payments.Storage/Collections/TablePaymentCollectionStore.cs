using System.Net;
using Azure;
using Azure.Data.Tables;
using Payments.Domain.Collections;
using Payments.Domain.Ports;
using Payments.Domain.Outbox;
using Payments.Storage.Outbox;
using Payments.Storage.Tables;

namespace Payments.Storage.Collections;

/// <summary>
/// Collection documents in <c>paymentcollections</c>. The version is the row's ETag; every change is an
/// If-Match replace, and the outbox messages of a change go in the same partition and the same transaction.
/// </summary>
internal sealed class TablePaymentCollectionStore(PaymentsTables tables) : IPaymentCollectionStore
{
    // A Table Storage transaction holds at most 100 operations; Azurite does not enforce it.
    private const int MaxTransactionActions = 100;

    public async Task<VersionedCollection?> FindAsync(string collectionId, CancellationToken cancellationToken)
    {
        var entity = await tables.PaymentCollections.FindAsync(collectionId, PaymentCollectionRow.RowKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : PaymentCollectionRow.FromEntity(entity);
    }

    public async Task<string> InsertAsync(PaymentCollection collection, CancellationToken cancellationToken)
    {
        var entity = PaymentCollectionRow.ToEntity(collection);
        var table = await tables.PaymentCollections.GetAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        return VersionOf(response);
    }

    public async Task<string?> TryReplaceAsync(
        PaymentCollection collection,
        string expectedVersion,
        IReadOnlyList<OutboxMessage> outbox,
        CancellationToken cancellationToken)
    {
        var document = PaymentCollectionRow.ToEntity(collection);
        var messages = OutboxEntities(collection.Id, outbox);
        var table = await tables.PaymentCollections.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (messages.Count == 0)
            {
                var response = await table.UpdateEntityAsync(document, new ETag(expectedVersion), TableUpdateMode.Replace, cancellationToken)
                    .ConfigureAwait(false);
                return VersionOf(response);
            }

            var actions = messages
                .Select(message => new TableTransactionAction(TableTransactionActionType.UpsertReplace, message))
                .Prepend(new TableTransactionAction(TableTransactionActionType.UpdateReplace, document, new ETag(expectedVersion)))
                .ToList();
            var results = await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return VersionOf(results.Value[0]);
        }
        catch (RequestFailedException lost) when (lost.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            // Another write got there first: it changed the document, or deleted it.
            return null;
        }
    }

    public async Task AppendOutboxAsync(string collectionId, IReadOnlyList<OutboxMessage> outbox, CancellationToken cancellationToken)
    {
        var messages = OutboxEntities(collectionId, outbox);
        if (messages.Count == 0)
        {
            return;
        }

        var table = await tables.PaymentCollections.GetAsync(cancellationToken).ConfigureAwait(false);
        var actions = messages.Select(message => new TableTransactionAction(TableTransactionActionType.UpsertReplace, message));
        await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the document row only: outbox messages in its partition stay for the dispatcher.</summary>
    public async Task DeleteUnlinkedAsync(string collectionId, CancellationToken cancellationToken)
    {
        var table = await tables.PaymentCollections.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(TableKey.EnsureValid(collectionId, nameof(collectionId)), PaymentCollectionRow.RowKey, ETag.All, cancellationToken)
            .ConfigureAwait(false);
    }

    private static List<TableEntity> OutboxEntities(string collectionId, IReadOnlyList<OutboxMessage> outbox)
    {
        if (outbox.Count >= MaxTransactionActions)
        {
            throw new ArgumentException($"At most {MaxTransactionActions - 1} outbox messages fit in one transaction with their document.", nameof(outbox));
        }

        return [.. outbox.Select(message => OutboxRow.ToNewEntity(collectionId, message))];
    }

    private static string VersionOf(Response response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("Table Storage answered a write without an ETag.");
}
