using Microsoft.Extensions.Time.Testing;
using Payments.Domain.Concurrency;
using Payments.Domain.Errors;
using Payments.Domain.Ports;

using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

/// <summary>
/// The per-collection gate on its own: turns in arrival order, no waiting across collections, waiters that give up on
/// their cancellation or their patience without blocking the queue, no entry left once a collection is idle, and a turn
/// that hands the version it saw to the next.
/// </summary>
public sealed class CollectionGateTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider clock = new();
    private readonly CollectionGate gate;

    public CollectionGateTests() => gate = new CollectionGate(clock);

    [Fact]
    public async Task Turns_on_one_collection_are_taken_one_at_a_time_in_arrival_order()
    {
        var order = new List<int>();
        var first = await gate.EnterAsync("pay_col_1", CancellationToken.None);
        var waiters = Enumerable.Range(1, 5).Select(index => TakeTurnAsync(index)).ToList();

        Assert.All(waiters, waiter => Assert.False(waiter.IsCompleted));
        first.Dispose();
        await Task.WhenAll(waiters).WaitAsync(Soon);

        Assert.Equal([1, 2, 3, 4, 5], order);
        Assert.Equal(0, gate.BusyCollections);

        async Task TakeTurnAsync(int index)
        {
            using var turn = await gate.EnterAsync("pay_col_1", CancellationToken.None);
            lock (order)
            {
                order.Add(index);
            }

            await Task.Yield();
        }
    }

    [Fact]
    public async Task A_held_collection_does_not_hold_up_another()
    {
        using var held = await gate.EnterAsync("pay_col_1", CancellationToken.None);

        var other = gate.EnterAsync("pay_col_2", CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
        (await other).Dispose();
        Assert.Equal(1, gate.BusyCollections);
    }

    [Fact]
    public async Task A_waiter_whose_request_is_cancelled_gives_up_and_the_queue_goes_on()
    {
        var holder = await gate.EnterAsync("pay_col_1", CancellationToken.None);
        using var deadline = new CancellationTokenSource();
        var abandoned = gate.EnterAsync("pay_col_1", deadline.Token);
        var next = gate.EnterAsync("pay_col_1", CancellationToken.None);

        await deadline.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.False(next.IsCompleted);
        holder.Dispose();
        (await next.WaitAsync(Soon)).Dispose();
        Assert.Equal(0, gate.BusyCollections);
    }

    [Fact]
    public async Task A_waiter_that_waited_the_whole_conflict_budget_gets_the_conflict_and_leaves_no_entry()
    {
        var holder = await gate.EnterAsync("pay_col_1", CancellationToken.None);
        var waiter = gate.EnterAsync("pay_col_1", CancellationToken.None);

        clock.Advance(CollectionGate.Patience - TimeSpan.FromMilliseconds(1));
        Assert.False(waiter.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<MedusaException>(() => waiter.WaitAsync(Soon));
        Assert.Equal(MedusaErrorType.Conflict, error.Type);
        holder.Dispose();
        Assert.Equal(0, gate.BusyCollections);
    }

    [Fact]
    public async Task A_turn_hands_the_newest_version_to_the_next_while_the_gate_stays_in_use()
    {
        var first = await gate.EnterAsync("pay_col_1", CancellationToken.None);
        var waiting = gate.EnterAsync("pay_col_1", CancellationToken.None);
        var written = new VersionedCollection(Collection(), "v2");
        first.Newest = written;
        first.Dispose();

        using (var second = await waiting.WaitAsync(Soon))
        {
            Assert.Same(written, second.Newest);
        }

        using var afterwards = await gate.EnterAsync("pay_col_1", CancellationToken.None);
        Assert.Null(afterwards.Newest);
    }

    [Fact]
    public async Task A_turn_disposed_twice_releases_the_gate_once()
    {
        var first = await gate.EnterAsync("pay_col_1", CancellationToken.None);
        var second = gate.EnterAsync("pay_col_1", CancellationToken.None);
        first.Dispose();
        first.Dispose();
        using var held = await second.WaitAsync(Soon);

        Assert.False(gate.EnterAsync("pay_col_1", CancellationToken.None).IsCompleted);
    }
}
