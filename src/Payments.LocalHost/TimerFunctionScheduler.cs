using System.Reflection;
using Cronos;
using Microsoft.Azure.Functions.Worker;

namespace Payments.LocalHost;

/// <summary>
/// Runs one timer function the way the Functions host's timer trigger does: on its six-field NCRONTAB schedule
/// (seconds first) in UTC, once at start-up too when <c>RunOnStartup</c> is set, one run at a time, each in a DI
/// scope of its own. Times come from the injected <see cref="TimeProvider"/>; a failed run is logged and the next
/// occurrence runs as planned.
/// </summary>
public sealed partial class TimerFunctionScheduler(
    TimerFunction function,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<TimerFunctionScheduler> logger) : BackgroundService
{
    private readonly CronExpression schedule = CronExpression.Parse(function.Schedule, CronFormat.IncludeSeconds);
    private DateTimeOffset startedAt;

    /// <summary>The next time the function is due after <paramref name="instant"/>; null when the schedule has no more.</summary>
    public DateTimeOffset? NextOccurrenceAfter(DateTimeOffset instant) => schedule.GetNextOccurrence(instant, TimeZoneInfo.Utc);

    /// <summary>The schedule counts from the moment the host starts the service, whenever the loop gets a thread.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        startedAt = clock.GetUtcNow();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTimeOffset? last = null;
        if (function.RunOnStartup)
        {
            await RunAsync(last, startedAt, pastDue: false, stoppingToken);
        }

        // Each occurrence follows the one before it, not the clock, so a run that ends late still runs the next one on
        // time; occurrences missed altogether (a long run, a suspended process) make one past-due run, as the host's does.
        var anchor = startedAt;
        while (NextOccurrenceAfter(anchor) is { } due)
        {
            var now = clock.GetUtcNow();
            var missed = due < now;
            if (due > now)
            {
                await Task.Delay(due - now, clock, stoppingToken);
            }

            await RunAsync(last, due, missed, stoppingToken);
            last = due;
            anchor = missed ? clock.GetUtcNow() : due;
        }
    }

    private async Task RunAsync(DateTimeOffset? last, DateTimeOffset due, bool pastDue, CancellationToken stoppingToken)
    {
        var timer = new TimerInfo
        {
            IsPastDue = pastDue,
            ScheduleStatus = new ScheduleStatus
            {
                Last = (last ?? default).UtcDateTime,
                Next = NextOccurrenceAfter(due)?.UtcDateTime ?? default,
                LastUpdated = clock.GetUtcNow().UtcDateTime,
            },
        };
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var instance = ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Method.DeclaringType!);
            var arguments = function.Method.GetParameters().Select(parameter => Argument(parameter, timer, stoppingToken)).ToArray();
            if (function.Method.Invoke(instance, arguments) is Task run)
            {
                await run;
            }
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            LogRunFailed(logger, function.Name, exception is TargetInvocationException { InnerException: { } inner } ? inner : exception);
        }
    }

    private object Argument(ParameterInfo parameter, TimerInfo timer, CancellationToken stoppingToken) =>
        parameter.ParameterType == typeof(TimerInfo) ? timer
        : parameter.ParameterType == typeof(CancellationToken) ? stoppingToken
        : throw new NotSupportedException($"Timer function {function.Name} takes a {parameter.ParameterType.Name}; the local host binds TimerInfo and CancellationToken only.");

    [LoggerMessage(Level = LogLevel.Error, Message = "A run of the timer function {Function} failed; the next occurrence runs as planned.")]
    private static partial void LogRunFailed(ILogger logger, string function, Exception exception);
}
