using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.Webhooks;

/// <summary>
/// <c>webhookevents</c>: partition = provider id, row = the SHA-256 of the provider's event id in lower-case hex;
/// <c>processed_at</c>. The event id is the provider's text, signed but not shaped by us: it may be longer than a
/// key holds or contain <c>/ \ # ?</c> or control characters, which no key may, so it is stored under its hash.
/// </summary>
internal sealed class TableProcessedWebhookEvents(PaymentsTables tables) : IProcessedWebhookEvents
{
    private const string ProcessedAtProperty = "processed_at";

    public async Task<bool> ContainsAsync(string providerId, string eventId, CancellationToken cancellationToken) =>
        await tables.ProcessedWebhookEvents.FindAsync(providerId, RowKeyOf(eventId), cancellationToken).ConfigureAwait(false) is not null;

    public async Task AddAsync(string providerId, string eventId, DateTimeOffset processedAt, CancellationToken cancellationToken)
    {
        var table = await tables.ProcessedWebhookEvents.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(TableKey.EnsureValid(providerId, nameof(providerId)), RowKeyOf(eventId))
        {
            [ProcessedAtProperty] = processedAt,
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException recorded) when (recorded.Status == (int)HttpStatusCode.Conflict)
        {
            // A concurrent delivery of the same event recorded it first; processing is idempotent, so that is fine.
        }
    }

    public Task<int> PurgeProcessedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        ExpiredRows.DeleteAsync(tables.ProcessedWebhookEvents, ProcessedAtProperty, cutoff, cancellationToken);

    internal static string RowKeyOf(string eventId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)));
}
