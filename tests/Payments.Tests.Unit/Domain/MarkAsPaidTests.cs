using NSubstitute;
using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Providers;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

/// <summary>
/// Mark-as-paid (spec §6.11) as one conditional write: a fresh session, its Payment and its capture in full land
/// together or not at all, so that of concurrent requests one pays and the others change nothing; the capture is then
/// sent to the provider like any other, with its own id as the key.
/// </summary>
public sealed class MarkAsPaidTests
{
    private readonly DomainHarness harness = new(Collection(amount: 40m) with { OrderId = "order_1" });

    [Fact]
    public async Task One_write_holds_the_authorized_session_its_payment_and_the_full_capture()
    {
        var paid = await harness.Collections.MarkAsPaidAsync(DomainHarness.CollectionId, DomainHarness.ProviderId, "user_1", CancellationToken.None);

        var (written, _) = harness.Store.Writes[0];
        var session = Assert.Single(written.Sessions);
        var payment = Assert.Single(written.Payments);
        Assert.Equal((PaymentSessionStatus.Authorized, payment.Id), (session.Status, session.PaymentId));
        var reserved = Assert.Single(payment.PendingMoves);
        Assert.Equal((MoneyMoveKind.Capture, 40m, "user_1"), (reserved.Kind, reserved.Amount, reserved.CreatedBy));
        await harness.Provider.Received(1).CaptureAsync(
            Arg.Is<ProviderAmountOperation>(operation => operation.IdempotencyKey == reserved.Id && operation.Amount == 40m),
            Arg.Any<CancellationToken>());
        var capture = Assert.Single(Assert.Single(harness.Stored.Payments).Captures);
        Assert.Equal((reserved.Id, 40m, "user_1"), (capture.Id, capture.Amount, capture.CreatedBy));
        Assert.Equal((PaymentCollectionStatus.Completed, 40m), (paid.Status, paid.CapturedAmount));
    }

    [Fact]
    public async Task A_request_that_loses_to_another_mark_as_paid_is_refused_and_releases_its_provider_payment()
    {
        var winner = Payment(amount: 40m, id: "pay_winner", sessionId: "payses_winner", capturedAmounts: [40m], capturedAt: Start);
        harness.Store.BeforeNextWrite(collection => collection with
        {
            Status = PaymentCollectionStatus.Completed,
            Sessions = [Session(id: "payses_winner", status: PaymentSessionStatus.Authorized, paymentId: "pay_winner")],
            Payments = [winner],
        });

        var error = await Assert.ThrowsAsync<MedusaException>(() =>
            harness.Collections.MarkAsPaidAsync(DomainHarness.CollectionId, DomainHarness.ProviderId, "user_1", CancellationToken.None));

        Assert.Equal((MedusaErrorType.InvalidData, "Can only mark 'not_paid' payment collection as paid"), (error.Type, error.Message));
        Assert.Equal("pay_winner", Assert.Single(harness.Stored.Payments).Id);
        Assert.Empty(harness.Store.Writes);
        Assert.Empty(harness.Store.Outbox);
        var ours = (ProviderInitiateRequest)harness.Provider.ReceivedCalls().Single(call => call.GetMethodInfo().Name == nameof(IPaymentProvider.InitiateAsync)).GetArguments()[0]!;
        await harness.Provider.Received(1).DeleteAsync(Arg.Is<ProviderOperation>(operation => operation.IdempotencyKey == ours.IdempotencyKey + "-cancel"), Arg.Any<CancellationToken>());
        Assert.Equal(0, harness.ProviderCalls(nameof(IPaymentProvider.CaptureAsync)));
    }

    [Fact]
    public async Task A_collection_with_a_live_payment_is_not_paid_again_even_when_it_reads_not_paid()
    {
        var replaced = new DomainHarness(Collection(payments: [Payment(capturedAmounts: [50m], capturedAt: Start)]));

        var error = await Assert.ThrowsAsync<MedusaException>(() =>
            replaced.Collections.MarkAsPaidAsync(DomainHarness.CollectionId, null, "user_1", CancellationToken.None));

        Assert.Equal(MedusaErrorType.InvalidData, error.Type);
        Assert.Empty(replaced.Store.Writes);
    }

    [Fact]
    public async Task A_lost_answer_to_the_write_still_pays_once()
    {
        harness.Store.LoseNextWriteAnswer(reads: 1);

        await harness.Collections.MarkAsPaidAsync(DomainHarness.CollectionId, DomainHarness.ProviderId, "user_1", CancellationToken.None);

        var payment = Assert.Single(harness.Stored.Payments);
        Assert.Equal(40m, payment.Captured());
        Assert.Equal(1, harness.ProviderCalls(nameof(IPaymentProvider.CaptureAsync)));
        Assert.Equal(0, harness.ProviderCalls(nameof(IPaymentProvider.DeleteAsync)));
    }
}
