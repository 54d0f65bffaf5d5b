using Microsoft.Extensions.Time.Testing;
using Payments.Domain.Concurrency;
using Payments.Domain.Errors;

namespace Payments.Tests.Unit.Domain;

/// <summary>
/// The per-collection gate on its own: turns in arrival order, no waiting across collections, waiters that give up on
/// their cancellation or their patience without blocking the queue, no entry left once a collection is idle, and a turn
/// that steps out while a call waits.
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
    public async Task A_turn_that_waits_on_a_call_lets_the_next_one_in_and_queues_again_for_its_write()
    {
        var call = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = await gate.EnterAsync("pay_col_1", CancellationToken.None);
        var stepped = first.StepOutAsync(_ => call.Task, CancellationToken.None);

        var second = await gate.EnterAsync("pay_col_1", CancellationToken.None).WaitAsync(Soon);
        call.SetResult("initiated");
        Assert.Equal("initiated", await stepped);
        var returning = first.ReturnAsync(CancellationToken.None);
        Assert.False(returning.IsCompleted);
        second.CountWrite();
        second.Dispose();
        await returning.WaitAsync(Soon);

        Assert.True(first.OthersWroteMeanwhile);
        first.Dispose();
        Assert.Equal(0, gate.BusyCollections);
    }

    [Fact]
    public async Task A_call_that_completes_at_once_keeps_the_turn_and_a_turn_nobody_wrote_behind_is_not_stale()
    {
        using var turn = await gate.EnterAsync("pay_col_1", CancellationToken.None);

        Assert.Equal(1, await turn.StepOutAsync(_ => Task.FromResult(1), CancellationToken.None));
        var waiting = gate.EnterAsync("pay_col_1", CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        var call = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = turn.StepOutAsync(_ => call.Task, CancellationToken.None);
        (await waiting.WaitAsync(Soon)).Dispose();
        call.SetResult(2);
        Assert.Equal(2, await slow);
        await turn.ReturnAsync(CancellationToken.None).WaitAsync(Soon);
        Assert.False(turn.OthersWroteMeanwhile);
    }

    [Fact]
    public async Task A_turn_ended_while_it_was_out_does_not_release_the_gate_a_second_time()
    {
        var call = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = await gate.EnterAsync("pay_col_1", CancellationToken.None);
        var stepped = first.StepOutAsync(_ => call.Task, CancellationToken.None);
        using var second = await gate.EnterAsync("pay_col_1", CancellationToken.None).WaitAsync(Soon);

        call.SetException(new HttpRequestException("provider down"));
        await Assert.ThrowsAsync<HttpRequestException>(() => stepped);
        first.Dispose();
        first.Dispose();

        Assert.False(gate.EnterAsync("pay_col_1", CancellationToken.None).IsCompleted);
    }
}
