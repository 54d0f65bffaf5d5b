using System.Globalization;
using Payments.Domain.Payments;
using static Payments.Tests.Unit.TestData.DomainRecords;

namespace Payments.Tests.Unit.Domain;

/// <summary>
/// The provider's idempotency key of a capture or refund names the money move (payment, kind, place, amount), so a
/// retry after an unconfirmed move sends the same key and a new move gets a new one.
/// </summary>
public sealed class MoneyMoveKeyTests
{
    [Theory]
    [InlineData("10", "pay_1-refund-2-10")]
    [InlineData("10.00", "pay_1-refund-2-10")]
    [InlineData("10.50", "pay_1-refund-2-10.5")]
    [InlineData("0.000000001", "pay_1-refund-2-0.000000001")]
    public void One_amount_written_with_any_scale_is_one_key(string amount, string expected) =>
        Assert.Equal(expected, PaymentProviderCalls.MoveKey(Payment(), "refund", 2, decimal.Parse(amount, CultureInfo.InvariantCulture)));

    [Fact]
    public void Another_place_kind_or_payment_is_another_key()
    {
        var keys = new[]
        {
            PaymentProviderCalls.MoveKey(Payment(), "refund", 0, 10m),
            PaymentProviderCalls.MoveKey(Payment(), "refund", 1, 10m),
            PaymentProviderCalls.MoveKey(Payment(), "capture", 0, 10m),
            PaymentProviderCalls.MoveKey(Payment(id: "pay_2"), "refund", 0, 10m),
        };

        Assert.Equal(keys.Length, keys.Distinct().Count());
    }
}
