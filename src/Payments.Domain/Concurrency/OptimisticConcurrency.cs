using Payments.Domain.Errors;

namespace Payments.Domain.Concurrency;

/// <summary>Thrown by an attempt whose conditional write found the record changed since it was read.</summary>
public sealed class VersionConflictException() : Exception("The record changed since it was read.");

/// <summary>
/// Runs read-decide-write attempts on a record other than a collection document (a refund reason, an account holder)
/// until one writes without a version conflict (spec §1.9): conflicts are retried with a short jittered exponential
/// back-off for up to <see cref="RetryBudget"/>, then answered as 409. Collection documents change through
/// <see cref="Collections.CollectionWriter"/>, which keeps the same budget.
/// </summary>
public sealed class OptimisticConcurrency(TimeProvider backOffClock)
{
    public static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(15);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMilliseconds(400);

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var backOff = new BackOff(backOffClock);
        while (true)
        {
            try
            {
                return await attempt(cancellationToken);
            }
            catch (VersionConflictException)
            {
                await backOff.WaitAsync(cancellationToken);
            }
        }
    }

    /// <summary>The jittered exponential back-off of one run, and its budget: spent, the wait is the 409.</summary>
    internal sealed class BackOff(TimeProvider clock)
    {
        private readonly long startedAt = clock.GetTimestamp();
        private TimeSpan nextDelay = FirstBackOff;

        public bool WithinBudget => clock.GetElapsedTime(startedAt) < RetryBudget;

        /// <exception cref="MedusaException">The conflict, once the budget is spent.</exception>
        public Task WaitAsync(CancellationToken cancellationToken)
        {
            if (!WithinBudget)
            {
                throw MedusaException.Conflict();
            }

            var delay = nextDelay * (0.5 + (Random.Shared.NextDouble() / 2));
            nextDelay = TimeSpan.FromTicks(Math.Min(nextDelay.Ticks * 2, MaxBackOff.Ticks));
            return Task.Delay(delay, clock, cancellationToken);
        }
    }
}
