using System.Globalization;
using Payments.Domain.Errors;
using Payments.Domain.Payments;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

public sealed class PaymentGuardsTests
{
    private const string Substracted = "You cannot capture more than the authorized amount substracted by what is already captured.";
    private const string ExplicitRefundTooLarge = "You are not allowed to refund more than the captured amount";
    private const string RefundTooLarge = "You cannot refund more than what is captured on the payment.";

    [Theory]
    [InlineData("", null, "50")]
    [InlineData("", "20", "20")]
    [InlineData("20", "30", "30")]
    [InlineData("20", "30.004", "30.004")]
    public void Capture_within_the_remainder_is_allowed(string captured, string? requested, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), PaymentGuards.EnsureCanCapture(Payment(capturedAmounts: Decimals(captured)), Decimal(requested)));

    [Theory]
    [InlineData("", "60")]
    [InlineData("20", "40")]
    [InlineData("20", null)]
    [InlineData("20", "30.005")]
    public void Capture_beyond_the_remainder_is_refused_with_medusas_message(string captured, string? requested) =>
        AssertInvalid(Substracted, () => PaymentGuards.EnsureCanCapture(Payment(capturedAmounts: Decimals(captured)), Decimal(requested)));

    [Fact]
    public void Capture_of_a_zero_payment_amount_is_refused() =>
        AssertInvalid("Capture amount must be greater than 0.", () => PaymentGuards.EnsureCanCapture(Payment(amount: 0m), null));

    [Fact]
    public void Refunds_use_the_currency_epsilon()
    {
        var payment = Payment(amount: 87.957975m, capturedAmounts: [87.957975m]);

        Assert.Equal(87.96m, PaymentGuards.EnsureCanRefund(payment, 87.96m));
        PaymentGuards.EnsureExplicitRefundWithinCaptured(payment, 87.96m);
        AssertInvalid(ExplicitRefundTooLarge, () => PaymentGuards.EnsureExplicitRefundWithinCaptured(payment, 87.98m));
        AssertInvalid(RefundTooLarge, () => PaymentGuards.EnsureCanRefund(payment, 87.98m));
    }

    [Theory]
    [InlineData("jpy", "1001", "1000", true)]
    [InlineData("jpy", "1002", "1000", false)]
    [InlineData("kwd", "10.001", "10", true)]
    [InlineData("kwd", "10.0011", "10", false)]
    public void The_epsilon_is_one_minor_unit_of_the_currency(string currency, string refund, string captured, bool allowed)
    {
        var capturedAmount = Decimal(captured)!.Value;
        var payment = Payment(amount: capturedAmount, currency: currency, capturedAmounts: [capturedAmount]);

        if (allowed)
        {
            PaymentGuards.EnsureExplicitRefundWithinCaptured(payment, Decimal(refund)!.Value);
        }
        else
        {
            AssertInvalid(ExplicitRefundTooLarge, () => PaymentGuards.EnsureExplicitRefundWithinCaptured(payment, Decimal(refund)!.Value));
        }
    }

    [Fact]
    public void A_refund_without_amount_refunds_the_payment_amount_and_fails_after_a_partial_refund()
    {
        Assert.Equal(50m, PaymentGuards.EnsureCanRefund(Payment(capturedAmounts: [50m]), null));
        AssertInvalid(RefundTooLarge, () => PaymentGuards.EnsureCanRefund(Payment(capturedAmounts: [50m], refundedAmounts: [10m]), null));
    }

    [Fact]
    public void A_refund_before_any_capture_is_refused() =>
        AssertInvalid(ExplicitRefundTooLarge, () => PaymentGuards.EnsureExplicitRefundWithinCaptured(Payment(), 5m));

    private static decimal? Decimal(string? value) => value is null ? null : decimal.Parse(value, CultureInfo.InvariantCulture);

    private static decimal[] Decimals(string values) =>
        [.. values.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(value => decimal.Parse(value, CultureInfo.InvariantCulture))];

    private static void AssertInvalid(string message, Action action)
    {
        var error = Assert.Throws<MedusaException>(action);
        Assert.Equal((MedusaErrorType.InvalidData, message), (error.Type, error.Message));
    }
}
