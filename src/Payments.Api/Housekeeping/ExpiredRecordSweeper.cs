using Microsoft.Extensions.Logging;
using Payments.Api.Idempotency;
using Payments.Domain.Ports;

namespace Payments.Api.Housekeeping;

/// <summary>
/// Deletes the records that stopped mattering: Table Storage has no time-to-live, so without this the idempotency
/// and processed-event tables would only grow.
/// </summary>
public sealed partial class ExpiredRecordSweeper(
    IIdempotencyRecords idempotencyRecords,
    IProcessedWebhookEvents processedEvents,
    TimeProvider clock,
    ILogger<ExpiredRecordSweeper> logger)
{
    /// <summary>Stripe redelivers a webhook for up to three days; a week keeps every redelivery recognisable.</summary>
    public static readonly TimeSpan ProcessedEventRetention = TimeSpan.FromDays(7);

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var keys = await idempotencyRecords.PurgeStartedBeforeAsync(now - IdempotencyGate.Lifetime, cancellationToken);
        var events = await processedEvents.PurgeProcessedBeforeAsync(now - ProcessedEventRetention, cancellationToken);
        LogSwept(logger, keys, events);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {IdempotencyKeys} expired idempotency records and {WebhookEvents} old processed webhook events.")]
    private static partial void LogSwept(ILogger logger, int idempotencyKeys, int webhookEvents);
}
