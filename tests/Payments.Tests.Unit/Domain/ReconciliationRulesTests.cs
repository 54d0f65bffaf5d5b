using Payments.Domain.Collections;
using Payments.Domain.Outbox;
using Payments.Domain.Providers;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

/// <summary>
/// <see cref="PaymentCollection.Reconcile"/>: the payment's captures and refunds made what the provider's ledger says,
/// from the moves still pending, the moves made outside this API, and the age of what the ledger does not show.
/// </summary>
public sealed class ReconciliationRulesTests
{
    private static readonly DateTimeOffset Reserved = Start;
    private static readonly DateTimeOffset Soon = Start.AddSeconds(30);
    private static readonly DateTimeOffset Later = Start + OutboxTiming.MoveSettlesWithin;

    [Fact]
    public void A_pending_capture_the_ledger_shows_is_confirmed_and_one_it_does_not_stays_until_its_request_is_surely_over()
    {
        var collection = WithPending(Move(MoneyMoveKind.Capture, "capt_a", 30m));

        var shown = collection.Reconcile("pay_1", Ledger(captured: 30m), NewId, Soon);
        var notYet = collection.Reconcile("pay_1", Ledger(captured: 0m), NewId, Soon);
        var never = collection.Reconcile("pay_1", Ledger(captured: 0m), NewId, Later);

        Assert.Equal(("capt_a", 30m), (Assert.Single(shown.Updated!.FindPayment("pay_1")!.Captures).Id, shown.Updated!.CapturedAmount));
        Assert.Equal((0, true), (notYet.Result.Changes, notYet.Result.MovesRemainPending));
        Assert.Null(notYet.Updated);
        Assert.Equal(1, never.Result.Dropped);
        Assert.Empty(never.Updated!.FindPayment("pay_1")!.PendingMoves);
    }

    [Fact]
    public void Of_two_pending_captures_the_one_whose_amount_the_ledger_shows_moved()
    {
        var collection = WithPending(Move(MoneyMoveKind.Capture, "capt_a", 10m), Move(MoneyMoveKind.Capture, "capt_b", 20m));

        var reconciled = collection.Reconcile("pay_1", Ledger(captured: 20m), NewId, Later).Updated!.FindPayment("pay_1")!;

        Assert.Equal("capt_b", Assert.Single(reconciled.Captures).Id);
        Assert.Empty(reconciled.PendingMoves);
    }

    [Fact]
    public void The_providers_own_answer_for_a_capture_the_total_was_attributed_to_another_takes_that_captures_place()
    {
        var first = Move(MoneyMoveKind.Capture, "capt_a", 30m);
        var second = Move(MoneyMoveKind.Capture, "capt_b", 30m);
        var attributed = WithPending(first, second).Reconcile("pay_1", Ledger(captured: 30m), NewId, Soon).Updated!;

        var answered = attributed.SettleMove("pay_1", second, new MoveOutcome.Moved(null, null), Later).Updated!.FindPayment("pay_1")!;

        Assert.Equal(("capt_b", 30m), (Assert.Single(answered.Captures).Id, answered.Captured()));
        Assert.Empty(answered.PendingMoves);
    }

    [Fact]
    public void A_ledger_that_names_its_captures_confirms_each_by_its_move_and_adds_the_ones_made_outside()
    {
        var collection = WithPending(Move(MoneyMoveKind.Capture, "capt_a", 10m), Move(MoneyMoveKind.Capture, "capt_b", 20m));
        var ledger = Ledger(captured: 35m) with { Captures = [Made("ch_1", 20m, "capt_b"), Made("ch_2", 15m, null)] };

        var reconciled = collection.Reconcile("pay_1", ledger, NewId, Later);

        var payment = reconciled.Updated!.FindPayment("pay_1")!;
        Assert.Equal([("capt_b", 20m), ("capt_new", 15m)], payment.Captures.Select(capture => (capture.Id, capture.Amount)));
        Assert.Equal((1, 1, 1), (reconciled.Result.Confirmed, reconciled.Result.Added, reconciled.Result.Dropped));
    }

    [Fact]
    public void A_refund_made_in_the_dashboard_is_recorded_with_the_providers_id_and_a_pending_one_is_confirmed_by_its_move_id()
    {
        var collection = WithPending(Move(MoneyMoveKind.Refund, "ref_a", 10m)) is var pending
            ? pending.WithPayment(pending.FindPayment("pay_1")! with { Captures = [Capture(50m)] })
            : null!;

        var reconciled = collection.Reconcile("pay_1", Ledger(captured: 50m, new("re_1", 10m, "ref_a"), new("re_2", 15m, null)), NewId, Soon);

        var refunds = reconciled.Updated!.FindPayment("pay_1")!.Refunds;
        Assert.Equal([("ref_a", "re_1", 10m), ("ref_new", "re_2", 15m)], refunds.Select(refund => (refund.Id, refund.ProviderReference!, refund.Amount)));
        Assert.Equal((1, 1, 25m), (reconciled.Result.Confirmed, reconciled.Result.Added, reconciled.Updated!.RefundedAmount));
    }

    [Fact]
    public void A_capture_made_outside_is_recorded_before_the_refunds_that_return_it()
    {
        var collection = WithPending();

        var reconciled = collection.Reconcile("pay_1", Ledger(captured: 50m, Made("re_1", 50m, null)), NewId, Soon).Updated!;

        Assert.Equal((50m, 50m), (reconciled.CapturedAmount, reconciled.RefundedAmount));
    }

    [Fact]
    public void A_ledger_that_says_what_the_document_says_changes_nothing()
    {
        var collection = WithPending().WithPayment(WithPending().FindPayment("pay_1")! with { Captures = [Capture(50m)], Refunds = [Refund(10m, id: "ref_a") with { ProviderReference = "re_1" }] });

        var reconciled = collection.Reconcile("pay_1", Ledger(captured: 50m, Made("re_1", 10m, "ref_a")), NewId, Later);

        Assert.Null(reconciled.Updated);
        Assert.Equal((0, false), (reconciled.Result.Changes, reconciled.Result.MovesRemainPending));
    }

    private static PaymentCollection WithPending(params MoneyMove[] pending) => Collection(
        100m,
        sessions: [Session(100m, PaymentSessionStatus.Authorized, paymentId: "pay_1")],
        payments: [Payment(100m) with { PendingMoves = [.. pending] }]);

    private static MoneyMove Move(MoneyMoveKind kind, string id, decimal amount) =>
        new() { Id = id, Kind = kind, Amount = amount, ReservedAt = Reserved };

    private static ProviderLedger Ledger(decimal captured, params ProviderLedgerMove[] refunds) => new(captured, refunds, Json("""{"id":"pi_1"}"""));

    private static ProviderLedgerMove Made(string reference, decimal amount, string? moveId) => new(reference, amount, moveId);

    private static string NewId(string prefix) => prefix + "_new";
}
