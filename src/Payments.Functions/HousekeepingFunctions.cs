using Microsoft.Azure.Functions.Worker;
using Payments.Api.Housekeeping;

namespace Payments.Functions;

/// <summary>Deletes expired idempotency records and old processed webhook events, once a day.</summary>
public sealed class HousekeepingFunctions(ExpiredRecordSweeper sweeper)
{
    /// <summary>NCRONTAB with seconds, in UTC (the local host runs it on the same schedule).</summary>
    public const string Schedule = "0 30 3 * * *";

    [Function(nameof(SweepExpiredRecords))]
    public Task SweepExpiredRecords([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return sweeper.SweepAsync(cancellationToken);
    }
}
