using Microsoft.Azure.Functions.Worker;
using Payments.Api.Housekeeping;

namespace Payments.Functions;

/// <summary>Deletes expired idempotency records and old processed webhook events, once a day.</summary>
public sealed class HousekeepingFunctions(ExpiredRecordSweeper sweeper)
{
    public const string Schedule = "0 30 3 * * *";

    /// <summary>The period of <see cref="Schedule"/>, for hosts without the timer trigger.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    [Function(nameof(SweepExpiredRecords))]
    public Task SweepExpiredRecords([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return sweeper.SweepAsync(cancellationToken);
    }
}
