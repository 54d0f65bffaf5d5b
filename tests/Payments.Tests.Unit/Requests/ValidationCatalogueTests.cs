using Microsoft.Extensions.Logging.Abstractions;
using Payments.Api.Errors;
using Payments.Api.Requests;
using Payments.Tests.Unit.Errors;

namespace Payments.Tests.Unit.Requests;

/// <summary>
/// The validation rows of the conformance checklist (spec §9) and the catalogue (§3.5), from the raw request to
/// the exact response: body read, body validated, query validated, error mapped.
/// </summary>
public sealed class ValidationCatalogueTests
{
    private const string Json = "application/json";

    private static readonly BodySchema CreateCollection = new(BodyField.String("cart_id"));

    private static readonly BodySchema InitializeSession = new(
        BodyField.String("provider_id"),
        BodyField.Record("data").Optional());

    private static readonly BodySchema Capture = new(BodyField.Number("amount").Optional().GreaterThanZero());

    private static readonly BodySchema Refund = new(
        BodyField.Number("amount").Optional().GreaterThanZero(),
        BodyField.String("refund_reason_id").Optional(),
        BodyField.String("note").Optional());

    private static readonly BodySchema CreateRefundReason = new(
        BodyField.String("label"),
        BodyField.String("code"),
        BodyField.String("description").Optional().Nullable());

    private static readonly QuerySchema CollectionQuery = new(QueryParameter.Fields);

    private static readonly QuerySchema PaymentProvidersQuery = new(
        QueryParameter.String("region_id").Required(),
        QueryParameter.Limit(defaultValue: 20),
        QueryParameter.Offset,
        QueryParameter.String("order"),
        QueryParameter.Fields,
        QueryParameter.Boolean("with_deleted"));

    [Fact]
    public Task Item_24_create_collection_without_cart_id() =>
        AssertInvalid(CreateCollection, Json, "{}", "Invalid request: Field 'cart_id' is required");

    [Fact]
    public Task Item_25_create_collection_with_an_extra_field() =>
        AssertInvalid(CreateCollection, Json, """{"cart_id":"cart_01M86MS9K65CQ5DSH0AYYTBNTQ","amount":1}""", "Invalid request: Unrecognized fields: 'amount'");

    [Fact]
    public Task Item_53_session_without_provider_id() =>
        AssertInvalid(InitializeSession, Json, "{}", "Invalid request: Field 'provider_id' is required");

    [Fact]
    public Task Item_54_session_with_a_numeric_provider_id() =>
        AssertInvalid(InitializeSession, Json, """{"provider_id":123}""", "Invalid request: Expected type: 'string' for field 'provider_id', got: '123'");

    [Fact]
    public async Task Item_55_session_with_truncated_json()
    {
        var response = await Answer(InitializeSession, CollectionQuery, Json, """{"provider_id":""");

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("""{"message":"Unexpected end of JSON input","type":"invalid_data"}""", response.Body);
        Assert.Equal(JsonResponse.JsonContentType, response.ContentType);
    }

    [Fact]
    public Task Item_56_session_with_an_extra_field() =>
        AssertInvalid(InitializeSession, Json, """{"provider_id":"pp_system_default","foo":"bar"}""", "Invalid request: Unrecognized fields: 'foo'");

    [Fact]
    public Task Item_57_session_sent_as_text_plain() =>
        AssertInvalid(InitializeSession, "text/plain", """{"provider_id":"pp_system_default"}""", "Invalid request: Field '' is required");

    [Fact]
    public Task Item_58_session_with_json_content_type_and_no_body() =>
        AssertInvalid(InitializeSession, Json, "", "Invalid request: Field 'provider_id' is required");

    [Fact]
    public Task Item_59_session_with_a_context() =>
        AssertInvalid(InitializeSession, Json, """{"provider_id":"pp_system_default","context":{}}""", "Invalid request: Unrecognized fields: 'context'");

    [Fact]
    public Task Item_88_capture_of_zero() =>
        AssertInvalid(Capture, Json, """{"amount":0}""", "Invalid request: Value for field 'amount' too small, expected at least: '0'");

    [Fact]
    public Task Item_89_capture_of_a_string_amount() =>
        AssertInvalid(Capture, Json, """{"amount":"10"}""", "Invalid request: Expected type: 'number' for field 'amount', got: '10'");

    [Fact]
    public Task Item_99_capture_with_an_extra_field() =>
        AssertInvalid(Capture, Json, """{"amount":1,"extra":1}""", "Invalid request: Unrecognized fields: 'extra'");

    [Fact]
    public Task Item_105_refund_of_a_negative_amount() =>
        AssertInvalid(Refund, Json, """{"amount":-1}""", "Invalid request: Value for field 'amount' too small, expected at least: '0'");

    [Fact]
    public Task Item_105_refund_of_a_string_amount() =>
        AssertInvalid(Refund, Json, """{"amount":"5"}""", "Invalid request: Expected type: 'number' for field 'amount', got: '5'");

    [Fact]
    public Task Item_106_refund_with_a_reason_field() =>
        AssertInvalid(Refund, Json, """{"amount":1,"reason":"x"}""", "Invalid request: Unrecognized fields: 'reason'");

    [Fact]
    public Task Item_117_refund_reason_without_code() =>
        AssertInvalid(CreateRefundReason, Json, """{"label":"No code"}""", "Invalid request: Field 'code' is required");

    [Fact]
    public Task A_json_array_body_misses_its_root() =>
        AssertInvalid(InitializeSession, Json, """[{"provider_id":"pp_system_default"}]""", "Invalid request: Field '' is required");

    [Fact]
    public async Task Item_98_capture_without_a_body_captures_the_payment_amount()
    {
        var body = Capture.Validate(await RequestBodyReader.ReadAsync(TestRequests.Post(null, ""), default));

        Assert.Null(body.GetDecimal("amount"));
    }

    [Fact]
    public Task Item_50_collection_route_with_an_unknown_query_parameter() =>
        AssertInvalid(CreateCollection, CollectionQuery, "?foo=1", """{"cart_id":"cart_1"}""", "Invalid request: Unrecognized fields: 'foo'");

    [Fact]
    public Task Item_73_payment_providers_without_region_id() =>
        AssertInvalid(null, PaymentProvidersQuery, "", null, "Invalid request: Field 'region_id' is required");

    [Fact]
    public Task Item_78_payment_providers_with_an_unknown_query_parameter() =>
        AssertInvalid(null, PaymentProvidersQuery, "?region_id=reg_01M86MS8BED8EMEBD97SXGGNCP&foo=1", null, "Invalid request: Unrecognized fields: 'foo'");

    [Fact]
    public Task Body_validation_answers_before_query_validation() =>
        AssertInvalid(CreateCollection, CollectionQuery, "?foo=1", "{}", "Invalid request: Field 'cart_id' is required");

    private static Task AssertInvalid(BodySchema schema, string contentType, string body, string message) =>
        AssertInvalid(schema, CollectionQuery, "", body, message, contentType);

    private static async Task AssertInvalid(
        BodySchema? schema, QuerySchema query, string queryString, string? body, string message, string contentType = Json)
    {
        var response = await Answer(schema, query, contentType, body, queryString);

        var expected = $$"""{"type":"invalid_data","message":"{{message}}"}""";
        Assert.Equal(new ResponseBytes(400, JsonResponse.JsonContentType, expected.Length, expected), response);
    }

    /// <summary>The order of spec §1.4 for the steps owned here: parse the body, validate it, validate the query.</summary>
    private static async Task<ResponseBytes> Answer(
        BodySchema? schema, QuerySchema query, string contentType, string? body, string queryString = "")
    {
        var request = TestRequests.Post(contentType, body ?? "");
        request.QueryString = new Microsoft.AspNetCore.Http.QueryString(queryString);
        try
        {
            var parsed = await RequestBodyReader.ReadAsync(request, default);
            schema?.Validate(parsed);
            query.Validate(QueryParameters.From(request));
        }
        catch (Exception exception)
        {
            return await ResponseBytes.Of(ErrorResponses.FromException(exception, NullLogger.Instance));
        }

        throw new Xunit.Sdk.XunitException("The request was expected to fail validation.");
    }
}
