using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Money;

namespace Payments.Domain.Payments;

/// <summary>The capture and refund limits of a payment (spec §5.10), with Medusa's exact messages.</summary>
public static class PaymentGuards
{
    public static decimal Captured(this Payment payment) => payment.Captures.Sum(capture => capture.Amount);

    public static decimal Refunded(this Payment payment) => payment.Refunds.Sum(refund => refund.Amount);

    /// <summary>The amount to capture: the requested one, or the payment's whole amount (not the remainder, as Medusa).</summary>
    public static decimal EnsureCanCapture(Payment payment, decimal? requestedAmount)
    {
        var amount = requestedAmount ?? payment.Amount;
        if (amount <= 0)
        {
            throw MedusaException.InvalidData("Capture amount must be greater than 0.");
        }

        var currency = payment.CurrencyCode;
        if (Currency.RoundForComparison(amount, currency) > Currency.RoundForComparison(payment.Amount - payment.Captured(), currency))
        {
            // "substracted" is Medusa's spelling; clients may match the message.
            throw MedusaException.InvalidData(
                "You cannot capture more than the authorized amount substracted by what is already captured.");
        }

        return amount;
    }

    /// <summary>The check Medusa runs first on an explicit refund amount.</summary>
    public static void EnsureExplicitRefundWithinCaptured(Payment payment, decimal requestedAmount)
    {
        if (requestedAmount - (payment.Captured() - payment.Refunded()) > Currency.Epsilon(payment.CurrencyCode))
        {
            throw MedusaException.InvalidData("You are not allowed to refund more than the captured amount");
        }
    }

    /// <summary>The amount to refund: the requested one, or the payment's whole amount.</summary>
    public static decimal EnsureCanRefund(Payment payment, decimal? requestedAmount)
    {
        var amount = requestedAmount ?? payment.Amount;
        if (amount <= 0)
        {
            throw MedusaException.InvalidData("Refund amount must be greater than 0.");
        }

        if (payment.Captured() - (payment.Refunded() + amount) < -Currency.Epsilon(payment.CurrencyCode))
        {
            throw MedusaException.InvalidData("You cannot refund more than what is captured on the payment.");
        }

        return amount;
    }

    /// <summary>The payment without one of its captures; <c>captured_at</c> stays only while it is still fully captured.</summary>
    public static Payment WithoutCapture(this Payment payment, string captureId)
    {
        var remaining = payment with { Captures = payment.Captures.RemoveAll(capture => capture.Id == captureId) };
        return remaining.IsFullyCaptured() ? remaining : remaining with { CapturedAt = null };
    }

    /// <summary><c>captured_at</c> as the captures make it: set (an earlier stamp kept) once fully captured, otherwise null.</summary>
    public static Payment WithCapturedAt(this Payment payment, DateTimeOffset now) =>
        payment with { CapturedAt = payment.IsFullyCaptured() ? payment.CapturedAt ?? now : null };

    /// <summary>True once the captures reach the payment's amount.</summary>
    public static bool IsFullyCaptured(this Payment payment) =>
        Currency.RoundForComparison(payment.Captured(), payment.CurrencyCode)
        >= Currency.RoundForComparison(payment.Amount, payment.CurrencyCode);
}
