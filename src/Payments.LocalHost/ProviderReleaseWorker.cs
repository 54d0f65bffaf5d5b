using Payments.Domain.Releases;
using Payments.Functions;

namespace Payments.LocalHost;

/// <summary>
/// Runs the provider-release job on the timer function's schedule; in Azure the timer-triggered function
/// does this (the timer trigger needs the worker's timer extension, which this host does not have).
/// </summary>
public sealed partial class ProviderReleaseWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ProviderReleaseWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ProviderReleaseFunctions.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ProviderReleaser>().ProcessDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPassFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A provider-release pass failed; the next pass will try again.")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
