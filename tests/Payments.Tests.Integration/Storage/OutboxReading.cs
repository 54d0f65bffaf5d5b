using System.Text.Json;
using Payments.Domain.Outbox;

namespace Payments.Tests.Integration.Storage;

/// <summary>How the tests read an outbox: every live message of a host's (or a test's) tables, due or not.</summary>
internal static class OutboxReading
{
    private static readonly DateTimeOffset FarFuture = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The live (not dead) messages of every collection, whenever they fall due.</summary>
    public static Task<IReadOnlyList<PendingOutboxMessage>> LiveMessagesAsync(this IOutboxStore outbox) =>
        outbox.FindDueAsync(FarFuture, 1000, CancellationToken.None);

    /// <summary>The live messages of one collection.</summary>
    public static async Task<IReadOnlyList<PendingOutboxMessage>> LiveMessagesOfAsync(this IOutboxStore outbox, string collectionId) =>
        [.. (await outbox.LiveMessagesAsync()).Where(pending => pending.CollectionId == collectionId)];

    /// <summary>A message as JSON, its kind included: records holding JSON have no value equality.</summary>
    public static string Canonical(OutboxMessage message) => JsonSerializer.Serialize(message);
}
