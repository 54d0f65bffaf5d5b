using Payments.Providers.Stripe;

namespace Payments.Tests.Unit.Stripe;

/// <summary>Spec §7.4 smallest currency unit: whole minor units convert exactly, anything else is refused, never rounded.</summary>
public sealed class SmallestCurrencyUnitTests
{
    [Theory]
    [InlineData("1000", "jpy", 1000)]
    [InlineData("1.24", "kwd", 1240)]
    [InlineData("0.01", "KWD", 10)]
    [InlineData("50", "usd", 5000)]
    [InlineData("87.96", "usd", 8796)]
    [InlineData("2", "mga", 2)]
    [InlineData("10", "isk", 1000)]
    public void Whole_minor_units_become_stripe_units_exactly(string amount, string currency, long expected) =>
        Assert.Equal(expected, SmallestCurrencyUnit.ToUnits(Parse(amount), currency));

    [Theory]
    [InlineData("1.234", "kwd")]
    [InlineData("0.001", "bhd")]
    [InlineData("10.005", "usd")]
    [InlineData("1.5", "mga")]
    [InlineData("0.4", "jpy")]
    public void An_amount_stripe_cannot_move_exactly_is_refused_not_rounded(string amount, string currency) =>
        Assert.Throws<InvalidOperationException>(() => SmallestCurrencyUnit.ToUnits(Parse(amount), currency));

    [Theory]
    [InlineData(5000, "usd", "50")]
    [InlineData(1000, "jpy", "1000")]
    [InlineData(1240, "kwd", "1.24")]
    public void Units_become_major_amounts(long units, string currency, string expected) =>
        Assert.Equal(Parse(expected), SmallestCurrencyUnit.ToAmount(units, currency));

    private static decimal Parse(string amount) => decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);
}
