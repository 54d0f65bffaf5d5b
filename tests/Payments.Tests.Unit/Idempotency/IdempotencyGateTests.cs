using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Payments.Api.Errors;
using Payments.Api.Idempotency;
using Payments.Api.Serialization;
using Payments.Domain.Errors;
using Payments.Domain.Ports;

namespace Payments.Tests.Unit.Idempotency;

public sealed class IdempotencyGateTests
{
    private const string Caller = "pk_caller";
    private const string Key = "key-1";
    private static readonly JsonElement Body = JsonDocument.Parse("""{"cart_id":"cart_1"}""").RootElement;
    private static readonly StoredResponse Stored = new(200, JsonResponse.JsonContentType, Encoding.UTF8.GetBytes("""{"ok":true}"""));

    private readonly IIdempotencyRecords records = Substitute.For<IIdempotencyRecords>();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 11, 24, 18, 236, TimeSpan.Zero));

    [Fact]
    public async Task A_request_without_a_key_goes_on_without_touching_the_records()
    {
        var start = await Gate().StartAsync(IdempotencyTestRequests.Post(), Caller, Body, CancellationToken.None);

        Assert.Same(IdempotencyStart.WithoutKey, start);
        Assert.Empty(records.ReceivedCalls());
    }

    [Fact]
    public async Task A_free_key_is_claimed_for_the_caller_with_the_request_fingerprint_and_the_clock_time()
    {
        records.TryBeginAsync(default!, default).ReturnsForAnyArgs(call => new IdempotencyBegin.Started(new IdempotencyClaim(call.Arg<IdempotentRequest>(), "v1")));

        var start = await StartAsync();

        Assert.Null(start.Replay);
        Assert.Equal(new IdempotentRequest(Caller, Key, Fingerprint(), clock.GetUtcNow()) { OwnerId = start.Claim!.Request.OwnerId }, start.Claim.Request);
        Assert.Equal("v1", start.Claim.Version);
    }

    [Fact]
    public async Task The_same_request_after_a_completed_one_is_replayed()
    {
        Existing(Record(Fingerprint(), startedAgo: TimeSpan.FromHours(23), Stored));

        var start = await StartAsync();

        Assert.Null(start.Claim);
        Assert.Equal(Stored.Body.ToArray(), start.Replay!.Body.ToArray());
        Assert.Equal((200, JsonResponse.JsonContentType), (start.Replay.StatusCode, start.Replay.ContentType));
    }

    [Fact]
    public async Task A_different_request_with_a_used_key_is_refused_with_the_key_in_the_message()
    {
        Existing(Record("another fingerprint", startedAgo: TimeSpan.FromMinutes(1), Stored));

        var error = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(StartAsync);

        Assert.Equal("Idempotency-Key key-1 was already used with a different request body", error.Message);
    }

    [Fact]
    public async Task The_same_request_while_the_first_is_in_flight_is_a_conflict()
    {
        Existing(Record(Fingerprint(), startedAgo: IdempotencyGate.AbandonedAfter - TimeSpan.FromSeconds(1), response: null));

        var error = await Assert.ThrowsAsync<MedusaException>(StartAsync);

        Assert.Equal(MedusaErrorType.Conflict, error.Type);
        await records.DidNotReceiveWithAnyArgs().TryTakeOverAsync(default!, default!, default);
    }

    [Fact]
    public async Task A_record_older_than_24_hours_is_taken_over_whatever_its_fingerprint()
    {
        Existing(Record("another fingerprint", startedAgo: IdempotencyGate.Lifetime, Stored));
        records.TryTakeOverAsync(default!, default!, default).ReturnsForAnyArgs(call => new IdempotencyClaim(call.Arg<IdempotentRequest>(), "v2"));

        var start = await StartAsync();

        Assert.Equal("v2", start.Claim!.Version);
        await records.Received(1).TryTakeOverAsync(Arg.Is<IdempotentRequest>(request => request.Fingerprint == Fingerprint()), "old", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_in_flight_record_older_than_the_abandonment_delay_is_taken_over()
    {
        Existing(Record(Fingerprint(), startedAgo: IdempotencyGate.AbandonedAfter, response: null));
        records.TryTakeOverAsync(default!, default!, default).ReturnsForAnyArgs(call => new IdempotencyClaim(call.Arg<IdempotentRequest>(), "v2"));

        var start = await StartAsync();

        Assert.Equal("v2", start.Claim!.Version);
    }

    [Fact]
    public async Task A_lost_take_over_decides_again_on_the_record_that_won()
    {
        records.TryBeginAsync(default!, default).ReturnsForAnyArgs(
            new IdempotencyBegin.Found(Record(Fingerprint(), startedAgo: IdempotencyGate.Lifetime, Stored)),
            new IdempotencyBegin.Found(Record(Fingerprint(), startedAgo: TimeSpan.Zero, response: null)));
        records.TryTakeOverAsync(default!, default!, default).ReturnsForAnyArgs((IdempotencyClaim?)null);

        var error = await Assert.ThrowsAsync<MedusaException>(StartAsync);

        Assert.Equal(MedusaErrorType.Conflict, error.Type);
        await records.ReceivedWithAnyArgs(2).TryBeginAsync(default!, default);
    }

    [Fact]
    public async Task A_record_that_vanished_before_it_was_read_is_begun_again()
    {
        records.TryBeginAsync(default!, default).ReturnsForAnyArgs(
            call => new IdempotencyBegin.Vanished(),
            call => new IdempotencyBegin.Started(new IdempotencyClaim(call.Arg<IdempotentRequest>(), "v1")));

        var start = await StartAsync();

        Assert.Equal("v1", start.Claim!.Version);
    }

    [Fact]
    public async Task A_key_that_keeps_changing_under_the_request_ends_in_a_conflict()
    {
        records.TryBeginAsync(default!, default).ReturnsForAnyArgs(new IdempotencyBegin.Vanished());

        var error = await Assert.ThrowsAsync<MedusaException>(StartAsync);

        Assert.Equal(MedusaErrorType.Conflict, error.Type);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(400)]
    [InlineData(499)]
    public async Task A_final_response_below_500_is_kept_with_its_bytes_and_content_type(int status)
    {
        var claim = Claim();
        var response = new JsonResponse(status, Stored.Body);

        await Gate().FinishAsync(claim, response);

        await records.Received(1).CompleteAsync(
            claim,
            Arg.Is<StoredResponse>(stored => stored.StatusCode == status
                && stored.ContentType == JsonResponse.JsonContentType
                && stored.Body.ToArray().SequenceEqual(Stored.Body.ToArray())),
            CancellationToken.None);
        await records.DidNotReceiveWithAnyArgs().ReleaseAsync(default!, default);
    }

    [Theory]
    [InlineData(409)]
    [InlineData(500)]
    [InlineData(502)]
    public async Task A_conflict_or_a_5xx_releases_the_key_so_a_retry_runs_again(int status)
    {
        var claim = Claim();

        await Gate().FinishAsync(claim, new JsonResponse(status, Stored.Body));

        await records.Received(1).ReleaseAsync(claim, CancellationToken.None);
        await records.DidNotReceiveWithAnyArgs().CompleteAsync(default!, default!, default);
    }

    [Fact]
    public async Task A_request_that_ended_without_a_response_releases_the_key()
    {
        var claim = Claim();

        await Gate().FinishAsync(claim, response: null);

        await records.Received(1).ReleaseAsync(claim, CancellationToken.None);
    }

    [Fact]
    public async Task A_failure_to_keep_the_response_does_not_fail_the_request()
    {
        records.CompleteAsync(default!, default!, default).ThrowsAsyncForAnyArgs(new IOException("storage down"));

        await Gate().FinishAsync(Claim(), new JsonResponse(200, Stored.Body));

        await records.ReceivedWithAnyArgs(1).CompleteAsync(default!, default!, default);
    }

    private IdempotencyGate Gate() => new(records, clock, NullLogger<IdempotencyGate>.Instance);

    private Task<IdempotencyStart> StartAsync() => Gate().StartAsync(Request(), Caller, Body, CancellationToken.None);

    private static HttpRequest Request() => IdempotencyTestRequests.Post(keys: Key);

    private static string Fingerprint() => RequestFingerprint.Of(Request(), Body);

    private void Existing(IdempotencyRecord record) =>
        records.TryBeginAsync(default!, default).ReturnsForAnyArgs(new IdempotencyBegin.Found(record));

    private IdempotencyRecord Record(string fingerprint, TimeSpan startedAgo, StoredResponse? response) =>
        new(fingerprint, clock.GetUtcNow() - startedAgo, response, "old");

    private IdempotencyClaim Claim() => new(new IdempotentRequest(Caller, Key, Fingerprint(), clock.GetUtcNow()), "v1");
}
