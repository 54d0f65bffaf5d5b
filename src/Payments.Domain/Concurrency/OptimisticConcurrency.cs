using Payments.Domain.Errors;
using Polly;
using Polly.Retry;

namespace Payments.Domain.Concurrency;

/// <summary>Thrown by an attempt whose conditional write found the document changed since it was read.</summary>
/// <param name="queued">
/// The change is a write of this instance that the <see cref="CollectionGate"/> already let through while the attempt was
/// out of it: the retry queues at the gate at once, with no back-off.
/// </param>
public sealed class VersionConflictException(bool queued = false) : Exception("The document changed since it was read.")
{
    public bool Queued => queued;
}

/// <summary>
/// Thrown by an attempt whose conditional write storage did not answer: it may or may not have landed. Retried like a
/// conflict (the next attempt reads what is there); when the budget is spent the caller sees the outage itself.
/// </summary>
public sealed class UnknownWriteOutcomeException(MedusaException outage) : Exception("Storage did not answer a write.", outage)
{
    public MedusaException Outage => outage;
}

/// <summary>
/// Runs read-decide-write attempts until one writes without a version conflict (spec §1.9): conflicts are
/// retried with a short jittered exponential back-off (none for a conflict the collection's gate queues) for up to the
/// retry budget, then answered as 409. Storage outages are retried within the same budget by attempts that must land
/// whatever happens (the second half of a money operation), and by any run once one of its writes went unanswered: it
/// may have landed, and the run keeps reading until it knows rather than leave a change it cannot report.
/// </summary>
public sealed class OptimisticConcurrency
{
    public static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(10);

    private static readonly ResiliencePropertyKey<long> StartedAt = new("payments.optimistic.started-at");
    private static readonly ResiliencePropertyKey<bool> ThroughOutages = new("payments.optimistic.through-outages");
    private static readonly ResiliencePropertyKey<bool> OutcomeUnknown = new("payments.optimistic.outcome-unknown");

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
                    IsRetried(args.Outcome.Exception, args.Context) && WithinBudget(args.Context)),
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is VersionConflictException { Queued: true } ? TimeSpan.Zero : (TimeSpan?)null),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(15),
                MaxDelay = TimeSpan.FromMilliseconds(400),
            })
            .Build();
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> until it completes without throwing <see cref="VersionConflictException"/>
    /// (and, with <paramref name="throughOutages"/>, without storage being unavailable). When the budget is spent,
    /// throws the conflict <see cref="MedusaException"/>, or the last outage.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken, bool throughOutages = false)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StartedAt, backOffClock.GetTimestamp());
        context.Properties.Set(ThroughOutages, throughOutages);
        context.Properties.Set(OutcomeUnknown, false);
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
        catch (UnknownWriteOutcomeException unknown)
        {
            throw unknown.Outage;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static bool IsRetried(Exception? exception, ResilienceContext context)
    {
        if (exception is UnknownWriteOutcomeException)
        {
            context.Properties.Set(OutcomeUnknown, true);
            return true;
        }

        return exception is VersionConflictException
            || (exception is MedusaException { IsStorageUnavailable: true }
                && (context.Properties.GetValue(ThroughOutages, false) || context.Properties.GetValue(OutcomeUnknown, false)));
    }

    private bool WithinBudget(ResilienceContext context) =>
        backOffClock.GetElapsedTime(context.Properties.GetValue(StartedAt, 0L)) < RetryBudget;
}
