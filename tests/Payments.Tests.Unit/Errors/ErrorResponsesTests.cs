using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Payments.Api.Errors;
using Payments.Api.Requests;
using Payments.Api.Serialization;
using Payments.Domain.Errors;
using Payments.Tests.Unit.TestData;

namespace Payments.Tests.Unit.Errors;

/// <summary>Spec §3.1–3.2 and §2.2: every exception becomes one exact status and body.</summary>
public sealed class ErrorResponsesTests
{
    private const string GenericError = """{"code":"unknown_error","type":"unknown_error","message":"An unknown error occurred."}""";

    private readonly RecordingLogger logger = new();

    [Theory]
    [InlineData(MedusaErrorType.InvalidData, 400, """{"type":"invalid_data","message":"Cart cart_1 is already completed."}""")]
    [InlineData(MedusaErrorType.NotAllowed, 400, """{"type":"not_allowed","message":"Cart cart_1 is already completed."}""")]
    [InlineData(MedusaErrorType.Unauthorized, 401, """{"type":"unauthorized","message":"Cart cart_1 is already completed."}""")]
    [InlineData(MedusaErrorType.Forbidden, 403, """{"type":"forbidden","message":"Cart cart_1 is already completed."}""")]
    [InlineData(MedusaErrorType.NotFound, 404, """{"type":"not_found","message":"Cart cart_1 is already completed."}""")]
    [InlineData(MedusaErrorType.PaymentAuthorizationError, 422, """{"type":"payment_authorization_error","message":"Cart cart_1 is already completed."}""")]
    [InlineData(MedusaErrorType.PaymentRequiresMoreError, 422, """{"type":"payment_requires_more_error","message":"Cart cart_1 is already completed."}""")]
    [InlineData(MedusaErrorType.DuplicateError, 422, """{"code":"invalid_request_error","type":"duplicate_error","message":"Cart cart_1 is already completed."}""")]
    [InlineData(MedusaErrorType.DatabaseError, 500, """{"code":"api_error","type":"database_error","message":"Cart cart_1 is already completed."}""")]
    [InlineData(MedusaErrorType.UnexpectedState, 500, """{"type":"unexpected_state","message":"Cart cart_1 is already completed."}""")]
    [InlineData(MedusaErrorType.InvalidArgument, 500, """{"type":"invalid_argument","message":"Cart cart_1 is already completed."}""")]
    public async Task Each_medusa_type_has_its_status_and_envelope(MedusaErrorType type, int status, string body)
    {
        var response = await Answer(new MedusaException(type, "Cart cart_1 is already completed."));

        Assert.Equal(new ResponseBytes(status, JsonResponse.JsonContentType, body.Length, body), response);
    }

    [Fact]
    public async Task A_conflict_always_has_the_fixed_body()
    {
        var response = await Answer(new MedusaException(MedusaErrorType.Conflict, "version mismatch on pay_col_1"));

        Assert.Equal(409, response.StatusCode);
        Assert.Equal(
            """{"code":"invalid_state_error","type":"conflict","message":"The request conflicted with another request. You may retry the request with the provided Idempotency-Key."}""",
            response.Body);
    }

    [Fact]
    public async Task An_unreachable_provider_is_a_502_unexpected_state()
    {
        var response = await Answer(MedusaException.ProviderUnavailable("pp_stripe_stripe", new HttpRequestException("timeout")));

        Assert.Equal(502, response.StatusCode);
        Assert.Equal(
            """{"type":"unexpected_state","message":"Payment provider pp_stripe_stripe is unavailable, try again"}""",
            response.Body);
    }

    [Fact]
    public async Task Storage_that_does_not_answer_is_a_503_unexpected_state_with_retry_after()
    {
        var response = ErrorResponses.FromException(MedusaException.StorageUnavailable(new IOException("connection refused")), logger);
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };

        await response.ExecuteAsync(context);

        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal(
            """{"type":"unexpected_state","message":"The payment service is temporarily unavailable, try again"}""",
            (await ResponseBytes.Of(response)).Body);
        Assert.Equal(LogLevel.Error, Assert.Single(logger.Entries).Level);
    }

    [Fact]
    public async Task An_unexpected_exception_is_the_generic_500_and_hides_its_text()
    {
        var response = await Answer(new InvalidOperationException("table storage said: secret detail"));

        Assert.Equal(new ResponseBytes(500, JsonResponse.JsonContentType, GenericError.Length, GenericError), response);
    }

    [Fact]
    public async Task An_unexpected_exception_is_logged_at_error_level_with_the_exception()
    {
        var exception = new InvalidOperationException("boom");

        await Answer(exception);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Same(exception, entry.Exception);
    }

    [Theory]
    [InlineData(MedusaErrorType.DatabaseError)]
    [InlineData(MedusaErrorType.ProviderUnavailable)]
    public async Task Medusa_server_errors_are_logged_at_error_level(MedusaErrorType type)
    {
        await Answer(new MedusaException(type, "detail"));

        Assert.Equal(LogLevel.Error, Assert.Single(logger.Entries).Level);
    }

    [Fact]
    public async Task Client_errors_are_not_logged()
    {
        await Answer(MedusaException.NotFound("Payment with id: pay_1 was not found"));
        await Answer(RequestBodyException.Malformed("Unexpected end of JSON input"));
        await Answer(new AdminUnauthorizedException());

        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task A_malformed_body_puts_message_before_type()
    {
        var response = await Answer(RequestBodyException.Malformed("Unexpected end of JSON input"));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("""{"message":"Unexpected end of JSON input","type":"invalid_data"}""", response.Body);
    }

    [Fact]
    public async Task A_body_too_large_is_a_413_of_unknown_type()
    {
        var response = await Answer(RequestBodyException.TooLarge());

        Assert.Equal(413, response.StatusCode);
        Assert.Equal("""{"message":"request entity too large","type":"unknown_error"}""", response.Body);
    }

    [Fact]
    public async Task Admin_unauthorized_has_only_a_message()
    {
        var response = await Answer(new AdminUnauthorizedException());

        Assert.Equal(new ResponseBytes(401, JsonResponse.JsonContentType, 26, """{"message":"Unauthorized"}"""), response);
    }

    [Fact]
    public async Task Admin_unauthorized_can_explain_a_secret_key_sent_as_bearer()
    {
        const string Message =
            "A secret API key was passed as a Bearer token. Secret API keys must be sent using HTTP Basic authentication instead (Authorization: Basic <secret-api-key>).";

        var response = await Answer(new AdminUnauthorizedException(Message));

        Assert.Equal(401, response.StatusCode);
        Assert.Equal($$"""{"message":"{{Message}}"}""", response.Body);
    }

    [Fact]
    public async Task A_reused_idempotency_key_is_a_422_invalid_data()
    {
        var response = await Answer(new IdempotencyKeyReusedException("order-42"));

        Assert.Equal(422, response.StatusCode);
        Assert.Equal(
            """{"type":"invalid_data","message":"Idempotency-Key order-42 was already used with a different request body"}""",
            response.Body);
    }

    [Fact]
    public async Task Messages_are_written_without_needless_escapes()
    {
        var response = await Answer(MedusaException.InvalidData("Can only mark 'not_paid' payment collection as paid <é> & \"q\""));

        Assert.Equal(
            """{"type":"invalid_data","message":"Can only mark 'not_paid' payment collection as paid <é> & \"q\""}""",
            response.Body);
    }

    private Task<ResponseBytes> Answer(Exception exception) =>
        ResponseBytes.Of(ErrorResponses.FromException(exception, logger));
}
