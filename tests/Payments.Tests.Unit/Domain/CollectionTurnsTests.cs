using System.Text.Json;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using NSubstitute.Extensions;
using Payments.Domain.Collections;
using Payments.Domain.Providers;
using Payments.Domain.Sessions;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

/// <summary>
/// Requests for one collection inside one instance take turns at its gate instead of colliding at the conditional write
/// (issue 7), while provider calls, which a request makes once and keeps across its attempts, run outside it. Storage
/// answers after yielding, so that the concurrent requests really interleave.
/// </summary>
public sealed class CollectionTurnsTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    private readonly DomainHarness harness = new(Collection(sessions: [Session(providerId: DomainHarness.ProviderId)])) { AnswersAfterYielding = true };

    [Fact]
    public async Task Sixteen_concurrent_new_sessions_on_one_collection_queue_and_none_is_refused_by_storage()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(index => Task.Run(() => InitializeAsync(index)))).WaitAsync(Soon);

        Assert.Equal(0, harness.RefusedWrites);
        Assert.Equal(16, harness.Writes.Count);
        Assert.All(results, result => Assert.Single(result.Sessions));
        var kept = Assert.Single(harness.Stored.Sessions);
        Assert.Contains(kept.Id, results.Select(result => result.Sessions[0].Id));
        Assert.Equal(16, harness.Writes.Sum(write => write.Releases.Count));
        Assert.Equal(0, harness.Gate.BusyCollections);
    }

    [Fact]
    public async Task Provider_calls_for_one_collection_overlap_and_the_later_writer_reads_again_instead_of_colliding()
    {
        var bothStarted = ProviderInitiatesWaitForEachOther(2);

        var results = await Task.WhenAll(InitializeAsync(1), InitializeAsync(2)).WaitAsync(Soon);

        Assert.True(bothStarted.Task.IsCompletedSuccessfully, "the second provider call started while the first was waiting");
        Assert.Equal((0, 2, 2), (harness.RefusedWrites, harness.Writes.Count, harness.ProviderCalls(nameof(IPaymentProvider.InitiateAsync))));
        await harness.Store.ReceivedWithAnyArgs(3).FindAsync(default!, default);
        Assert.Contains(harness.Stored.Sessions.Single().Id, results.Select(result => result.Sessions.Single().Id));
    }

    [Fact]
    public async Task A_slow_release_after_a_write_does_not_hold_the_collection()
    {
        var release = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Provider.Configure().DeleteAsync(default!, default).ReturnsForAnyArgs(release.Task, Task.FromResult(EmptyJson.Object));

        var first = InitializeAsync(1);
        var second = await InitializeAsync(2).WaitAsync(Soon);

        Assert.False(first.IsCompleted);
        release.SetResult(EmptyJson.Object);
        await first.WaitAsync(Soon);
        Assert.Equal(second.Sessions.Single().Id, harness.Stored.Sessions.Single().Id);
    }

    [Fact]
    public async Task A_request_that_fails_gives_its_turn_back()
    {
        harness.Provider.Configure().InitiateAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("provider down"));
        await Assert.ThrowsAsync<HttpRequestException>(() => InitializeAsync(1));
        harness.Provider.Configure().InitiateAsync(default!, default).ReturnsForAnyArgs(new ProviderInitiateResult("ref", EmptyJson.Object, Status: null));

        await InitializeAsync(2).WaitAsync(Soon);

        Assert.Single(harness.Writes);
        Assert.Equal(0, harness.Gate.BusyCollections);
    }

    private Task<PaymentCollection> InitializeAsync(int data) =>
        harness.Sessions.InitializeAsync(new SessionInitialization(DomainHarness.CollectionId, DomainHarness.ProviderId, Json($$"""{"n":{{data}}}""")), CancellationToken.None);

    /// <summary>Each provider initiate waits until <paramref name="calls"/> of them have started.</summary>
    private TaskCompletionSource ProviderInitiatesWaitForEachOther(int calls)
    {
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        harness.Provider.Configure().InitiateAsync(default!, default).ReturnsForAnyArgs(async call =>
        {
            if (Interlocked.Increment(ref started) == calls)
            {
                allStarted.SetResult();
            }

            await allStarted.Task.WaitAsync(Soon);
            return new ProviderInitiateResult("ref_" + call.Arg<ProviderInitiateRequest>().IdempotencyKey, EmptyJson.Object, Status: null);
        });
        return allStarted;
    }
}
