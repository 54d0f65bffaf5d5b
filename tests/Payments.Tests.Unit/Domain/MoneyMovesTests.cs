using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Payments.Domain.Errors;
using Payments.Domain.Providers;

namespace Payments.Tests.Unit.Domain;

/// <summary>
/// Captures and refunds through the services (issue 14, cases 1, 4, 5 and 7): every move reaches the provider under its own
/// id, a failure the provider may not have seen keeps the move for its retry, the provider's refusal is the caller's 4xx,
/// and reconciliation settles what nobody retried.
/// </summary>
public sealed class MoneyMovesTests
{
    private static readonly System.Text.Json.JsonElement Intent = TestData.DomainRecords.Json("""{"id":"pi_1"}""");

    private readonly DomainHarness harness = DomainHarness.WithAuthorizedPayment();

    [Fact]
    public async Task A_retried_refund_reaches_its_own_move_not_the_refund_that_succeeded_meanwhile()
    {
        await harness.CaptureAsync(50m);
        harness.Provider.RefundAsync(default!, default).ThrowsAsyncForAnyArgs(Outage());
        await Assert.ThrowsAsync<MedusaException>(() => harness.RefundAsync(10m, intentKey: "A"));
        var refundA = Assert.Single(harness.Stored.Payments[0].PendingMoves);
        harness.Provider.RefundAsync(default!, default).ReturnsForAnyArgs(call => new ProviderMove(null, "re_" + call.Arg<ProviderAmountOperation>()?.IdempotencyKey));
        await harness.RefundAsync(20m, intentKey: "B");

        await harness.RefundAsync(10m, intentKey: "A");

        var keys = harness.Provider.ReceivedCalls()
            .Where(call => call.GetMethodInfo().Name == nameof(IPaymentProvider.RefundAsync))
            .Select(call => ((ProviderAmountOperation)call.GetArguments()[0]!).IdempotencyKey)
            .ToList();
        var refundB = harness.Stored.Payments[0].Refunds.Single(refund => refund.Amount == 20m).Id;
        Assert.Equal([refundA.Id, refundB, refundA.Id], keys);
        Assert.Equal(30m, harness.Stored.RefundedAmount);
    }

    [Fact]
    public async Task A_refund_waits_for_the_capture_it_returns_to_be_confirmed()
    {
        harness.Provider.CaptureAsync(default!, default).ThrowsAsyncForAnyArgs(Outage());
        await Assert.ThrowsAsync<MedusaException>(() => harness.CaptureAsync());

        var error = await Assert.ThrowsAsync<MedusaException>(() => harness.RefundAsync());

        Assert.Equal("You cannot refund more than what is captured on the payment.", error.Message);
        Assert.Equal((0m, 0m), (harness.Stored.CapturedAmount ?? 0, harness.Stored.RefundedAmount ?? 0));
        Assert.Equal(0, harness.ProviderCalls(nameof(IPaymentProvider.RefundAsync)));
    }

    [Fact]
    public async Task A_providers_refusal_is_the_callers_4xx_with_its_code_and_leaves_nothing_reserved()
    {
        harness.Provider.CaptureAsync(default!, default).ThrowsAsyncForAnyArgs(new ProviderRefusedException(DomainHarness.ProviderId, "payment_intent_unexpected_state", "This PaymentIntent could not be captured."));

        var error = await Assert.ThrowsAsync<MedusaException>(() => harness.CaptureAsync(20m));

        Assert.Equal((MedusaErrorType.InvalidData, "payment_intent_unexpected_state", "This PaymentIntent could not be captured."), (error.Type, error.Code, error.Message));
        Assert.Empty(harness.Stored.Payments[0].PendingMoves);
        Assert.Empty(harness.Stored.Payments[0].Captures);
    }

    [Fact]
    public async Task A_move_whose_answer_was_lost_and_that_nobody_retries_is_confirmed_by_reconciliation()
    {
        harness.Provider.CaptureAsync(default!, default).ThrowsAsyncForAnyArgs(Outage());
        var error = await Assert.ThrowsAsync<MedusaException>(() => harness.CaptureAsync(20m));
        harness.Provider.ReadLedgerAsync(default!, default).ReturnsForAnyArgs(new ProviderLedger(20m, [], Intent));

        Assert.Equal(MedusaErrorType.ProviderUnavailable, error.Type);
        Assert.Equal(0, await harness.RunOutboxTimerAfterAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await harness.RunOutboxTimerAfterAsync(TimeSpan.FromMinutes(2)));

        var payment = harness.Stored.Payments[0];
        Assert.Equal((20m, 0), (payment.Captured(), payment.PendingMoves.Count));
        Assert.Equal(1, harness.ProviderCalls(nameof(IPaymentProvider.CaptureAsync)));
    }

    [Fact]
    public async Task A_move_that_never_reached_the_provider_is_dropped_by_reconciliation()
    {
        harness.Provider.CaptureAsync(default!, default).ThrowsAsyncForAnyArgs(Outage());
        await Assert.ThrowsAsync<MedusaException>(() => harness.CaptureAsync(20m));
        harness.Provider.ReadLedgerAsync(default!, default).ReturnsForAnyArgs(new ProviderLedger(0m, [], Intent));

        await harness.RunOutboxTimerAfterAsync(TimeSpan.FromMinutes(3));

        Assert.Empty(harness.Stored.Payments[0].PendingMoves);
        Assert.Empty(harness.Store.Outbox);
    }

    [Fact]
    public async Task A_refund_made_in_the_dashboard_is_recorded_when_its_webhook_arrives()
    {
        await harness.CaptureAsync(50m);
        harness.Provider.ReadLedgerAsync(default!, default).ReturnsForAnyArgs(new ProviderLedger(50m, [new ProviderLedgerMove("re_dash", 15m, null)], Intent));
        harness.Provider.ParseWebhookAsync(default!, default).ReturnsForAnyArgs(
            new ProviderWebhookEvent(WebhookAction.MoneyMoved, "evt_1", DomainHarness.CollectionId, "payses_1", 15m, Intent));

        await harness.Webhooks.ProcessAsync("test_test", new ProviderWebhookRequest(Array.Empty<byte>(), new Dictionary<string, string>()), CancellationToken.None);

        var refund = Assert.Single(harness.Stored.Payments[0].Refunds);
        Assert.Equal(("re_dash", 15m, null), (refund.ProviderReference, refund.Amount, refund.CreatedBy));
        Assert.Equal(15m, harness.Stored.RefundedAmount);
    }

    private static MedusaException Outage() => MedusaException.ProviderUnavailable(DomainHarness.ProviderId, new HttpRequestException("down"));
}
