using Microsoft.AspNetCore.Http;

namespace Payments.Api.Requests;

/// <summary>
/// A request body that could not be parsed (400) or was too large (413). Raised before authentication, like
/// Express's body parser, and answered with <c>message</c> before <c>type</c>.
/// </summary>
public sealed class RequestBodyException : Exception
{
    private RequestBodyException(int statusCode, string message)
        : base(message) => StatusCode = statusCode;

    public int StatusCode { get; }

    public static RequestBodyException Malformed(string parserMessage) => new(StatusCodes.Status400BadRequest, parserMessage);

    public static RequestBodyException TooLarge() => new(StatusCodes.Status413PayloadTooLarge, "request entity too large");
}
