using Payments.Api.Requests;

namespace Payments.Tests.Unit.Requests;

/// <summary>ECMAScript Number::toString, which Medusa's messages use to print a number.</summary>
public sealed class JavaScriptTextTests
{
    [Theory]
    [InlineData(50d, "50")]
    [InlineData(-5d, "-5")]
    [InlineData(87.96d, "87.96")]
    [InlineData(0.1d, "0.1")]
    [InlineData(0.000001d, "0.000001")]
    [InlineData(0.0000015d, "0.0000015")]
    [InlineData(1.5e-7d, "1.5e-7")]
    [InlineData(1e20d, "100000000000000000000")]
    [InlineData(1e21d, "1e+21")]
    [InlineData(1.2345e22d, "1.2345e+22")]
    [InlineData(123456789012345680000d, "123456789012345680000")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(-0d, "0")]
    public void Numbers_print_as_javascript_prints_them(double number, string expected) =>
        Assert.Equal(expected, JavaScriptText.OfNumber(number));
}
