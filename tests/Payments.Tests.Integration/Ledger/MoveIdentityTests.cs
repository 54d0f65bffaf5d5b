using Payments.Domain.Collections;
using Payments.Tests.FakeStripe;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Ledger;

/// <summary>
/// Issue 14, case 1: every capture and refund is a money move with an identity of its own, fixed when it is reserved,
/// and its Stripe idempotency key is that id; a retry after a 502 reaches the same move (by its Idempotency-Key, or,
/// without one, by its kind and amount while it is pending), so Stripe never replays another move and money moves once.
/// Asserted from the stored document and the fake Stripe's ledger.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MoveIdentityTests(ApiFixture fixture) : StripeBackedTests(fixture)
{
    /// <summary>
    /// Refund A's Stripe call is in flight when refund B is made; A then meets a Stripe outage (502) and is retried. On the
    /// old main, A's reservation was taken back, B took its place, and A's retry sent B's place-based key: Stripe replayed
    /// B, and the document recorded 20 refunded for Stripe's 10.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refund_retried_after_a_502_while_another_refund_succeeded_moves_once_under_its_own_id(bool withItsIdempotencyKey)
    {
        var (session, paymentId) = await Service.AuthorizedCardPaymentAsync();
        Assert.Equal(200, (await Service.MoveAsync(paymentId, "capture", "{}")).Status);
        var keyOfA = withItsIdempotencyKey ? PaymentLifecycle.NewKey() : null;
        var held = HeldStripeCall.First(Stripe, call => call.IsRefund);
        var outage = true;

        var refundA = Service.MoveAsync(paymentId, "refund", """{"amount":10}""", keyOfA);
        var callOfA = await held.ArrivedAsync();
        Stripe.Override = call => Volatile.Read(ref outage) && call.IdempotencyKey == callOfA.IdempotencyKey ? FakeStripeApi.Outage : null;
        var refundB = await Service.MoveAsync(paymentId, "refund", """{"amount":10}""", PaymentLifecycle.NewKey());
        held.Release();
        var failedA = await refundA;
        Volatile.Write(ref outage, false);
        var retriedA = await Service.MoveAsync(paymentId, "refund", """{"amount":10}""", keyOfA);

        Assert.Equal((200, 502, 200), (refundB.Status, failedA.Status, retriedA.Status));
        var refunds = Assert.Single((await StripeLedger.AssertDocumentEqualsStripeAsync(Service, session.CollectionId)).Payments).Refunds;
        Assert.Equal((2, 20m, 2000L), (refunds.Count, refunds.Sum(refund => refund.Amount), Stripe.RefundedUnits(session.PaymentIntentId)));

        // Every refund call carries its move's id as key: A's first call and its retry one id, B's another.
        var calls = Stripe.Calls.Where(call => call.IsRefund).ToList();
        Assert.All(calls, call => Assert.Equal(call.Parameters["metadata[move_id]"], call.IdempotencyKey));
        Assert.Equal(callOfA.IdempotencyKey, calls[^1].IdempotencyKey);
        Assert.Equal(refunds.Select(refund => refund.Id).Order(StringComparer.Ordinal), calls.Select(call => call.IdempotencyKey).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A capture sent again without a key while the first is still in flight is another intent (a second admin, a double
    /// click): a move of its own, under its own key. Stripe captures a card once, so one of the two is its refusal, and the
    /// document records the one capture Stripe made.
    /// </summary>
    [Fact]
    public async Task A_capture_sent_again_while_the_first_is_in_flight_is_a_move_of_its_own_and_stripe_captures_once()
    {
        var (session, paymentId) = await Service.AuthorizedCardPaymentAsync();
        var held = HeldStripeCall.First(Stripe, call => call.IsCapture);

        var first = Service.MoveAsync(paymentId, "capture", """{"amount":20}""");
        var firstCall = await held.ArrivedAsync();
        var again = await Service.MoveAsync(paymentId, "capture", """{"amount":20}""");
        held.Release();

        Assert.Equal([200, 400], new[] { (await first).Status, again.Status }.Order());
        var capture = Assert.Single(Assert.Single((await StripeLedger.AssertDocumentEqualsStripeAsync(Service, session.CollectionId)).Payments).Captures);
        Assert.Equal(20m, capture.Amount);
        var keys = Stripe.Calls.Where(call => call.IsCapture).Select(call => call.IdempotencyKey).Distinct().ToList();
        Assert.Equal(2, keys.Count);
        Assert.Contains(firstCall.IdempotencyKey, keys);
        Assert.Contains(capture.Id, keys);
    }

    /// <summary>
    /// A refund's Idempotency-Key names one move of one amount. The key's first request met a Stripe outage (502), so the
    /// HTTP layer let the key go (a 5xx is never kept) but the move it reserved keeps the key; the same key asking for
    /// another amount is then refused by the move's own rule: Stripe is not called, and only the first request's move waits.
    /// </summary>
    [Fact]
    public async Task A_reused_idempotency_key_asking_for_another_amount_is_refused_and_moves_nothing()
    {
        var (session, paymentId) = await Service.AuthorizedCardPaymentAsync();
        Assert.Equal(200, (await Service.MoveAsync(paymentId, "capture", "{}")).Status);
        var key = PaymentLifecycle.NewKey();
        var outage = true;
        Stripe.Override = call => Volatile.Read(ref outage) && call.IsRefund ? FakeStripeApi.Outage : null;

        var failed = await Service.MoveAsync(paymentId, "refund", """{"amount":10}""", key);
        Volatile.Write(ref outage, false);
        var refundCallsBefore = Stripe.Calls.Count(call => call.IsRefund);
        var otherAmount = await Service.MoveAsync(paymentId, "refund", """{"amount":20}""", key);

        Assert.Equal(502, failed.Status);
        Assert.Equal(
            (400, "invalid_data", "This Idempotency-Key was used for a refund of 10, not 20."),
            (otherAmount.Status, otherAmount.Json.GetProperty("type").GetString(), otherAmount.Json.GetProperty("message").GetString()));
        Assert.Equal(refundCallsBefore, Stripe.Calls.Count(call => call.IsRefund));
        var refused = Assert.Single((await StripeLedger.AssertDocumentEqualsStripeAsync(Service, session.CollectionId)).Payments);
        Assert.Equal((0, 0L), (refused.Refunds.Count, Stripe.RefundedUnits(session.PaymentIntentId)));
        var pending = Assert.Single(refused.PendingMoves);
        Assert.Equal((MoneyMoveKind.Refund, 10m), (pending.Kind, pending.Amount));
    }
}
