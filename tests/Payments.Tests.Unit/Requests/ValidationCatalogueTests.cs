using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.Api.Errors;
using Payments.Api.Requests;
using Payments.Api.Serialization;
using Payments.Tests.Unit.TestData;
using static Payments.Tests.Unit.Requests.RouteSchemas;

namespace Payments.Tests.Unit.Requests;

/// <summary>
/// The validation rows of the conformance checklist (spec §9) and the catalogue (§3.5), from the raw request to
/// the exact response: body read, body validated, query validated, error mapped.
/// </summary>
public sealed class ValidationCatalogueTests
{
    private const string Json = "application/json";

    public static TheoryData<string, BodySchema, string, string, string> InvalidBodies() => new()
    {
        // row, schema, content type, body → message
        { "Item 24: create collection without cart_id", CreateCollection, Json, "{}", "Invalid request: Field 'cart_id' is required" },
        { "Item 25: create collection with an extra field", CreateCollection, Json, """{"cart_id":"cart_01M86MS9K65CQ5DSH0AYYTBNTQ","amount":1}""", "Invalid request: Unrecognized fields: 'amount'" },
        { "Item 53: session without provider_id", InitializeSession, Json, "{}", "Invalid request: Field 'provider_id' is required" },
        { "Item 54: session with a numeric provider_id", InitializeSession, Json, """{"provider_id":123}""", "Invalid request: Expected type: 'string' for field 'provider_id', got: '123'" },
        { "Item 56: session with an extra field", InitializeSession, Json, """{"provider_id":"pp_system_default","foo":"bar"}""", "Invalid request: Unrecognized fields: 'foo'" },
        { "Item 57: session sent as text/plain", InitializeSession, "text/plain", """{"provider_id":"pp_system_default"}""", "Invalid request: Field '' is required" },
        { "Item 58: session with a JSON content type and no body", InitializeSession, Json, "", "Invalid request: Field 'provider_id' is required" },
        { "Item 59: session with a context", InitializeSession, Json, """{"provider_id":"pp_system_default","context":{}}""", "Invalid request: Unrecognized fields: 'context'" },
        { "Item 88: capture of zero", Capture, Json, """{"amount":0}""", "Invalid request: Value for field 'amount' too small, expected at least: '0'" },
        { "Item 89: capture of a string amount", Capture, Json, """{"amount":"10"}""", "Invalid request: Expected type: 'number' for field 'amount', got: '10'" },
        { "Item 99: capture with an extra field", Capture, Json, """{"amount":1,"extra":1}""", "Invalid request: Unrecognized fields: 'extra'" },
        { "Item 105: refund of a negative amount", Refund, Json, """{"amount":-1}""", "Invalid request: Value for field 'amount' too small, expected at least: '0'" },
        { "Item 105: refund of a string amount", Refund, Json, """{"amount":"5"}""", "Invalid request: Expected type: 'number' for field 'amount', got: '5'" },
        { "Item 106: refund with a reason field", Refund, Json, """{"amount":1,"reason":"x"}""", "Invalid request: Unrecognized fields: 'reason'" },
        { "Item 117: refund reason without code", CreateRefundReason, Json, """{"label":"No code"}""", "Invalid request: Field 'code' is required" },
        { "A JSON array body misses its root", InitializeSession, Json, """[{"provider_id":"pp_system_default"}]""", "Invalid request: Field '' is required" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    [SuppressMessage("Usage", "xUnit1026", Justification = "The row names its checklist item in the test's display name.")]
    public Task An_invalid_body_is_answered_400_with_medusas_message(string row, BodySchema schema, string contentType, string body, string message) =>
        AssertInvalid(schema, contentType, body, message);

    [Fact]
    public async Task Item_55_session_with_truncated_json()
    {
        var response = await Answer(InitializeSession, CollectionQuery, Json, """{"provider_id":""");

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("""{"message":"Unexpected end of JSON input","type":"invalid_data"}""", response.Body);
        Assert.Equal(JsonResponse.JsonContentType, response.ContentType);
    }

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
        AssertInvalid(null, StorePaymentProviders, "", null, "Invalid request: Field 'region_id' is required");

    [Fact]
    public Task Item_78_payment_providers_with_an_unknown_query_parameter() =>
        AssertInvalid(null, StorePaymentProviders, "?region_id=reg_01M86MS8BED8EMEBD97SXGGNCP&foo=1", null, "Invalid request: Unrecognized fields: 'foo'");

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
