using System.Text.Json;
using Payments.Domain.Commerce;
using Payments.Domain.Errors;
using Payments.Domain.Money;
using Payments.Domain.Outbox;

namespace Payments.Domain.Collections;

/// <summary>
/// A capture or refund a caller asks for. <paramref name="MoveId"/> is the id the move gets if a new one is reserved;
/// <paramref name="Amount"/> null means Medusa's default, the payment's whole amount.
/// </summary>
public sealed record MoveRequest(
    MoneyMoveKind Kind,
    string MoveId,
    decimal? Amount,
    string? IntentKey,
    string? CreatedBy,
    string? RefundReasonId = null,
    string? Note = null);

/// <summary>The payment after a reservation, and the move to send to its provider (null: nothing to send, answer as it is).</summary>
public sealed record MovePlan(PaymentInCollection Current, MoneyMove? ToSend);

/// <summary>What the provider answered to a move.</summary>
public abstract record MoveOutcome
{
    private MoveOutcome()
    {
    }

    /// <summary>The money moved. <paramref name="PaymentData"/>: the provider's latest data of the payment, when it sent it.</summary>
    public sealed record Moved(JsonElement? PaymentData, string? ProviderReference) : MoveOutcome;

    /// <summary>
    /// No money moved, for certain: the provider refused the move (a 4xx for the caller), or it was never asked (its
    /// credential unusable, a 503).
    /// </summary>
    public sealed record Refused(Exception Failure) : MoveOutcome;

    /// <summary>No definite answer (an outage, a lost answer): the money may or may not have moved (a 502 for the caller).</summary>
    public sealed record Unanswered(Exception Failure) : MoveOutcome;
}

/// <summary>The payment after a provider's answer to a move, and the error to answer when it did not move.</summary>
public sealed record MoveSettlement(PaymentInCollection Current, Exception? Failure);

public sealed partial record PaymentCollection
{
    /// <summary>
    /// Reserves a capture or refund (spec §6.6, §6.7): the limits are checked against the confirmed moves and every move
    /// still pending, so concurrent moves never exceed them; a refund counts only confirmed captures. A request that is
    /// the retry of a move already reserved — the same <c>Idempotency-Key</c>, or, for a request without one, the same
    /// kind and amount as a move still pending after a failure — reaches that move instead of reserving another: the
    /// provider then gets the same key, and money moves once.
    /// </summary>
    public Decision<MovePlan> ReserveMove(string paymentId, MoveRequest request, Func<MedusaException> notFound, DateTimeOffset now)
    {
        var payment = FindPayment(paymentId) ?? throw notFound();
        MoneyMove? retried;
        decimal amount;
        if (request.IntentKey is { } intent
            && (payment.Confirmed(request.Kind).FirstOrDefault(move => move.IntentKey == intent)?.Amount
                ?? payment.PendingMoves.Find(move => move.Kind == request.Kind && move.IntentKey == intent)?.Amount) is { } intended)
        {
            if (request.Amount is { } asked && asked != intended)
            {
                throw MedusaException.InvalidData($"This Idempotency-Key was used for a {request.Kind.ToString().ToLowerInvariant()} of {intended}, not {asked}.");
            }

            retried = payment.PendingMoves.Find(move => move.Kind == request.Kind && move.IntentKey == intent);
            if (retried is null)
            {
                return Plan(payment, toSend: null);
            }

            amount = intended;
        }
        else
        {
            // Only a request without an Idempotency-Key is taken for the retry of a move of its kind and amount, and only of
            // one whose request is over without an answer (marked unanswered, or older than any request can last): one with
            // a key of its own is another intent, and so is a concurrent one, a second admin or a double click.
            amount = Currency.RequireWholeMinorUnits(request.Amount ?? payment.Amount, payment.CurrencyCode);
            retried = request.IntentKey is null
                ? payment.PendingMoves.Find(move => move.Kind == request.Kind && move.Amount == amount && (move.Unanswered || move.ReservedAt <= now - OutboxTiming.MoveSettlesWithin))
                : null;
        }

        // A retried move is checked again against everything else: what the payment allowed when it was reserved may have
        // changed meanwhile (a refund in the Dashboard), and a provider that allows it (counting a capture this document does
        // not yet know) must not be asked on the document's behalf. Reconciliation records it if its first try moved money.
        var others = retried is null ? payment : payment.Dropping(retried.Id, now);
        if (request.Kind == MoneyMoveKind.Capture)
        {
            if (payment.CanceledAt is not null)
            {
                throw MedusaException.InvalidData($"The payment: {paymentId} has been canceled.");
            }

            if (others.CapturedAt is not null)
            {
                // Medusa answers a fully captured payment unchanged, whatever the amount asks for.
                return Plan(payment, toSend: null);
            }

            EnsureCanCapture(others, amount);
        }
        else
        {
            EnsureCanRefund(others, amount, isExplicit: request.Amount is not null);
        }

        if (retried is not null)
        {
            return Plan(payment, retried);
        }

        var move = new MoneyMove
        {
            Id = request.MoveId,
            Kind = request.Kind,
            Amount = amount,
            IntentKey = request.IntentKey,
            CreatedBy = request.CreatedBy,
            RefundReasonId = request.RefundReasonId,
            Note = request.Note,
            ReservedAt = now,
        };
        var reserved = payment with { PendingMoves = payment.PendingMoves.Add(move), UpdatedAt = now };
        var updated = WithPayment(reserved);
        return Decision<MovePlan>.Write(
            updated,
            new MovePlan(new PaymentInCollection(updated, reserved), move),
            [new ProviderReconciliation(payment.PaymentSessionId) { DueAt = now + OutboxTiming.MoveSettlesWithin }]);
    }

    /// <summary>
    /// Records the provider's answer to a move: moved — the move is confirmed (it becomes a capture or refund of the same
    /// id; recorded even if reconciliation dropped it meanwhile, since the money moved); refused — the reservation is
    /// dropped; unanswered — it stays pending, marked so, for a retry or reconciliation to settle. With
    /// <paramref name="announce"/>, a confirmed move is told to the commerce backend's module.
    /// </summary>
    public Decision<MoveSettlement> SettleMove(string paymentId, MoneyMove move, MoveOutcome outcome, DateTimeOffset now, bool announce = false)
    {
        var payment = FindPayment(paymentId) ?? throw new InvalidOperationException($"Payment {paymentId} left collection {Id}.");
        switch (outcome)
        {
            case MoveOutcome.Moved moved when !payment.HasConfirmed(move.Kind, confirmed => confirmed.Id == move.Id):
                var confirmed = payment.Confirming(move, moved.ProviderReference, now) with { Data = moved.PaymentData ?? payment.Data };
                var updated = WithPayment(confirmed).Recomputed(now);
                return Decision<MoveSettlement>.Write(
                    updated,
                    new MoveSettlement(new PaymentInCollection(updated, confirmed), Failure: null),
                    announce ? [CommerceEvent.PaymentMoved(confirmed, move.Kind, [move.Id], now)] : null);
            case MoveOutcome.Refused refused when payment.PendingMoves.Exists(pending => pending.Id == move.Id):
                var dropped = payment.Dropping(move.Id, now);
                var withoutMove = WithPayment(dropped);
                return Decision<MoveSettlement>.Write(withoutMove, new MoveSettlement(new PaymentInCollection(withoutMove, dropped), refused.Failure));
            case MoveOutcome.Unanswered unanswered when payment.PendingMoves.Find(pending => pending.Id == move.Id) is { Unanswered: false } sent:
                var marked = payment with { PendingMoves = payment.PendingMoves.Replace(sent, sent with { Unanswered = true }) };
                var withMark = WithPayment(marked);
                return Decision<MoveSettlement>.Write(withMark, new MoveSettlement(new PaymentInCollection(withMark, marked), unanswered.Failure));
            default:
                return Decision<MoveSettlement>.Keep(new MoveSettlement(new PaymentInCollection(this, payment), Failure(outcome)));
        }
    }

    private Decision<MovePlan> Plan(Payment payment, MoneyMove? toSend) =>
        Decision<MovePlan>.Keep(new MovePlan(new PaymentInCollection(this, payment), toSend));

    private static Exception? Failure(MoveOutcome outcome) => outcome switch
    {
        MoveOutcome.Refused refused => refused.Failure,
        MoveOutcome.Unanswered unanswered => unanswered.Failure,
        _ => null,
    };

    /// <summary>The capture limit (spec §5.10): the whole amount (not the remainder, as Medusa) unless the rest is less.</summary>
    private static void EnsureCanCapture(Payment payment, decimal amount)
    {
        if (amount <= 0)
        {
            throw MedusaException.InvalidData("Capture amount must be greater than 0.");
        }

        if (amount > payment.Amount - payment.Captured() - payment.Pending(MoneyMoveKind.Capture))
        {
            // "substracted" is Medusa's spelling; clients may match the message.
            throw MedusaException.InvalidData("You cannot capture more than the authorized amount substracted by what is already captured.");
        }
    }

    /// <summary>The refund limits (spec §5.10), with Medusa's two messages: refunds only against confirmed captures.</summary>
    private static void EnsureCanRefund(Payment payment, decimal amount, bool isExplicit)
    {
        var refundable = payment.Captured() - payment.Refunded() - payment.Pending(MoneyMoveKind.Refund);
        if (isExplicit && amount > refundable)
        {
            throw MedusaException.InvalidData("You are not allowed to refund more than the captured amount");
        }

        if (amount <= 0)
        {
            throw MedusaException.InvalidData("Refund amount must be greater than 0.");
        }

        if (amount > refundable)
        {
            throw MedusaException.InvalidData("You cannot refund more than what is captured on the payment.");
        }
    }
}
