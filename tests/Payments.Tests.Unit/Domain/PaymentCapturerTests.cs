using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Payments;
using Payments.Domain.Providers;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

/// <summary>
/// A capture's two halves (spec §6.6): the reservation write holds everything the capture implies, so that nothing
/// computed later can fail after it; the provider's refusal takes it back; a failure to save the provider's data
/// afterwards does not undo money that moved.
/// </summary>
public sealed class PaymentCapturerTests
{
    private readonly DomainHarness harness = DomainHarness.WithAuthorizedPayment();

    [Fact]
    public async Task The_reservation_write_already_holds_captured_at_and_the_summary_amounts()
    {
        await harness.Capturer.CaptureAsync("pay_1", null, "user_1", CancellationToken.None);

        var (reservation, _) = harness.Writes[0];
        var payment = Assert.Single(reservation.Payments);
        Assert.Equal(50m, Assert.Single(payment.Captures).Amount);
        Assert.NotNull(payment.CapturedAt);
        Assert.Equal((50m, PaymentCollectionStatus.Completed), (reservation.CapturedAmount, reservation.Status));
        Assert.Equal("""{"captured":true}""", Assert.Single(harness.Stored.Payments).Data.GetRawText());
    }

    [Fact]
    public async Task A_provider_refusal_takes_the_reservation_back_with_all_it_implied()
    {
        harness.Provider.CaptureAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("declined"));

        await Assert.ThrowsAsync<HttpRequestException>(() => harness.Capturer.CaptureAsync("pay_1", null, "user_1", CancellationToken.None));

        var payment = Assert.Single(harness.Stored.Payments);
        Assert.Empty(payment.Captures);
        Assert.Null(payment.CapturedAt);
        Assert.Equal(0m, harness.Stored.CapturedAmount);
        Assert.NotEqual(PaymentCollectionStatus.Completed, harness.Stored.Status);
    }

    [Fact]
    public async Task A_take_back_after_a_partial_capture_keeps_the_earlier_capture()
    {
        await harness.Capturer.CaptureAsync("pay_1", 20m, "user_1", CancellationToken.None);
        harness.Provider.CaptureAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("declined"));

        await Assert.ThrowsAsync<HttpRequestException>(() => harness.Capturer.CaptureAsync("pay_1", 30m, "user_1", CancellationToken.None));

        Assert.Equal([20m], Assert.Single(harness.Stored.Payments).Captures.Select(capture => capture.Amount));
        Assert.Equal(20m, harness.Stored.CapturedAmount);
    }

    [Fact]
    public async Task Money_that_moved_stays_recorded_when_saving_the_providers_data_keeps_conflicting()
    {
        var writes = 0;
        harness.Store.TryReplaceAsync(default!, default!, default!, default).ReturnsForAnyArgs(call => ++writes == 1 ? "v2" : null);

        var captured = await harness.Capturer.CaptureAsync("pay_1", 10m, "user_1", CancellationToken.None);

        Assert.Equal(10m, Assert.Single(captured.Payment.Captures).Amount);
        Assert.Contains(harness.Logs, log => log.Category == nameof(PaymentProviderCalls) && log.Message.Contains("saving the provider's data failed", StringComparison.Ordinal));
        Assert.Equal(1, harness.ProviderCalls(nameof(IPaymentProvider.CaptureAsync)));
    }

    [Fact]
    public async Task A_canceled_payment_is_refused_without_a_write()
    {
        var canceled = new DomainHarness(Collection(payments: [Payment() with { CanceledAt = Start }]));

        var error = await Assert.ThrowsAsync<MedusaException>(() => canceled.Capturer.CaptureAsync("pay_1", null, "user_1", CancellationToken.None));

        Assert.Equal("The payment: pay_1 has been canceled.", error.Message);
        Assert.Empty(canceled.Writes);
    }
}
