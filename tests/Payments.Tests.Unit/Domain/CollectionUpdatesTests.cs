using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Payments.Domain.Errors;
using Payments.Domain.Payments;
using Payments.Domain.Providers;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

/// <summary>
/// The conditional-write protocol when storage misbehaves, decided deterministically on a capture: a write that
/// landed but whose answer was lost (as storage unavailable, or as the 412 the client's retry gets), storage gone for
/// a while after such a write, and a decision whose amounts cannot be computed.
/// </summary>
public sealed class CollectionUpdatesTests
{
    private readonly DomainHarness harness = DomainHarness.WithAuthorizedPayment();

    [Fact]
    public async Task A_write_whose_answer_was_lost_is_recognised_and_the_capture_is_made_once()
    {
        harness.LoseNextWriteAnswer();

        var captured = await harness.Capturer.CaptureAsync("pay_1", 10m, "user_1", CancellationToken.None);

        Assert.Equal([10m], Assert.Single(harness.Stored.Payments).Captures.Select(capture => capture.Amount));
        Assert.Equal(10m, captured.Collection.CapturedAmount);
        Assert.Equal(1, harness.ProviderCalls(nameof(IPaymentProvider.CaptureAsync)));
    }

    [Fact]
    public async Task A_write_whose_retry_came_back_412_is_recognised_by_its_write_id()
    {
        harness.ConflictOnNextWriteAnswer();

        await harness.Capturer.CaptureAsync("pay_1", 10m, "user_1", CancellationToken.None);

        Assert.Single(Assert.Single(harness.Stored.Payments).Captures);
        Assert.Equal(2, harness.Writes.Count);
    }

    [Fact]
    public async Task A_write_that_repeats_itself_is_not_written_again_once_it_landed_unseen()
    {
        // Saving the provider's data decides the same write every time: only its write id tells that it landed.
        harness.Provider.CaptureAsync(default!, default).ReturnsForAnyArgs(_ =>
        {
            harness.ConflictOnNextWriteAnswer();
            return Json("""{"captured":true}""");
        });

        await harness.Capturer.CaptureAsync("pay_1", 10m, "user_1", CancellationToken.None);

        Assert.Equal(2, harness.Writes.Count);
        Assert.Equal("""{"captured":true}""", Assert.Single(harness.Stored.Payments).Data.GetRawText());
    }

    [Fact]
    public async Task A_lost_answer_then_a_short_outage_is_read_again_until_the_outcome_is_known()
    {
        harness.LoseNextWriteAnswer(unavailableReads: 3);

        await harness.Capturer.CaptureAsync("pay_1", 10m, "user_1", CancellationToken.None);

        Assert.Single(Assert.Single(harness.Stored.Payments).Captures);
        Assert.Equal(1, harness.ProviderCalls(nameof(IPaymentProvider.CaptureAsync)));
    }

    [Fact]
    public async Task An_outage_before_any_write_fails_at_once_with_nothing_written()
    {
        harness.Store.FindAsync(default!, default).ThrowsAsyncForAnyArgs(MedusaException.StorageUnavailable(new IOException("down")));

        var error = await Assert.ThrowsAsync<MedusaException>(() => harness.Capturer.CaptureAsync("pay_1", 1m, "user_1", CancellationToken.None));

        Assert.True(error.IsStorageUnavailable);
        Assert.Empty(harness.Writes);
        Assert.Equal(0, harness.ProviderCalls(nameof(IPaymentProvider.CaptureAsync)));
    }

    [Fact]
    public async Task A_decision_whose_amounts_overflow_is_invalid_data_and_writes_nothing()
    {
        // Two payments of 5e28 (seeded: no route creates a second live payment), one already captured in full; the
        // collection's captured amount would be 1e29, beyond decimal.
        var huge = 50_000_000_000_000_000_000_000_000_000m;
        var overflowing = new DomainHarness(Collection(amount: huge, payments: [Payment(amount: huge, capturedAmounts: [huge], capturedAt: Start, providerId: DomainHarness.ProviderId), Payment(amount: huge, id: "pay_2", sessionId: "payses_2", providerId: DomainHarness.ProviderId)]));

        var error = await Assert.ThrowsAsync<MedusaException>(() => overflowing.Capturer.CaptureAsync("pay_2", null, "user_1", CancellationToken.None));

        Assert.Equal((MedusaErrorType.InvalidData, "The amounts of payment collection pay_col_1 are too large to compute."), (error.Type, error.Message));
        Assert.Empty(overflowing.Writes);
        Assert.Equal(0, overflowing.ProviderCalls(nameof(IPaymentProvider.CaptureAsync)));
    }

    [Fact]
    public async Task A_refund_on_a_document_whose_totals_overflow_is_invalid_data_and_writes_nothing()
    {
        // The state the defect left behind: two full captures of 5e28 recorded although the second answered 500.
        var huge = 50_000_000_000_000_000_000_000_000_000m;
        var stuck = new DomainHarness(Collection(amount: huge, payments:
        [
            Payment(amount: huge, capturedAmounts: [huge], capturedAt: Start, providerId: DomainHarness.ProviderId),
            Payment(amount: huge, capturedAmounts: [huge], capturedAt: Start, id: "pay_2", sessionId: "payses_2", providerId: DomainHarness.ProviderId),
        ]));

        var error = await Assert.ThrowsAsync<MedusaException>(() => stuck.Refunder.RefundAsync("pay_1", new RefundRequest(1m, null, null), "user_1", CancellationToken.None));

        Assert.Equal(MedusaErrorType.InvalidData, error.Type);
        Assert.Empty(stuck.Writes);
        Assert.Equal(0, stuck.ProviderCalls(nameof(IPaymentProvider.RefundAsync)));
    }
}
