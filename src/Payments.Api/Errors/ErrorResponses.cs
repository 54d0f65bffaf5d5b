using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Payments.Api.Requests;
using Payments.Api.Serialization;
using Payments.Domain.Configuration;
using Payments.Domain.Errors;
using Payments.Domain.Providers;

namespace Payments.Api.Errors;

/// <summary>
/// The one mapping from an exception to the HTTP error of spec §3: Medusa's type → status table, the body-parser
/// errors, the admin 401, and the generic 500 for everything unexpected (logged, never shown).
/// </summary>
public static partial class ErrorResponses
{
    private const string ConflictMessage =
        "The request conflicted with another request. You may retry the request with the provided Idempotency-Key.";

    private const string UnknownErrorMessage = "An unknown error occurred.";

    private const string UnusableSettingMessage = "The service cannot serve this request until its configuration is repaired. Try again later.";

    /// <summary>
    /// The <c>Retry-After</c> of a 503: the table client has already retried for about a second, and a throttled
    /// partition or a restarted storage node is usually back within a few more. The Idempotency-Key makes the retry safe.
    /// </summary>
    private static readonly TimeSpan StorageRetryAfter = TimeSpan.FromSeconds(2);

    public static JsonResponse FromException(Exception exception, ILogger logger)
    {
        var response = exception switch
        {
            MedusaException medusa => FromMedusa(medusa),

            // A provider's definitive refusal of what this request asked of it: the caller's 400, with the provider's words.
            ProviderRefusedException refused => Envelope(StatusCodes.Status400BadRequest, refused.Code, "invalid_data", refused.Message),
            RequestBodyException body => BodyParserError(body),
            AdminUnauthorizedException unauthorized => MessageOnly(StatusCodes.Status401Unauthorized, unauthorized.Message),
            IdempotencyKeyReusedException reused =>
                Envelope(StatusCodes.Status422UnprocessableEntity, code: null, "invalid_data", reused.Message),

            // Logged below with the setting's name (the exception's message); the caller learns only that it is not served.
            SecretSettingUnusableException => Envelope(StatusCodes.Status503ServiceUnavailable, code: null, "unexpected_state", UnusableSettingMessage),
            _ => UnknownError(),
        };
        if (response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            LogServerError(logger, exception, response.StatusCode);
        }

        return response;
    }

    private static JsonResponse FromMedusa(MedusaException exception) => exception.Type switch
    {
        MedusaErrorType.InvalidData => AsRaised(StatusCodes.Status400BadRequest, "invalid_data", exception),
        MedusaErrorType.NotAllowed => AsRaised(StatusCodes.Status400BadRequest, "not_allowed", exception),
        MedusaErrorType.Unauthorized => AsRaised(StatusCodes.Status401Unauthorized, "unauthorized", exception),
        MedusaErrorType.Forbidden => AsRaised(StatusCodes.Status403Forbidden, "forbidden", exception),
        MedusaErrorType.NotFound => AsRaised(StatusCodes.Status404NotFound, "not_found", exception),
        MedusaErrorType.Conflict =>
            Envelope(StatusCodes.Status409Conflict, "invalid_state_error", "conflict", ConflictMessage),
        MedusaErrorType.PaymentAuthorizationError =>
            AsRaised(StatusCodes.Status422UnprocessableEntity, "payment_authorization_error", exception),
        MedusaErrorType.PaymentRequiresMoreError =>
            AsRaised(StatusCodes.Status422UnprocessableEntity, "payment_requires_more_error", exception),
        MedusaErrorType.DuplicateError => Envelope(
            StatusCodes.Status422UnprocessableEntity, "invalid_request_error", "duplicate_error", exception.Message),
        MedusaErrorType.DatabaseError =>
            Envelope(StatusCodes.Status500InternalServerError, "api_error", "database_error", exception.Message),
        MedusaErrorType.UnexpectedState => AsRaised(StatusCodes.Status500InternalServerError, "unexpected_state", exception),
        MedusaErrorType.InvalidArgument => AsRaised(StatusCodes.Status500InternalServerError, "invalid_argument", exception),

        // An upstream outage, told apart from our own failures (spec §3.2, §7.4).
        MedusaErrorType.ProviderUnavailable or MedusaErrorType.CommerceBackendUnavailable =>
            AsRaised(StatusCodes.Status502BadGateway, "unexpected_state", exception),
        MedusaErrorType.StorageUnavailable => WithRetryAfter(AsRaised(StatusCodes.Status503ServiceUnavailable, "unexpected_state", exception)),
        _ => UnknownError(),
    };

    /// <summary>
    /// A 503 says when to come back: storage did not answer, or the request ran out of its deadline. Medusa has no such
    /// answer; a client and a monitor can tell it from our own failures (500) and an upstream provider's (502).
    /// </summary>
    private static JsonResponse WithRetryAfter(JsonResponse response) =>
        new(response.StatusCode, response.Body) { RetryAfter = StorageRetryAfter };

    private static JsonResponse AsRaised(int statusCode, string type, MedusaException exception) =>
        Envelope(statusCode, exception.Code, type, exception.Message);

    private static JsonResponse UnknownError() =>
        Envelope(StatusCodes.Status500InternalServerError, "unknown_error", "unknown_error", UnknownErrorMessage);

    /// <summary>Express's body-parser errors: <c>message</c> first, and a type derived from the status.</summary>
    private static JsonResponse BodyParserError(RequestBodyException exception)
    {
        var type = exception.StatusCode == StatusCodes.Status400BadRequest ? "invalid_data" : "unknown_error";
        return Write(exception.StatusCode, writer =>
        {
            writer.WriteString("message", exception.Message);
            writer.WriteString("type", type);
        });
    }

    private static JsonResponse MessageOnly(int statusCode, string message) =>
        Write(statusCode, writer => writer.WriteString("message", message));

    /// <summary>The Medusa error envelope: <c>code</c> (only when set), <c>type</c>, <c>message</c>.</summary>
    private static JsonResponse Envelope(int statusCode, string? code, string type, string message) =>
        Write(statusCode, writer =>
        {
            if (code is not null)
            {
                writer.WriteString("code", code);
            }

            writer.WriteString("type", type);
            writer.WriteString("message", message);
        });

    private static JsonResponse Write(int statusCode, Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JavaScriptJson.WriterOptions))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return new JsonResponse(statusCode, buffer.WrittenMemory);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request failed; answered {StatusCode}")]
    private static partial void LogServerError(ILogger logger, Exception exception, int statusCode);
}
