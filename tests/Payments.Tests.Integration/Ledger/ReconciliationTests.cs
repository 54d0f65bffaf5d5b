using Payments.Domain.Outbox;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Ledger;

/// <summary>
/// Issue 14, case 7: the document follows Stripe's ledger even when the money moved outside this API or its answer was
/// lost. A refund or capture made in the Stripe Dashboard is recorded from its <c>charge.*</c> webhook, with Stripe's
/// id; a capture or refund Stripe made but whose answer never came, and that nobody retries, is confirmed by the
/// reconciliation its reservation scheduled, which the outbox timer runs once the move's own request can no longer be
/// moving it (the host's clock is moved on, and the timer's pass run). The old main ignored charge events and had no
/// reconciliation: the document silently diverged from Stripe.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReconciliationTests(ApiFixture fixture) : StripeBackedTests(fixture, onFakeClock: true)
{
    [Fact]
    public async Task A_refund_made_in_the_stripe_dashboard_is_recorded_from_its_charge_refunded_webhook_with_stripes_id()
    {
        var (session, paymentId) = await Service.AuthorizedCardPaymentAsync();
        Assert.Equal(200, (await Service.MoveAsync(paymentId, "capture", "{}")).Status);
        var dashboardRefund = Stripe.RefundInDashboard(session.PaymentIntentId, 1500);

        var delivered = await Service.DeliverChargeAsync("evt_dashboard_refund", "charge.refunded", session.PaymentIntentId);
        var redelivered = await Service.DeliverChargeAsync("evt_dashboard_refund", "charge.refunded", session.PaymentIntentId);
        var shown = await Service.Api.AdminAsync(HttpMethod.Get, $"/admin/payments/{paymentId}?fields=refunds.amount,payment_collection.refunded_amount");

        Assert.Equal((200, 200, 200), (delivered.Status, redelivered.Status, shown.Status));
        var stored = await StripeLedger.AssertDocumentEqualsStripeAsync(Service, session.CollectionId);
        var refund = Assert.Single(Assert.Single(stored.Payments).Refunds);
        Assert.Equal(((string?)dashboardRefund["id"], 15m, 15m), (refund.ProviderReference, refund.Amount, stored.RefundedAmount));
        var payment = shown.Json.GetProperty("payment");
        Assert.Equal(15m, Assert.Single(payment.GetProperty("refunds").EnumerateArray().ToList()).GetProperty("amount").GetDecimal());
        Assert.Equal(15m, payment.GetProperty("payment_collection").GetProperty("refunded_amount").GetDecimal());
    }

    [Fact]
    public async Task A_capture_made_in_the_stripe_dashboard_is_recorded_from_its_charge_captured_webhook()
    {
        var (session, paymentId) = await Service.AuthorizedCardPaymentAsync();
        Stripe.CaptureInDashboard(session.PaymentIntentId, 3000);

        var delivered = await Service.DeliverChargeAsync("evt_dashboard_capture", "charge.captured", session.PaymentIntentId);

        Assert.Equal(200, delivered.Status);
        var payment = Assert.Single((await StripeLedger.AssertDocumentEqualsStripeAsync(Service, session.CollectionId)).Payments);
        Assert.Equal(paymentId, payment.Id);
        Assert.Equal(30m, Assert.Single(payment.Captures).Amount);
    }

    [Fact]
    public async Task A_capture_whose_answer_stripe_lost_and_that_nobody_retries_is_confirmed_by_the_timers_reconciliation()
    {
        var (session, paymentId) = await Service.AuthorizedCardPaymentAsync();
        Stripe.LoseAnswers = call => call.IsCapture;

        var lost = await Service.MoveAsync(paymentId, "capture", "{}");
        Stripe.LoseAnswers = null;
        var beforeReconciliation = Assert.Single((await Service.CollectionAsync(session.CollectionId)).Payments);
        await ReconcileLaterAsync();

        Assert.Equal(502, lost.Status);
        Assert.Empty(beforeReconciliation.Captures);
        var stored = await StripeLedger.AssertDocumentEqualsStripeAsync(Service, session.CollectionId);
        var payment = Assert.Single(stored.Payments);
        Assert.Equal((50m, Stripe.Calls.First(call => call.IsCapture).IdempotencyKey), (Assert.Single(payment.Captures).Amount, Assert.Single(payment.Captures).Id));
        Assert.Empty(payment.PendingMoves);
        Assert.Equal(50m, stored.CapturedAmount);
    }

    [Fact]
    public async Task A_refund_whose_answer_stripe_lost_and_that_nobody_retries_is_confirmed_by_the_timers_reconciliation()
    {
        var (session, paymentId) = await Service.AuthorizedCardPaymentAsync();
        Assert.Equal(200, (await Service.MoveAsync(paymentId, "capture", "{}")).Status);
        Stripe.LoseAnswers = call => call.IsRefund;

        var lost = await Service.MoveAsync(paymentId, "refund", """{"amount":10}""");
        Stripe.LoseAnswers = null;
        var beforeReconciliation = Assert.Single((await Service.CollectionAsync(session.CollectionId)).Payments);
        await ReconcileLaterAsync();

        Assert.Equal(502, lost.Status);
        Assert.Empty(beforeReconciliation.Refunds);
        var stored = await StripeLedger.AssertDocumentEqualsStripeAsync(Service, session.CollectionId);
        var refund = Assert.Single(Assert.Single(stored.Payments).Refunds);
        var atStripe = Assert.Single(Stripe.Refunds(session.PaymentIntentId));
        Assert.Equal((10m, (string?)atStripe["metadata"]!["move_id"], (string?)atStripe["id"]), (refund.Amount, refund.Id, refund.ProviderReference));
        Assert.Empty(Assert.Single(stored.Payments).PendingMoves);
        Assert.Equal(10m, stored.RefundedAmount);
    }

    /// <summary>The host's clock past the time a move's own request can take, then the outbox timer's pass.</summary>
    private async Task ReconcileLaterAsync()
    {
        Clock.Advance(OutboxTiming.MoveSettlesWithin + TimeSpan.FromSeconds(1));
        await Service.DispatchOutboxAsync();
    }
}
