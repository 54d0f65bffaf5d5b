using Microsoft.Extensions.Time.Testing;
using Payments.Domain.Concurrency;
using Payments.Domain.Errors;

namespace Payments.Tests.Unit.Domain;

public sealed class OptimisticConcurrencyTests
{
    [Fact]
    public async Task Conflicts_are_retried_until_an_attempt_writes()
    {
        var attempts = 0;

        var result = await new OptimisticConcurrency(TimeProvider.System).RunAsync(
            _ => ++attempts < 4 ? throw new VersionConflictException() : Task.FromResult("written"),
            CancellationToken.None);

        Assert.Equal("written", result);
        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task Other_failures_are_not_retried()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => new OptimisticConcurrency(TimeProvider.System).RunAsync<string>(
            _ =>
            {
                attempts++;
                throw new InvalidOperationException("storage down");
            },
            CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_conflict_that_outlives_the_retry_budget_is_a_medusa_conflict()
    {
        var clock = new FakeTimeProvider();
        var attempts = 0;
        var run = new OptimisticConcurrency(clock).RunAsync<string>(
            _ =>
            {
                attempts++;
                throw new VersionConflictException();
            },
            CancellationToken.None);

        while (!run.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(1);
        }

        var error = await Assert.ThrowsAsync<MedusaException>(() => run);
        Assert.Equal(MedusaErrorType.Conflict, error.Type);
        Assert.True(attempts >= 2, "a conflict is retried before the budget is spent");
        Assert.True(clock.GetUtcNow() - FakeStart >= OptimisticConcurrency.RetryBudget);
    }

    private static readonly DateTimeOffset FakeStart = new FakeTimeProvider().GetUtcNow();
}
