using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Outbox;
using Payments.Domain.Providers;
using Payments.Domain.Sessions;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

/// <summary>
/// Spec §6.2 steps 5–7 decided deterministically: what one request does when a concurrent write got there first (the
/// store replays the interleavings that the concurrent HTTP tests can only provoke).
/// </summary>
public sealed class PaymentSessionInitializerTests
{
    private const string ProviderId = DomainHarness.ProviderId;

    [Fact]
    public async Task A_request_that_loses_to_an_identical_one_answers_the_winners_session_and_releases_its_own()
    {
        var harness = new DomainHarness(Collection());
        var winners = Session(id: "payses_winner", providerId: ProviderId, providerReference: "pi_winner");
        harness.Store.BeforeNextWrite(collection => collection with { Sessions = [winners] });

        var result = await InitializeAsync(harness);

        Assert.Equal("payses_winner", Assert.Single(result.Sessions).Id);
        var ours = OurSessionId(harness);
        Assert.Equal(1, harness.ProviderCalls(nameof(IPaymentProvider.InitiateAsync)));
        await harness.Provider.Received(1).DeleteAsync(Arg.Is<ProviderOperation>(operation => operation.IdempotencyKey == ours + "-cancel"), Arg.Any<CancellationToken>());
        Assert.Empty(harness.Store.Outbox);
    }

    [Fact]
    public async Task A_request_that_loses_to_a_different_one_writes_its_session_over_the_winners_without_a_second_initiate()
    {
        var harness = new DomainHarness(Collection());
        var winners = Session(id: "payses_winner", providerId: ProviderId, providerReference: "pi_winner", data: Json("""{"n":1}"""));
        harness.Store.BeforeNextWrite(collection => collection with { Sessions = [winners] });

        var result = await InitializeAsync(harness, Json("""{"n":2}"""));

        var ours = OurSessionId(harness);
        Assert.Equal(ours, Assert.Single(result.Sessions).Id);
        Assert.Equal(1, harness.ProviderCalls(nameof(IPaymentProvider.InitiateAsync)));
        var (_, outbox) = Assert.Single(harness.Store.Writes);
        var release = Assert.IsType<ProviderRelease>(Assert.Single(outbox, message => message is ProviderRelease));
        Assert.Equal(("payses_winner", ProviderReleaseReason.Superseded), (release.SessionId, release.Reason));
        await harness.Provider.Received(1).DeleteAsync(Arg.Is<ProviderOperation>(operation => operation.IdempotencyKey == "payses_winner-cancel"), Arg.Any<CancellationToken>());
        await harness.Provider.DidNotReceive().DeleteAsync(Arg.Is<ProviderOperation>(operation => operation.IdempotencyKey == ours + "-cancel"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_write_that_landed_although_its_answer_was_lost_is_not_released()
    {
        var harness = new DomainHarness(Collection());
        harness.Store.LoseNextWriteAnswer();

        var result = await InitializeAsync(harness);

        Assert.Equal(OurSessionId(harness), Assert.Single(result.Sessions).Id);
        Assert.Single(harness.Store.Writes);
        await harness.Provider.DidNotReceiveWithAnyArgs().DeleteAsync(default!, default);
    }

    [Fact]
    public async Task An_amount_that_changed_after_the_provider_session_was_made_prepares_again_and_gives_the_first_back()
    {
        var harness = new DomainHarness(Collection(amount: 50m));
        harness.Store.BeforeNextWrite(collection => collection with { Amount = 60m });

        var result = await InitializeAsync(harness);

        var session = Assert.Single(result.Sessions);
        Assert.Equal(60m, session.Amount);
        var initiated = harness.Provider.ReceivedCalls()
            .Where(call => call.GetMethodInfo().Name == nameof(IPaymentProvider.InitiateAsync))
            .Select(call => (ProviderInitiateRequest)call.GetArguments()[0]!)
            .ToList();
        Assert.Equal([50m, 60m], initiated.Select(request => request.Amount));
        await harness.Provider.Received(1).DeleteAsync(Arg.Is<ProviderOperation>(operation => operation.IdempotencyKey == initiated[0].IdempotencyKey + "-cancel"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_provider_failure_writes_nothing_and_releases_nothing()
    {
        var harness = new DomainHarness(Collection(sessions: [Session(providerId: ProviderId)]));
        harness.Provider.InitiateAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("down"));

        await Assert.ThrowsAsync<HttpRequestException>(() => InitializeAsync(harness, Json("""{"n":1}""")));

        Assert.Empty(harness.Store.Writes);
        Assert.Empty(harness.Store.Outbox);
    }

    [Fact]
    public async Task An_unknown_collection_is_medusas_not_found_and_calls_no_provider()
    {
        var harness = new DomainHarness(Collection());

        var error = await Assert.ThrowsAsync<MedusaException>(() =>
            harness.Sessions.InitializeAsync(new SessionInitialization("pay_col_nope", ProviderId, Data: null), CancellationToken.None));

        Assert.Equal((MedusaErrorType.NotFound, "PaymentCollection with id: pay_col_nope was not found"), (error.Type, error.Message));
        Assert.Equal(0, harness.ProviderCalls(nameof(IPaymentProvider.InitiateAsync)));
    }

    [Fact]
    public async Task A_session_of_a_provider_with_a_ledger_is_reconciled_if_it_stays_undecided()
    {
        var harness = new DomainHarness(Collection());

        await InitializeAsync(harness);

        var reminder = Assert.IsType<ProviderReconciliation>(Assert.Single(harness.Store.Outbox).Message);
        Assert.Equal((OurSessionId(harness), Start + OutboxTiming.SessionQuietFor), (reminder.SessionId, reminder.DueAt));
    }

    private static Task<PaymentCollection> InitializeAsync(DomainHarness harness, System.Text.Json.JsonElement? data = null) =>
        harness.Sessions.InitializeAsync(new SessionInitialization(DomainHarness.CollectionId, ProviderId, data), CancellationToken.None);

    /// <summary>The session id the last initiate gave the provider as its idempotency key.</summary>
    private static string OurSessionId(DomainHarness harness) =>
        harness.Provider.ReceivedCalls()
            .Where(call => call.GetMethodInfo().Name == nameof(IPaymentProvider.InitiateAsync))
            .Select(call => ((ProviderInitiateRequest)call.GetArguments()[0]!).IdempotencyKey)
            .Last();
}
