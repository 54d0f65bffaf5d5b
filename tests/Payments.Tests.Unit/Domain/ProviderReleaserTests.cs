using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Releases;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

public sealed class ProviderReleaserTests
{
    private const string TestProviderId = "pp_test_test";
    private static readonly DateTimeOffset Recorded = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly IPaymentProvider provider = Substitute.For<IPaymentProvider>();
    private readonly IProviderReleaseStore releaseStore = Substitute.For<IProviderReleaseStore>();
    private readonly IPaymentCollectionStore collectionStore = Substitute.For<IPaymentCollectionStore>();
    private readonly FakeTimeProvider clock = new(Recorded);

    public ProviderReleaserTests() => provider.Id.Returns(TestProviderId);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(30, 60)]
    public void Retry_delay_doubles_from_one_minute_up_to_an_hour(int attempts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), ProviderReleaser.RetryDelay(attempts));

    [Fact]
    public void Only_sessions_without_a_payment_are_released_when_superseded()
    {
        var released = Releaser().ForSuperseded(
            "pay_col_1",
            [Session(id: "payses_1", providerId: TestProviderId), Session(id: "payses_2", providerId: TestProviderId, paymentId: "pay_1")]);

        var release = Assert.Single(released);
        Assert.Equal(("payses_1", ProviderReleaseReason.Superseded), (release.SessionId, release.Reason));
        Assert.Equal(Recorded + ProviderReleaser.FirstRetryDelay, release.FirstAttemptAt);
    }

    [Fact]
    public async Task A_release_that_succeeds_at_once_deletes_its_record_with_the_session_cancel_key()
    {
        var release = Releaser().ForSuperseded("pay_col_1", [Session(id: "payses_1", providerId: TestProviderId)]);

        await Releaser().ReleaseNowAsync(release, CancellationToken.None);

        await provider.Received(1).DeleteAsync(Arg.Is<ProviderOperation>(operation => operation.IdempotencyKey == "payses_1-cancel"), Arg.Any<CancellationToken>());
        await releaseStore.Received(1).CompleteAsync("pay_col_1", "payses_1", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_release_that_fails_at_once_stays_recorded_and_does_not_throw()
    {
        provider.DeleteAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("provider down"));
        var release = Releaser().ForSuperseded("pay_col_1", [Session(id: "payses_1", providerId: TestProviderId)]);

        await Releaser().ReleaseNowAsync(release, CancellationToken.None);

        await releaseStore.DidNotReceiveWithAnyArgs().CompleteAsync(default!, default!, default);
    }

    [Fact]
    public async Task The_worker_reschedules_a_failed_release_with_back_off()
    {
        provider.DeleteAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("provider down"));
        clock.Advance(TimeSpan.FromMinutes(3));
        DueAre(Pending(attempts: 2));

        Assert.Equal(0, await Releaser().ProcessDueAsync(CancellationToken.None));

        await releaseStore.Received(1).SaveAttemptAsync(
            Arg.Is<PendingProviderRelease>(saved => saved.Attempts == 3
                && saved.NextAttemptAt == clock.GetUtcNow() + TimeSpan.FromMinutes(4)
                && !saved.IsDead
                && saved.LastError == "HttpRequestException: provider down"),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_worker_gives_up_after_72_hours()
    {
        provider.DeleteAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("provider down"));
        clock.Advance(TimeSpan.FromHours(72));
        DueAre(Pending(attempts: 75));

        await Releaser().ProcessDueAsync(CancellationToken.None);

        await releaseStore.Received(1).SaveAttemptAsync(Arg.Is<PendingProviderRelease>(saved => saved.IsDead), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_worker_completes_a_release_that_succeeds()
    {
        DueAre(Pending(attempts: 1));

        Assert.Equal(1, await Releaser().ProcessDueAsync(CancellationToken.None));

        await releaseStore.Received(1).CompleteAsync("pay_col_1", "payses_1", Arg.Any<CancellationToken>());
    }

    private ProviderReleaser Releaser() =>
        new(new PaymentProviderRegistry([provider]), releaseStore, collectionStore, clock, NullLogger<ProviderReleaser>.Instance);

    private void DueAre(params PendingProviderRelease[] due) =>
        releaseStore.FindDueAsync(default, default, default).ReturnsForAnyArgs(due);

    private static PendingProviderRelease Pending(int attempts) => new(
        new ProviderRelease("pay_col_1", TestProviderId, "payses_1", EmptyJson.Object, ProviderReleaseReason.Superseded, Recorded, Recorded),
        attempts,
        NextAttemptAt: Recorded,
        LastError: null,
        IsDead: false,
        Version: "etag");
}
