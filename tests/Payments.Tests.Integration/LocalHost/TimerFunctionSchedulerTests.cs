using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Payments.Functions;
using Payments.LocalHost;

namespace Payments.Tests.Integration.LocalHost;

/// <summary>The local host runs the timer functions themselves, on their NCRONTAB schedules, on the injected clock.</summary>
public sealed class TimerFunctionSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 3, 29, 55, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void The_apps_timer_functions_are_discovered_with_their_schedules()
    {
        var timers = FunctionCatalog.Discover(FunctionApp.Payments.FunctionClasses).Timers;

        Assert.Equal(
            [
                $"{nameof(OutboxFunctions.DispatchOutbox)} {OutboxFunctions.Schedule}",
                $"{nameof(HousekeepingFunctions.SweepExpiredRecords)} {HousekeepingFunctions.Schedule}",
            ],
            timers.Select(timer => $"{timer.Name} {timer.Schedule}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(nameof(HousekeepingFunctions.SweepExpiredRecords), "2026-11-24T03:30:00Z", "2026-11-25T03:30:00Z")]
    [InlineData(nameof(OutboxFunctions.DispatchOutbox), "2026-11-24T03:30:00Z", "2026-11-24T03:31:00Z")]
    public void The_apps_schedules_are_six_field_ncrontab_in_utc(string function, string first, string second)
    {
        var timer = FunctionCatalog.Discover(FunctionApp.Payments.FunctionClasses).Timers.Single(candidate => candidate.Name == function);
        using var scheduler = Scheduler(timer, new FakeTimeProvider(Start), new ServiceCollection().BuildServiceProvider());

        var next = scheduler.NextOccurrenceAfter(Start)!.Value;

        Assert.Equal((DateTimeOffset.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(second, System.Globalization.CultureInfo.InvariantCulture)),
            (next, scheduler.NextOccurrenceAfter(next)!.Value));
    }

    [Fact]
    public async Task A_timer_function_runs_at_each_occurrence_and_only_then()
    {
        var clock = new FakeTimeProvider(Start);
        var runs = new TimerRuns();
        using var scheduler = Scheduler(Timer(nameof(EveryTenSecondsFunctions.Tick)), clock, Services(runs, clock));
        await scheduler.StartAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(4));
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        var beforeFirstOccurrence = runs.Count;
        clock.Advance(TimeSpan.FromSeconds(1));
        await runs.WaitForAsync(1, Patience);
        clock.Advance(TimeSpan.FromSeconds(10));
        await runs.WaitForAsync(2, Patience);
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal(0, beforeFirstOccurrence);
        Assert.Equal([Start.AddSeconds(5), Start.AddSeconds(15)], runs.Times);
        Assert.DoesNotContain(true, runs.PastDue);
    }

    [Fact]
    public async Task A_failed_run_is_logged_and_the_next_occurrence_still_runs()
    {
        var clock = new FakeTimeProvider(Start);
        var runs = new TimerRuns { FailFirst = true };
        using var scheduler = Scheduler(Timer(nameof(EveryTenSecondsFunctions.Tick)), clock, Services(runs, clock));
        await scheduler.StartAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(5));
        await runs.WaitForAsync(1, Patience);
        clock.Advance(TimeSpan.FromSeconds(10));
        await runs.WaitForAsync(2, Patience);
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal(2, runs.Count);
    }

    [Fact]
    public async Task A_run_on_startup_timer_runs_once_before_its_first_occurrence()
    {
        var clock = new FakeTimeProvider(Start);
        var runs = new TimerRuns();
        using var scheduler = Scheduler(Timer(nameof(EveryTenSecondsFunctions.TickOnStartup)), clock, Services(runs, clock));

        await scheduler.StartAsync(CancellationToken.None);
        await runs.WaitForAsync(1, Patience);
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Equal([Start], runs.Times);
    }

    private static TimerFunction Timer(string name) =>
        FunctionCatalog.Discover([typeof(EveryTenSecondsFunctions)]).Timers.Single(timer => timer.Name == name);

    private static ServiceProvider Services(TimerRuns runs, TimeProvider clock) =>
        new ServiceCollection().AddSingleton(runs).AddSingleton(clock).BuildServiceProvider();

    private static TimerFunctionScheduler Scheduler(TimerFunction timer, TimeProvider clock, IServiceProvider services) =>
        new(timer, services.GetRequiredService<IServiceScopeFactory>(), clock, NullLogger<TimerFunctionScheduler>.Instance);
}

/// <summary>What the test timer functions saw.</summary>
public sealed class TimerRuns
{
    private readonly List<(DateTimeOffset Time, bool PastDue)> runs = [];

    public bool FailFirst { get; init; }

    public int Count
    {
        get
        {
            lock (runs)
            {
                return runs.Count;
            }
        }
    }

    public IReadOnlyList<DateTimeOffset> Times
    {
        get
        {
            lock (runs)
            {
                return [.. runs.Select(run => run.Time)];
            }
        }
    }

    public IReadOnlyList<bool> PastDue
    {
        get
        {
            lock (runs)
            {
                return [.. runs.Select(run => run.PastDue)];
            }
        }
    }

    public void Record(DateTimeOffset time, bool pastDue)
    {
        int count;
        lock (runs)
        {
            runs.Add((time, pastDue));
            count = runs.Count;
        }

        if (FailFirst && count == 1)
        {
            throw new InvalidOperationException("The first run fails.");
        }
    }

    public async Task WaitForAsync(int count, TimeSpan patience)
    {
        using var deadline = new CancellationTokenSource(patience);
        while (Count < count)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), deadline.Token);
        }
    }
}

public sealed class EveryTenSecondsFunctions(TimerRuns runs, TimeProvider clock)
{
    [Function(nameof(Tick))]
    public Task Tick([TimerTrigger("*/10 * * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        runs.Record(clock.GetUtcNow(), timer.IsPastDue);
        return Task.CompletedTask;
    }

    [Function(nameof(TickOnStartup))]
    public Task TickOnStartup([TimerTrigger("0 0 0 1 1 *", RunOnStartup = true)] TimerInfo timer, CancellationToken cancellationToken)
    {
        runs.Record(clock.GetUtcNow(), timer.IsPastDue);
        return Task.CompletedTask;
    }
}
