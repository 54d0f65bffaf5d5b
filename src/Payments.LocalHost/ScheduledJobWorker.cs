using Payments.Api.Housekeeping;
using Payments.Domain.Releases;
using Payments.Functions;

namespace Payments.LocalHost;

/// <summary>A timer function's job and its period.</summary>
public sealed record ScheduledJob(string Name, TimeSpan Interval, Func<IServiceProvider, CancellationToken, Task> RunAsync)
{
    /// <summary>The jobs of the timer functions, which this host runs itself: the timer trigger needs the worker's timer extension.</summary>
    public static IReadOnlyList<ScheduledJob> OfTimerFunctions { get; } =
    [
        new(nameof(ProviderReleaseFunctions), ProviderReleaseFunctions.Interval,
            (services, cancellationToken) => services.GetRequiredService<ProviderReleaser>().ProcessDueAsync(cancellationToken)),
        new(nameof(HousekeepingFunctions), HousekeepingFunctions.Interval,
            (services, cancellationToken) => services.GetRequiredService<ExpiredRecordSweeper>().SweepAsync(cancellationToken)),
    ];
}

/// <summary>Runs one <see cref="ScheduledJob"/> on its period, as the Functions host runs the timer function.</summary>
public sealed partial class ScheduledJobWorker(ScheduledJob job, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ScheduledJobWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(job.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await job.RunAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRunFailed(logger, job.Name, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A run of {Job} failed; the next run will try again.")]
    private static partial void LogRunFailed(ILogger logger, string job, Exception exception);
}
