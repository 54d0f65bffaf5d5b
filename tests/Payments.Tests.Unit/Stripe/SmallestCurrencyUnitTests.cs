using Payments.Providers.Stripe;

namespace Payments.Tests.Unit.Stripe;

/// <summary>Spec §7.4 smallest currency unit, checklist 145.</summary>
public sealed class SmallestCurrencyUnitTests
{
    [Theory]
    [InlineData("1000", "jpy", 1000)]
    [InlineData("1.234", "kwd", 1240)]
    [InlineData("10.005", "usd", 1001)]
    [InlineData("50", "usd", 5000)]
    [InlineData("87.957975", "usd", 8796)]
    [InlineData("1.2", "KWD", 1200)]
    [InlineData("1.5", "mga", 2)]
    [InlineData("10", "isk", 1000)]
    public void Amounts_become_units_rounded_half_away_from_zero_and_up_to_tens_for_three_decimals(string amount, string currency, long expected) =>
        Assert.Equal(expected, SmallestCurrencyUnit.ToUnits(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency));

    [Theory]
    [InlineData(5000, "usd", "50")]
    [InlineData(1000, "jpy", "1000")]
    [InlineData(1240, "kwd", "1.24")]
    public void Units_become_major_amounts(long units, string currency, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SmallestCurrencyUnit.ToAmount(units, currency));
}
