using System.Text.Json;
using Azure.Data.Tables;
using Payments.Domain.Outbox;
using Payments.Storage.Json;
using Payments.Storage.Tables;

namespace Payments.Storage.Outbox;

/// <summary>
/// An outbox message in <c>paymentcollections</c>: partition = its collection's id (the document's partition, so that the
/// message and the change that needs it form one transaction), row key <c>outbox|&lt;message id&gt;</c>; the message as
/// JSON, and its delivery state as properties the timer's query filters on.
/// </summary>
internal static class OutboxRow
{
    private const string RowKeyPrefix = "outbox|";

    // The first row key after every "outbox|…" one: '}' follows '|'.
    private const string RowKeyUpperBound = "outbox}";

    private const string MessageProperty = "message";
    private const string AttemptsProperty = "attempts";
    private const string NextAttemptAtProperty = "next_attempt_at";
    private const string LastErrorProperty = "last_error";
    private const string DeadProperty = "dead";

    public static string RowKey(string messageId) => RowKeyPrefix + TableKey.EnsureValid(messageId, nameof(messageId));

    /// <summary>
    /// The server-side filter for live messages due at <paramref name="now"/>, in every partition. Property names are
    /// spelled out: interpolated values become quoted literals.
    /// </summary>
    public static string DueFilter(DateTimeOffset now) =>
        TableClient.CreateQueryFilter($"RowKey ge {RowKeyPrefix} and RowKey lt {RowKeyUpperBound} and next_attempt_at le {now} and dead eq false");

    public static TableEntity ToNewEntity(string collectionId, OutboxMessage message) =>
        ToEntity(new PendingOutboxMessage(collectionId, message, Attempts: 0, message.DueAt, LastError: null, IsDead: false, Version: ""));

    public static TableEntity ToEntity(PendingOutboxMessage pending)
    {
        var entity = new TableEntity(TableKey.EnsureValid(pending.CollectionId, nameof(pending)), RowKey(pending.Message.Id))
        {
            [AttemptsProperty] = pending.Attempts,
            [NextAttemptAtProperty] = pending.NextAttemptAt,
            [LastErrorProperty] = pending.LastError,
            [DeadProperty] = pending.IsDead,
        };
        SplitStringProperty.Write(entity, MessageProperty, JsonSerializer.Serialize(pending.Message, StorageJsonContext.Default.OutboxMessage));
        return entity;
    }

    public static PendingOutboxMessage FromEntity(TableEntity entity)
    {
        var message = JsonSerializer.Deserialize(SplitStringProperty.Read(entity, MessageProperty), StorageJsonContext.Default.OutboxMessage)
            ?? throw new InvalidDataException($"Outbox row {entity.PartitionKey}/{entity.RowKey} holds null.");
        return new PendingOutboxMessage(
            entity.PartitionKey,
            message,
            entity.GetInt32(AttemptsProperty) ?? 0,
            entity.RequiredTime(NextAttemptAtProperty),
            entity.GetString(LastErrorProperty),
            entity.GetBoolean(DeadProperty) ?? false,
            entity.ETag.ToString());
    }
}
