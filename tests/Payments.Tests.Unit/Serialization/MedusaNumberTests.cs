using System.Globalization;
using Payments.Api.Serialization;
using static Payments.Tests.Unit.Serialization.Samples;

namespace Payments.Tests.Unit.Serialization;

/// <summary>Spec §1.7: amounts as JSON numbers and as raw companions.</summary>
public sealed class MedusaNumberTests
{
    [Theory]
    [InlineData("50", "50")]
    [InlineData("50.0", "50")]
    [InlineData("50.00", "50")]
    [InlineData("100", "100")]
    [InlineData("87.960", "87.96")]
    [InlineData("87.957975", "87.957975")]
    [InlineData("10.10", "10.1")]
    [InlineData("-3.5", "-3.5")]
    [InlineData("0", "0")]
    [InlineData("0.000", "0")]
    [InlineData("0.00011", "0.00011")]
    [InlineData("0.0001", "0")]
    [InlineData("0.00001", "0")]
    [InlineData("-0.00005", "0")]
    [InlineData("0.0000000000000000000000000001", "0")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335", "-79228162514264337593543950335")]
    [InlineData("1234567890123456789.0123456789", "1234567890123456789.0123456789")]
    [InlineData("1000000000000000000000.000000", "1000000000000000000000")]
    public void Number_is_written_in_shortest_plain_form(string amount, string expected) =>
        Assert.Equal(expected, MedusaNumber.Format(Parse(amount)));

    [Theory]
    [InlineData("50", "50")]
    [InlineData("50.0", "50")]
    [InlineData("100", "100")]
    [InlineData("87.960", "87.96")]
    [InlineData("-3.50", "-3.5")]
    [InlineData("0.000", "0")]
    [InlineData("0.00001", "0.00001")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void Raw_value_is_plain_decimal_without_trailing_zeros(string amount, string expected) =>
        Assert.Equal(expected, MedusaNumber.FormatRaw(Parse(amount)));

    [Fact]
    public void Negative_zero_is_written_as_zero()
    {
        var negativeZero = decimal.Negate(0.00m);

        Assert.Equal("0", MedusaNumber.Format(negativeZero));
        Assert.Equal("0", MedusaNumber.FormatRaw(negativeZero));
    }

    [Fact]
    public void Numbers_are_valid_json_values_among_others() =>
        Assert.Equal(
            "[50,87.96,0,null,-3.5]",
            Render(writer =>
            {
                writer.WriteStartArray();
                MedusaNumber.WriteAmount(writer, 50.00m);
                MedusaNumber.WriteAmount(writer, 87.960m);
                MedusaNumber.WriteAmount(writer, 0.00001m);
                MedusaNumber.WriteAmount(writer, null);
                MedusaNumber.WriteAmount(writer, -3.5m);
                writer.WriteEndArray();
            }));

    [Fact]
    public void Raw_companion_carries_value_and_precision_20_or_is_null() =>
        Assert.Equal(
            """{"raw_amount":{"value":"0.00001","precision":20},"raw_refunded_amount":null}""",
            Render(writer =>
            {
                writer.WriteStartObject();
                writer.WritePropertyName("raw_amount");
                MedusaNumber.WriteRawAmount(writer, 0.000010m);
                writer.WritePropertyName("raw_refunded_amount");
                MedusaNumber.WriteRawAmount(writer, null);
                writer.WriteEndObject();
            }));

    private static decimal Parse(string amount) => decimal.Parse(amount, NumberStyles.Number, CultureInfo.InvariantCulture);
}
