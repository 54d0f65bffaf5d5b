using Microsoft.AspNetCore.Http;

namespace Payments.Api.Requests;

/// <summary>
/// A request body that could not be read or parsed, answered as Express's body-parser answers it: raised before
/// authentication, and written with <c>message</c> before <c>type</c>.
/// </summary>
public sealed class RequestBodyException : Exception
{
    private RequestBodyException(int statusCode, string message)
        : base(message) => StatusCode = statusCode;

    public int StatusCode { get; }

    public static RequestBodyException Malformed(string parserMessage) => new(StatusCodes.Status400BadRequest, parserMessage);

    public static RequestBodyException TooLarge() => new(StatusCodes.Status413PayloadTooLarge, "request entity too large");

    /// <summary>The body ended before its framing said it would (a short <c>Content-Length</c>, a broken chunk); raw-body's words.</summary>
    public static RequestBodyException Aborted() => new(StatusCodes.Status400BadRequest, "request aborted");

    /// <summary>The body did not arrive within <see cref="BoundedBody.ReadTimeout"/>, or slower than the server's minimum data rate.</summary>
    public static RequestBodyException TimedOut() => new(StatusCodes.Status408RequestTimeout, "request body timed out");

    public static RequestBodyException UnsupportedCharset(string charset) =>
        new(StatusCodes.Status415UnsupportedMediaType, $"unsupported charset \"{charset.ToUpperInvariant()}\"");

    public static RequestBodyException UnsupportedContentEncoding(string encoding) =>
        new(StatusCodes.Status415UnsupportedMediaType, $"unsupported content encoding \"{encoding}\"");

    /// <summary>body-parser's urlencoded parser refuses forms of more than 1000 parameters.</summary>
    public static RequestBodyException TooManyParameters() => new(StatusCodes.Status413PayloadTooLarge, "too many parameters");
}
