using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Outbox;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

/// <summary>
/// The rules of captures and refunds as pure functions of the document (issue 14): limits against confirmed and pending
/// moves, amounts in whole minor units, a move's identity kept across its retries, and the provider's answer recorded.
/// </summary>
public sealed class MoneyMoveRulesTests
{
    private static readonly DateTimeOffset Now = Start.AddMinutes(1);

    [Theory]
    [InlineData("usd", "0.004")]
    [InlineData("eur", "10.001")]
    [InlineData("jpy", "0.4")]
    [InlineData("krw", "1.5")]
    [InlineData("kwd", "0.001")]
    [InlineData("bhd", "0.015")]
    [InlineData("iqd", "0.001")]
    public void An_amount_finer_than_the_currencys_unit_is_refused_naming_the_precision(string currency, string amount)
    {
        var collection = Authorized(100m, currency);

        var error = Assert.Throws<MedusaException>(() => collection.ReserveMove("pay_1", Capture(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)), NotFound, Now));

        Assert.Equal(MedusaErrorType.InvalidData, error.Type);
        Assert.Contains($"finer than the smallest unit of {currency.ToUpperInvariant()}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("usd", "0.01")]
    [InlineData("jpy", "1")]
    [InlineData("kwd", "0.01")]
    [InlineData("iqd", "0.01")]
    [InlineData("lyd", "0.01")]
    public void A_whole_number_of_minor_units_is_reserved_exactly(string currency, string amount)
    {
        var exact = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        var decision = Authorized(100m, currency).ReserveMove("pay_1", Capture(exact), NotFound, Now);

        Assert.Equal(exact, decision.Result.ToSend!.Amount);
    }

    [Fact]
    public void A_capture_counts_the_captures_still_pending_against_the_authorization()
    {
        var collection = Authorized(100m).ReserveMove("pay_1", Capture(60m, "capt_a"), NotFound, Now).Updated!;

        var error = Assert.Throws<MedusaException>(() => collection.ReserveMove("pay_1", Capture(50m, "capt_b"), NotFound, Now));

        Assert.Equal("You cannot capture more than the authorized amount substracted by what is already captured.", error.Message);
    }

    [Fact]
    public void A_refund_counts_only_confirmed_captures()
    {
        var collection = Authorized(100m).ReserveMove("pay_1", Capture(100m, "capt_a"), NotFound, Now).Updated!;

        var error = Assert.Throws<MedusaException>(() => collection.ReserveMove("pay_1", RefundOf(null, "ref_a"), NotFound, Now));

        Assert.Equal("You cannot refund more than what is captured on the payment.", error.Message);
    }

    [Fact]
    public void A_request_without_a_key_reaches_a_move_of_its_kind_and_amount_whose_answer_never_came()
    {
        var reserved = Authorized(100m, captured: 50m).ReserveMove("pay_1", RefundOf(10m, "ref_a"), NotFound, Now);
        var unanswered = reserved.Updated!.SettleMove("pay_1", reserved.Result.ToSend!, new MoveOutcome.Unanswered(MedusaException.InvalidData("no answer")), Now).Updated!;

        var retry = unanswered.ReserveMove("pay_1", RefundOf(10m, "ref_b"), NotFound, Now);
        var another = unanswered.ReserveMove("pay_1", RefundOf(20m, "ref_c"), NotFound, Now);
        var keyed = unanswered.ReserveMove("pay_1", RefundOf(10m, "ref_d", intent: "k2"), NotFound, Now);

        Assert.Null(retry.Updated);
        Assert.Equal(("ref_a", "ref_c", "ref_d"), (retry.Result.ToSend!.Id, another.Result.ToSend!.Id, keyed.Result.ToSend!.Id));
    }

    [Fact]
    public void A_retried_move_is_checked_again_against_what_changed_since_it_was_reserved()
    {
        var reserved = Authorized(100m, captured: 50m).ReserveMove("pay_1", RefundOf(40m, "ref_a"), NotFound, Now);
        var unanswered = reserved.Updated!.SettleMove("pay_1", reserved.Result.ToSend!, new MoveOutcome.Unanswered(MedusaException.InvalidData("no answer")), Now).Updated!;
        var refundedOutside = unanswered.WithPayment(unanswered.FindPayment("pay_1")! with { Refunds = [Refund(20m, id: "ref_dashboard")] });

        var error = Assert.Throws<MedusaException>(() => refundedOutside.ReserveMove("pay_1", RefundOf(40m, "ref_b"), NotFound, Now));

        Assert.Equal("You are not allowed to refund more than the captured amount", error.Message);
    }

    [Fact]
    public void A_concurrent_request_of_the_same_amount_is_another_move_until_the_first_can_no_longer_be_in_flight()
    {
        var inFlight = Authorized(100m, captured: 50m).ReserveMove("pay_1", RefundOf(10m, "ref_a"), NotFound, Now).Updated!;

        var concurrent = inFlight.ReserveMove("pay_1", RefundOf(10m, "ref_b"), NotFound, Now);
        var muchLater = inFlight.ReserveMove("pay_1", RefundOf(10m, "ref_c"), NotFound, Now + OutboxTiming.MoveSettlesWithin);

        Assert.Equal(("ref_b", "ref_a"), (concurrent.Result.ToSend!.Id, muchLater.Result.ToSend!.Id));
    }

    [Fact]
    public void An_idempotency_key_reaches_its_move_pending_or_confirmed_and_refuses_another_amount()
    {
        var pending = Authorized(100m).ReserveMove("pay_1", Capture(30m, "capt_a", intent: "k1"), NotFound, Now).Updated!;
        var confirmed = pending.SettleMove("pay_1", pending.FindPayment("pay_1")!.PendingMoves[0], new MoveOutcome.Moved(null, null), Now).Updated!;

        Assert.Equal("capt_a", pending.ReserveMove("pay_1", Capture(null, "capt_b", intent: "k1"), NotFound, Now).Result.ToSend!.Id);
        Assert.Null(confirmed.ReserveMove("pay_1", Capture(30m, "capt_b", intent: "k1"), NotFound, Now).Result.ToSend);
        var error = Assert.Throws<MedusaException>(() => pending.ReserveMove("pay_1", Capture(20m, "capt_b", intent: "k1"), NotFound, Now));
        Assert.Equal(MedusaErrorType.InvalidData, error.Type);
    }

    [Fact]
    public void A_reservation_records_a_reconciliation_for_when_its_request_can_no_longer_be_moving_the_money()
    {
        var decision = Authorized(100m).ReserveMove("pay_1", Capture(30m, "capt_a"), NotFound, Now);

        var reconciliation = Assert.IsType<ProviderReconciliation>(Assert.Single(decision.Outbox));
        Assert.Equal(("payses_1", Now + OutboxTiming.MoveSettlesWithin), (reconciliation.SessionId, reconciliation.DueAt));
    }

    [Fact]
    public void A_moved_reservation_becomes_the_capture_of_the_same_id_and_counts()
    {
        var reserved = Authorized(100m).ReserveMove("pay_1", Capture(100m, "capt_a"), NotFound, Now);
        var move = reserved.Result.ToSend!;

        var settled = reserved.Updated!.SettleMove("pay_1", move, new MoveOutcome.Moved(Json("""{"status":"succeeded"}"""), null), Now).Updated!;

        var payment = settled.FindPayment("pay_1")!;
        Assert.Equal(("capt_a", 100m, "user_1"), (Assert.Single(payment.Captures).Id, payment.Captures[0].Amount, payment.Captures[0].CreatedBy));
        Assert.Empty(payment.PendingMoves);
        Assert.Equal((Now, "succeeded"), (payment.CapturedAt, payment.Data.GetProperty("status").GetString()));
        Assert.Equal((100m, PaymentCollectionStatus.Completed), (settled.CapturedAmount, settled.Status));
    }

    [Fact]
    public void A_refused_reservation_is_dropped_and_an_unanswered_one_stays_pending()
    {
        var reserved = Authorized(100m).ReserveMove("pay_1", Capture(40m, "capt_a"), NotFound, Now);
        var move = reserved.Result.ToSend!;
        var refusal = MedusaException.InvalidData("declined");

        var refused = reserved.Updated!.SettleMove("pay_1", move, new MoveOutcome.Refused(refusal), Now);
        var unanswered = reserved.Updated!.SettleMove("pay_1", move, new MoveOutcome.Unanswered(MedusaException.InvalidData("no answer")), Now);
        var unansweredAgain = unanswered.Updated!.SettleMove("pay_1", move, new MoveOutcome.Unanswered(MedusaException.InvalidData("no answer")), Now);

        Assert.Empty(refused.Updated!.FindPayment("pay_1")!.PendingMoves);
        Assert.Same(refusal, refused.Result.Failure);
        Assert.True(Assert.Single(unanswered.Updated.FindPayment("pay_1")!.PendingMoves).Unanswered);
        Assert.Null(unansweredAgain.Updated);
    }

    [Fact]
    public void Money_that_moved_for_a_move_reconciliation_dropped_meanwhile_is_still_recorded()
    {
        var reserved = Authorized(100m).ReserveMove("pay_1", Capture(40m, "capt_a"), NotFound, Now);
        var move = reserved.Result.ToSend!;
        var dropped = reserved.Updated!.WithPayment(reserved.Updated!.FindPayment("pay_1")!.Dropping(move.Id, Now));

        var settled = dropped.SettleMove("pay_1", move, new MoveOutcome.Moved(null, null), Now).Updated!;

        Assert.Equal(40m, settled.FindPayment("pay_1")!.Captured());
    }

    private static PaymentCollection Authorized(decimal amount, string currency = "usd", decimal? captured = null) => Collection(
        amount,
        currency,
        sessions: [Session(amount, PaymentSessionStatus.Authorized, paymentId: "pay_1")],
        payments: [Payment(amount, currency, capturedAmounts: captured is { } value ? [value] : null)]);

    private static MoveRequest Capture(decimal? amount, string id = "capt_new", string? intent = null) =>
        new(MoneyMoveKind.Capture, id, amount, intent, "user_1");

    private static MoveRequest RefundOf(decimal? amount, string id, string? intent = null) =>
        new(MoneyMoveKind.Refund, id, amount, intent, "user_1");

    private static MedusaException NotFound() => MedusaException.NotFound("Payment with id: pay_1 was not found");
}
