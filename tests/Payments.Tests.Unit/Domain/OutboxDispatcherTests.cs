using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Payments.Domain.Outbox;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

/// <summary>The outbox's delivery: at once after the write when due, then by the timer with back-off, until done or dead.</summary>
public sealed class OutboxDispatcherTests
{
    private readonly InMemoryCollectionStore store = new();
    private readonly FakeTimeProvider clock = new(Start);
    private readonly ScriptedHandler handler = new();
    private readonly OutboxDispatcher dispatcher;

    public OutboxDispatcherTests() =>
        dispatcher = new OutboxDispatcher(store, new Lazy<IReadOnlyList<IOutboxHandler>>(() => [handler]), clock, NullLogger<OutboxDispatcher>.Instance);

    [Fact]
    public async Task A_message_due_after_its_write_is_performed_at_once_and_removed()
    {
        var message = Unlinking("cart_1");
        await store.AppendOutboxAsync("pay_col_1", [message], CancellationToken.None);

        await dispatcher.DispatchAfterWriteAsync("pay_col_1", [message], CancellationToken.None);

        Assert.Equal(["cart_1"], handler.Performed);
        Assert.Empty(store.Outbox);
    }

    [Fact]
    public async Task A_failure_after_the_write_is_left_to_the_timer_which_backs_off_exponentially()
    {
        var message = Unlinking("cart_1");
        await store.AppendOutboxAsync("pay_col_1", [message], CancellationToken.None);
        handler.FailuresLeft = 3;

        await dispatcher.DispatchAfterWriteAsync("pay_col_1", [message], CancellationToken.None);
        Assert.Single(store.Outbox);
        Assert.Equal(0, await RunTimerAfterAsync(OutboxTiming.FirstRetryDelay));
        Assert.Equal((1, Start + OutboxTiming.FirstRetryDelay + TimeSpan.FromMinutes(1)), (store.Outbox[0].Attempts, store.Outbox[0].NextAttemptAt));
        Assert.Equal(0, await RunTimerAfterAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(2, store.Outbox[0].Attempts);
        Assert.Equal(0, await RunTimerAfterAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await RunTimerAfterAsync(TimeSpan.FromMinutes(2)));

        Assert.Empty(store.Outbox);
    }

    [Fact]
    public async Task A_message_that_fails_for_72_hours_is_kept_dead_for_an_operator()
    {
        var message = Unlinking("cart_1");
        await store.AppendOutboxAsync("pay_col_1", [message], CancellationToken.None);
        handler.FailuresLeft = int.MaxValue;

        for (var hour = 0; hour <= 75; hour++)
        {
            await RunTimerAfterAsync(TimeSpan.FromHours(1));
        }

        var dead = Assert.Single(store.Outbox);
        Assert.True(dead.IsDead);
        Assert.StartsWith("IOException", dead.LastError, StringComparison.Ordinal);
        var attempts = dead.Attempts;
        await RunTimerAfterAsync(TimeSpan.FromHours(1));
        Assert.Equal(attempts, store.Outbox[0].Attempts);
    }

    [Fact]
    public async Task A_handler_that_is_not_done_yet_is_asked_again_when_it_says()
    {
        var message = Unlinking("cart_later");
        await store.AppendOutboxAsync("pay_col_1", [message], CancellationToken.None);
        handler.AgainAfter = TimeSpan.FromMinutes(10);

        await RunTimerAfterAsync(OutboxTiming.FirstRetryDelay);

        var pending = Assert.Single(store.Outbox);
        Assert.Equal((0, clock.GetUtcNow() + TimeSpan.FromMinutes(10)), (pending.Attempts, pending.NextAttemptAt));
    }

    private Task<int> RunTimerAfterAsync(TimeSpan elapsed)
    {
        clock.Advance(elapsed);
        return dispatcher.ProcessDueAsync(CancellationToken.None);
    }

    private CartUnlinking Unlinking(string cartId) => new(cartId) { DueAt = clock.GetUtcNow() + OutboxTiming.FirstRetryDelay };

    private sealed class ScriptedHandler : OutboxHandler<CartUnlinking>
    {
        public List<string> Performed { get; } = [];

        public int FailuresLeft { get; set; }

        public TimeSpan? AgainAfter { get; set; }

        protected override Task<OutboxHandled> HandleAsync(string collectionId, CartUnlinking message, CancellationToken cancellationToken)
        {
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new IOException("not now");
            }

            if (AgainAfter is { } after)
            {
                return Task.FromResult(OutboxHandled.Again(message.DueAt + after));
            }

            Performed.Add(message.CartId);
            return Task.FromResult(OutboxHandled.Done);
        }
    }
}
