using System.Text.Json;
using CsCheck;
using Payments.Api.Requests;
using Payments.Domain.Errors;
using static System.FormattableString;
using static Payments.Tests.Unit.Requests.RouteSchemas;

namespace Payments.Tests.Unit.Requests;

/// <summary>Spec §3.4 body validation: issue texts, their order, and the typed values of a valid body.</summary>
public sealed class BodySchemaTests
{
    [Theory]
    [InlineData("""{"provider_id":123}""", "123")]
    [InlineData("""{"provider_id":1.50}""", "1.5")]
    [InlineData("""{"provider_id":-0}""", "0")]
    [InlineData("""{"provider_id":1e21}""", "1e+21")]
    [InlineData("""{"provider_id":0.0000001}""", "1e-7")]
    [InlineData("""{"provider_id":true}""", "true")]
    [InlineData("""{"provider_id":null}""", "null")]
    [InlineData("""{"provider_id":{"a":1}}""", "[object Object]")]
    [InlineData("""{"provider_id":["a",1,null,true,{}]}""", "a,1,,true,[object Object]")]
    [InlineData("""{"provider_id":[[1,2],[3]]}""", "1,2,3")]
    [InlineData("""{"provider_id":[]}""", "")]
    public void A_wrong_type_prints_the_value_as_javascript_does(string body, string printed) =>
        AssertRejected(InitializeSession, body, $"Invalid request: Expected type: 'string' for field 'provider_id', got: '{printed}'");

    [Theory]
    [InlineData("""{"provider_id":"p","data":"x"}""", "x")]
    [InlineData("""{"provider_id":"p","data":["a","b"]}""", "a,b")]
    [InlineData("""{"provider_id":"p","data":null}""", "null")]
    public void A_record_must_be_a_json_object(string body, string printed) =>
        AssertRejected(InitializeSession, body, $"Invalid request: Expected type: 'record' for field 'data', got: '{printed}'");

    [Fact]
    public void A_null_for_an_optional_field_is_a_wrong_type_not_an_absence() =>
        AssertRejected(Refund, """{"amount":null}""", "Invalid request: Expected type: 'number' for field 'amount', got: 'null'");

    [Fact]
    public void A_boolean_field_rejects_a_string()
    {
        var schema = new BodySchema(BodyField.Boolean("is_enabled"));

        AssertRejected(schema, """{"is_enabled":"true"}""", "Invalid request: Expected type: 'boolean' for field 'is_enabled', got: 'true'");
        Assert.True(schema.Validate(Parse("""{"is_enabled":true}""")).GetBoolean("is_enabled"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("-0.0001")]
    [InlineData("0e5")]
    public void A_number_that_must_be_greater_than_zero_reports_at_least_zero(string amount) =>
        AssertRejected(Refund, $$"""{"amount":{{amount}}}""", "Invalid request: Value for field 'amount' too small, expected at least: '0'");

    [Fact]
    public void A_number_without_a_lower_bound_accepts_zero_and_negatives()
    {
        var schema = new BodySchema(BodyField.Identifier("order_id"), BodyField.Amount("amount"));

        Assert.Equal(-5m, schema.Validate(Parse("""{"order_id":"order_1","amount":-5}""")).GetDecimal("amount"));
        Assert.Equal(0m, schema.Validate(Parse("""{"order_id":"order_1","amount":0}""")).GetDecimal("amount"));
    }

    [Theory]
    [InlineData("87.957975", "87.957975")]
    [InlineData("12345678901234.89", "12345678901234.89")]
    [InlineData("0.1", "0.1")]
    [InlineData("1e2", "100")]
    [InlineData("2.5E-3", "0.0025")]
    [InlineData("999999999999999", "999999999999999")]
    [InlineData("999999999999998.999999999", "999999999999998.999999999")]
    [InlineData("0.000000001", "0.000000001")]
    [InlineData("1.50000000000000000000000000000000000000", "1.5")]
    [InlineData("0.0000000010000", "0.000000001")]
    [InlineData("123456789012345000000e-6", "123456789012345")]
    [InlineData("0.000000000000000000000000123456789e24", "0.123456789")]
    public void A_number_is_read_exactly_as_a_decimal(string json, string expected)
    {
        var amount = Refund.Validate(Parse($$"""{"amount":{{json}}}""")).GetDecimal("amount");

        Assert.Equal(expected, amount!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("1e30")]
    [InlineData("1e15")]
    [InlineData("1000000000000000")]
    [InlineData("999999999999999.000000001")]
    [InlineData("50000000000000000000000000000")]
    [InlineData("12345678901234567890.12345678901234567890")]
    [InlineData("1e999999999999999999999")]
    public void A_number_beyond_the_bound_is_too_big(string json) =>
        AssertRejected(Refund, $$"""{"amount":{{json}}}""", "Invalid request: Value for field 'amount' too big, expected at most: '999999999999999'");

    [Theory]
    [InlineData("-1e30")]
    [InlineData("-999999999999999.5")]
    public void A_negative_number_beyond_the_bound_is_too_small(string json) =>
        AssertRejected(
            new BodySchema(BodyField.Amount("amount")),
            $$"""{"amount":{{json}}}""",
            "Invalid request: Value for field 'amount' too small, expected at least: '-999999999999999'");

    [Theory]
    [InlineData("0.0000000001")]
    [InlineData("1e-10")]
    [InlineData("1e-400")]
    [InlineData("1e-999999999999999999999")]
    [InlineData("123456789.12345678901234567890")]
    public void A_number_with_more_than_nine_decimal_places_is_refused_not_rounded(string json) =>
        AssertRejected(Refund, $$"""{"amount":{{json}}}""", "Invalid request: Value for field 'amount' has too many decimal places, expected at most: '9'");

    [Fact]
    public void A_number_that_must_be_positive_reports_its_sign_before_its_size() =>
        AssertRejected(Refund, """{"amount":-1e400}""", "Invalid request: Value for field 'amount' too small, expected at least: '0'");

    [Fact]
    public void Every_amount_within_the_bounds_is_read_exactly_and_ten_thousand_of_them_add_up_exactly()
    {
        var schema = new BodySchema(BodyField.Amount("amount"));
        Gen.Select(Gen.Long[-999_999_999_999_999, 999_999_999_999_999], Gen.Int[0, 9], Gen.Long[0, 999_999_999]).Sample((whole, places, fraction) =>
        {
            var decimals = Invariant($"{fraction % (long)Math.Pow(10, places)}").PadLeft(places, '0');
            var text = places == 0 ? Invariant($"{whole}") : Invariant($"{whole}.{decimals}");

            var amount = schema.Validate(Parse($$"""{"amount":{{text}}}""")).GetDecimal("amount")!.Value;

            Assert.Equal(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture), amount);
            Assert.Equal(Math.Abs(amount) * 10_000, Enumerable.Repeat(Math.Abs(amount), 10_000).Aggregate(0m, (sum, next) => sum + next));
        }, iter: 1_000);
    }

    [Theory]
    [InlineData(512, true)]
    [InlineData(513, false)]
    public void An_identifier_holds_at_most_512_characters(int length, bool accepted) =>
        AssertLength(new BodySchema(BodyField.Identifier("cart_id")), "cart_id", length, accepted, "512");

    [Theory]
    [InlineData(1_000, true)]
    [InlineData(1_001, false)]
    public void A_short_text_holds_at_most_1000_characters(int length, bool accepted) =>
        AssertLength(CreateRefundReason, "label", length, accepted, "1000");

    [Theory]
    [InlineData(10_000, true)]
    [InlineData(10_001, false)]
    public void A_long_text_holds_at_most_10000_characters(int length, bool accepted) =>
        AssertLength(Refund, "note", length, accepted, "10000");

    [Fact]
    public void A_text_is_measured_in_utf16_units_as_table_storage_counts_them() =>
        AssertRejected(CreateRefundReason, $$"""{"label":"{{string.Concat(Enumerable.Repeat("😀", 501))}}","code":"c"}""", "Invalid request: Value for field 'label' too big, expected at most: '1000'");

    [Fact]
    public void A_record_holds_at_most_16_kibibytes_of_json()
    {
        var fits = $$$"""{"provider_id":"p","data":{"k":"{{{new string('x', (16 * 1024) - 8)}}}"}}""";
        var overflows = $$$"""{"provider_id":"p","data":{"k":"{{{new string('x', (16 * 1024) - 7)}}}"}}""";

        Assert.NotNull(InitializeSession.Validate(Parse(fits)).GetRecord("data"));
        AssertRejected(InitializeSession, overflows, "Invalid request: Value for field 'data' too big, expected at most: '16384'");
    }

    [Fact]
    public void Unrecognized_fields_are_listed_in_javascript_key_order_once_each() =>
        AssertRejected(
            Refund,
            """{"b":1,"10":2,"a":3,"b":4,"2":5}""",
            "Invalid request: Unrecognized fields: '2, 10, b, a'");

    [Fact]
    public void Field_issues_come_in_schema_order_and_unrecognized_fields_last() =>
        AssertRejected(
            CreateRefundReason,
            """{"extra":1,"code":5}""",
            "Invalid request: Field 'label' is required; Expected type: 'string' for field 'code', got: '5'; Unrecognized fields: 'extra'");

    [Fact]
    public void Only_the_first_three_issues_are_reported()
    {
        var schema = new BodySchema(BodyField.ShortText("a"), BodyField.ShortText("b"), BodyField.ShortText("c"), BodyField.ShortText("d"));

        AssertRejected(
            schema,
            """{"z":1}""",
            "Invalid request: Field 'a' is required; Field 'b' is required; Field 'c' is required");
    }

    [Theory]
    [InlineData("\"text\"")]
    [InlineData("""[{"provider_id":"p"}]""")]
    public void A_body_that_is_not_an_object_misses_its_root(string body) =>
        AssertRejected(Refund, body, "Invalid request: Field '' is required");

    [Fact]
    public void A_repeated_key_takes_its_last_value_as_JSON_parse_does()
    {
        var body = Refund.Validate(Parse("""{"amount":"x","amount":5}"""));

        Assert.Equal(5m, body.GetDecimal("amount"));
    }

    [Fact]
    public void A_valid_body_exposes_typed_values()
    {
        var body = InitializeSession.Validate(Parse("""{"provider_id":"pp_system_default","data":{"note":"anchor"}}"""));

        Assert.Equal("pp_system_default", body.GetString("provider_id"));
        Assert.Equal("""{"note":"anchor"}""", body.GetRecord("data")!.Value.GetRawText());
    }

    [Fact]
    public void Absent_and_null_are_told_apart_by_Has()
    {
        var withNull = CreateRefundReason.Validate(Parse("""{"label":"l","code":"c","description":null}"""));
        var without = CreateRefundReason.Validate(Parse("""{"label":"l","code":"c"}"""));

        Assert.True(withNull.Has("description"));
        Assert.Null(withNull.GetString("description"));
        Assert.False(without.Has("description"));
        Assert.Null(without.GetString("description"));
        Assert.Null(Refund.Validate(Parse("{}")).GetDecimal("amount"));
    }

    [Fact]
    public void Asking_for_an_undeclared_field_or_the_wrong_type_is_a_programming_error()
    {
        var body = Refund.Validate(Parse("""{"amount":1}"""));

        Assert.Throws<InvalidOperationException>(() => body.GetString("provider_id"));
        Assert.Throws<InvalidOperationException>(() => body.GetString("amount"));
    }

    [Fact]
    public void A_field_may_be_declared_once() =>
        Assert.Throws<ArgumentException>(() => new BodySchema(BodyField.ShortText("a"), BodyField.Amount("a")));

    private static JsonElement Parse(string json) => JsonElement.Parse(json);

    private static void AssertLength(BodySchema schema, string field, int length, bool accepted, string maximum)
    {
        var body = field == "label" ? $$"""{"label":"{{new string('x', length)}}","code":"c"}""" : $$"""{"{{field}}":"{{new string('x', length)}}"}""";
        if (accepted)
        {
            Assert.Equal(length, schema.Validate(Parse(body)).GetString(field)!.Length);
        }
        else
        {
            AssertRejected(schema, body, $"Invalid request: Value for field '{field}' too big, expected at most: '{maximum}'");
        }
    }

    private static void AssertRejected(BodySchema schema, string body, string message)
    {
        var exception = Assert.Throws<MedusaException>(() => schema.Validate(Parse(body)));

        Assert.Equal(MedusaErrorType.InvalidData, exception.Type);
        Assert.Equal(message, exception.Message);
    }
}
