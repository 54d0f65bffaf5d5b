using System.Net;
using Azure;
using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Storage.Tables;

namespace Payments.Storage.Webhooks;

/// <summary><c>webhookevents</c>: partition = provider id, row = the provider's event id; <c>processed_at</c>.</summary>
internal sealed class TableProcessedWebhookEvents(PaymentsTables tables) : IProcessedWebhookEvents
{
    private const string ProcessedAtProperty = "processed_at";

    public async Task<bool> ContainsAsync(string providerId, string eventId, CancellationToken cancellationToken) =>
        await tables.ProcessedWebhookEvents.FindAsync(providerId, eventId, cancellationToken).ConfigureAwait(false) is not null;

    public async Task AddAsync(string providerId, string eventId, DateTimeOffset processedAt, CancellationToken cancellationToken)
    {
        var table = await tables.ProcessedWebhookEvents.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(TableKey.EnsureValid(providerId, nameof(providerId)), TableKey.EnsureValid(eventId, nameof(eventId)))
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
}
