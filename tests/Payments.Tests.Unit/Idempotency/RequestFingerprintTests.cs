using System.Text.Json;
using Payments.Api.Idempotency;

namespace Payments.Tests.Unit.Idempotency;

public sealed class RequestFingerprintTests
{
    [Theory]
    [InlineData("""{"a":1,"b":{"c":[1,2],"d":"x"}}""", """ { "b" : { "d" : "x", "c" : [ 1, 2 ] }, "a" : 1 } """)]
    [InlineData("""{"amount":1.5}""", """{"amount":1.50}""")]
    [InlineData("""{"amount":1.5}""", """{"amount":15e-1}""")]
    [InlineData("""{"amount":1500}""", """{"amount":1.5E+3}""")]
    [InlineData("""{"amount":0}""", """{"amount":-0.000e7}""")]
    [InlineData("""{"text":"A\/é"}""", """{"text":"\u0041/\u00e9"}""")]
    [InlineData("""{"a":2}""", """{"a":1,"a":2}""")]
    public void Key_order_whitespace_escapes_and_number_spelling_do_not_matter(string first, string second) =>
        Assert.Equal(Of(first), Of(second));

    [Theory]
    [InlineData("""{"a":1}""", """{"a":2}""")]
    [InlineData("""{"a":"1"}""", """{"a":1}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""")]
    [InlineData("""{"a":null}""", """{}""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":{"B":1}}""")]
    [InlineData("""{"amount":0.1}""", """{"amount":0.1000000000000000000000000001}""")]
    [InlineData("""{"data":{"n":12345678901234567890.12345678901234567890}}""", """{"data":{"n":12345678901234567890.12345678901234567891}}""")]
    [InlineData("""{"data":{"n":1e-400}}""", """{"data":{"n":2e-400}}""")]
    [InlineData("""{"data":{"n":1}}""", """{"data":{"n":-1}}""")]
    [InlineData("""{"data":{"n":1}}""", """{"data":{"n":"n:1e0"}}""")]
    public void Any_difference_in_value_changes_the_fingerprint(string first, string second) =>
        Assert.NotEqual(Of(first), Of(second));

    [Fact]
    public void A_text_body_is_compared_as_sent() =>
        Assert.NotEqual(
            RequestFingerprint.Of(IdempotencyTestRequests.Post(), JsonSerializer.SerializeToElement("a b")),
            RequestFingerprint.Of(IdempotencyTestRequests.Post(), JsonSerializer.SerializeToElement("a  b")));

    [Fact]
    public void The_path_is_part_of_the_fingerprint() =>
        Assert.NotEqual(
            RequestFingerprint.Of(IdempotencyTestRequests.Post("/store/payment-collections/pay_col_1/payment-sessions"), Body("{}")),
            RequestFingerprint.Of(IdempotencyTestRequests.Post("/store/payment-collections/pay_col_2/payment-sessions"), Body("{}")));

    [Fact]
    public void The_query_string_is_part_of_the_fingerprint() =>
        Assert.NotEqual(
            RequestFingerprint.Of(IdempotencyTestRequests.Post(query: "?fields=id"), Body("{}")),
            RequestFingerprint.Of(IdempotencyTestRequests.Post(query: "?fields=amount"), Body("{}")));

    [Fact]
    public void The_fingerprint_is_a_sha256_in_lower_case_hex() =>
        Assert.Matches("^[0-9a-f]{64}$", Of("{}"));

    private static string Of(string json) => RequestFingerprint.Of(IdempotencyTestRequests.Post(), Body(json));

    private static JsonElement Body(string json) => JsonDocument.Parse(json).RootElement;
}
