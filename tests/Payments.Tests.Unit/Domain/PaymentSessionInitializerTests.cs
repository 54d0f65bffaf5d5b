using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Payments.Domain.Collections;
using Payments.Domain.Concurrency;
using Payments.Domain.Errors;
using Payments.Domain.Identifiers;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Releases;
using Payments.Domain.Sessions;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

/// <summary>
/// Spec §6.2 steps 5–7 decided deterministically: what one request does when a concurrent write got there first
/// (the storage seam replays the interleaving that the concurrent HTTP tests can only provoke).
/// </summary>
public sealed class PaymentSessionInitializerTests
{
    private const string ProviderId = "pp_test_test";
    private readonly IPaymentCollectionStore store = Substitute.For<IPaymentCollectionStore>();
    private readonly IProviderReleaseStore releaseStore = Substitute.For<IProviderReleaseStore>();
    private readonly IPaymentProvider provider = Substitute.For<IPaymentProvider>();
    private readonly FakeTimeProvider clock = new(Start);

    public PaymentSessionInitializerTests()
    {
        provider.Id.Returns(ProviderId);
        provider.InitiateAsync(default!, default).ReturnsForAnyArgs(new ProviderInitiateResult("pi_ours", Json("""{"id":"pi_ours"}"""), Status: null));
        provider.DeleteAsync(default!, default).ReturnsForAnyArgs(EmptyJson.Object);
    }

    [Fact]
    public async Task A_request_that_loses_to_an_identical_one_answers_the_winners_session_and_releases_its_own()
    {
        var winners = Session(id: "payses_winner", providerId: ProviderId, providerReference: "pi_winner");
        StoreAnswers(Stored(Collection(), "v1"), Stored(Collection(sessions: [winners]), "v2"));
        store.TryReplaceAsync(default!, "v1", default!, default).ReturnsForAnyArgs((string?)null);

        var result = await Initializer().InitializeAsync(new SessionInitialization("pay_col_1", ProviderId, Data: null), CancellationToken.None);

        Assert.Equal("payses_winner", Assert.Single(result.Sessions).Id);
        await provider.ReceivedWithAnyArgs(1).InitiateAsync(default!, default);
        var ours = OurSessionId();
        await store.Received(1).RecordReleasesAsync(
            "pay_col_1",
            Arg.Is<IReadOnlyList<ProviderRelease>>(releases => releases.Single().SessionId == ours && releases.Single().Reason == ProviderReleaseReason.LostRace),
            Arg.Any<CancellationToken>());
        await provider.Received(1).DeleteAsync(Arg.Is<ProviderOperation>(operation => operation.IdempotencyKey == ours + "-cancel"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_request_that_loses_to_a_different_one_writes_its_session_over_the_winners_without_a_second_initiate()
    {
        var winners = Session(id: "payses_winner", providerId: ProviderId, providerReference: "pi_winner", data: Json("""{"n":1}"""));
        StoreAnswers(Stored(Collection(), "v1"), Stored(Collection(sessions: [winners]), "v2"));
        store.TryReplaceAsync(Arg.Any<PaymentCollection>(), "v1", Arg.Any<IReadOnlyList<ProviderRelease>>(), Arg.Any<CancellationToken>()).Returns((string?)null);
        store.TryReplaceAsync(Arg.Any<PaymentCollection>(), "v2", Arg.Any<IReadOnlyList<ProviderRelease>>(), Arg.Any<CancellationToken>()).Returns("v3");

        var result = await Initializer().InitializeAsync(new SessionInitialization("pay_col_1", ProviderId, Json("""{"n":2}""")), CancellationToken.None);

        var ours = OurSessionId();
        Assert.Equal(ours, Assert.Single(result.Sessions).Id);
        await provider.ReceivedWithAnyArgs(1).InitiateAsync(default!, default);
        await store.Received(1).TryReplaceAsync(
            Arg.Is<PaymentCollection>(written => written.Sessions.Single().Id == ours),
            "v2",
            Arg.Is<IReadOnlyList<ProviderRelease>>(releases => releases.Single().SessionId == "payses_winner" && releases.Single().Reason == ProviderReleaseReason.Superseded),
            Arg.Any<CancellationToken>());
        await store.DidNotReceiveWithAnyArgs().RecordReleasesAsync(default!, default!, default);
    }

    [Fact]
    public async Task A_write_that_landed_although_its_answer_was_lost_is_not_released()
    {
        StoreAnswers(Stored(Collection(), "v1"));
        store.TryReplaceAsync(default!, default!, default!, default).ReturnsForAnyArgs(
            call =>
            {
                // The write lands, then the answer is lost: the next read shows our own session.
                StoreAnswers(Stored((PaymentCollection)call[0], "v2"));
                return (string?)null;
            });

        var result = await Initializer().InitializeAsync(new SessionInitialization("pay_col_1", ProviderId, Data: null), CancellationToken.None);

        Assert.Equal(OurSessionId(), Assert.Single(result.Sessions).Id);
        await store.DidNotReceiveWithAnyArgs().RecordReleasesAsync(default!, default!, default);
        await provider.DidNotReceiveWithAnyArgs().DeleteAsync(default!, default);
    }

    [Fact]
    public async Task A_provider_failure_writes_nothing_and_releases_nothing()
    {
        StoreAnswers(Stored(Collection(sessions: [Session(providerId: ProviderId)]), "v1"));
        provider.InitiateAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("down"));

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            Initializer().InitializeAsync(new SessionInitialization("pay_col_1", ProviderId, Json("""{"n":1}""")), CancellationToken.None));

        await store.DidNotReceiveWithAnyArgs().TryReplaceAsync(default!, default!, default!, default);
        await store.DidNotReceiveWithAnyArgs().RecordReleasesAsync(default!, default!, default);
    }

    [Fact]
    public async Task An_unknown_collection_is_medusas_not_found_and_calls_no_provider()
    {
        var error = await Assert.ThrowsAsync<MedusaException>(() =>
            Initializer().InitializeAsync(new SessionInitialization("pay_col_nope", ProviderId, Data: null), CancellationToken.None));

        Assert.Equal((MedusaErrorType.NotFound, "PaymentCollection with id: pay_col_nope was not found"), (error.Type, error.Message));
        await provider.DidNotReceiveWithAnyArgs().InitiateAsync(default!, default);
    }

    private PaymentSessionInitializer Initializer()
    {
        var registry = new PaymentProviderRegistry([provider]);
        var releaser = new ProviderReleaser(registry, releaseStore, store, clock, NullLogger<ProviderReleaser>.Instance);
        return new PaymentSessionInitializer(
            Substitute.For<IRegionCatalog>(),
            registry,
            new CartSynchronizer(Substitute.For<ICartCatalog>(), clock),
            new SessionContexts(
                Substitute.For<ICustomerCatalog>(),
                new AccountHolders(Substitute.For<IAccountHolderStore>(), new OptimisticConcurrency(TimeProvider.System), new EntityIdGenerator(clock), clock),
                NullLogger<SessionContexts>.Instance),
            releaser,
            new CollectionUpdates(store, releaser, new OptimisticConcurrency(TimeProvider.System), new CollectionGate(clock), NullLogger<CollectionUpdates>.Instance),
            new EntityIdGenerator(clock),
            clock);
    }

    private void StoreAnswers(params VersionedCollection[] reads) =>
        store.FindAsync("pay_col_1", Arg.Any<CancellationToken>()).Returns(reads[0], reads[1..]);

    private static VersionedCollection Stored(PaymentCollection collection, string version) => new(collection, version);

    /// <summary>The session id this request gave the provider as its idempotency key.</summary>
    private string OurSessionId() =>
        provider.ReceivedCalls()
            .Where(call => call.GetMethodInfo().Name == nameof(IPaymentProvider.InitiateAsync))
            .Select(call => ((ProviderInitiateRequest)call.GetArguments()[0]!).IdempotencyKey)
            .Single();
}
