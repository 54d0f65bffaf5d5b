using Payments.Domain.Errors;
using Polly;
using Polly.Retry;

namespace Payments.Domain.Concurrency;

/// <summary>Thrown by an attempt whose conditional write found the document changed since it was read.</summary>
public sealed class VersionConflictException() : Exception("The document changed since it was read.");

/// <summary>
/// Runs read-decide-write attempts until one writes without a version conflict (spec §1.9): conflicts are
/// retried with a short jittered exponential back-off for up to the retry budget, then answered as 409.
/// </summary>
public sealed class OptimisticConcurrency
{
    public static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(10);

    private static readonly ResiliencePropertyKey<long> StartedAt = new("payments.optimistic.started-at");

    private readonly TimeProvider backOffClock;
    private readonly ResiliencePipeline pipeline;

    /// <param name="backOffClock">Measures the budget and drives the back-off delays.</param>
    public OptimisticConcurrency(TimeProvider backOffClock)
    {
        this.backOffClock = backOffClock;
        pipeline = new ResiliencePipelineBuilder { TimeProvider = backOffClock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is VersionConflictException && WithinBudget(args.Context)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(15),
                MaxDelay = TimeSpan.FromMilliseconds(400),
            })
            .Build();
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> until it completes without throwing <see cref="VersionConflictException"/>.
    /// When the budget is spent, throws the conflict <see cref="MedusaException"/>.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StartedAt, backOffClock.GetTimestamp());
        try
        {
            return await pipeline.ExecuteAsync(
                static (ctx, run) => new ValueTask<T>(run(ctx.CancellationToken)),
                context,
                attempt);
        }
        catch (VersionConflictException)
        {
            throw MedusaException.Conflict();
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private bool WithinBudget(ResilienceContext context) =>
        backOffClock.GetElapsedTime(context.Properties.GetValue(StartedAt, 0L)) < RetryBudget;
}
