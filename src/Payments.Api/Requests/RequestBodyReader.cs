using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Payments.Domain.Providers;

namespace Payments.Api.Requests;

/// <summary>
/// Reads a request body as Medusa's Express body parsers do (spec §3.3): JSON, <c>text/*</c> as a string,
/// form fields qs-style; no body, or any other content type, is <c>{}</c> (see <see cref="BodyMediaType"/>).
/// </summary>
public static class RequestBodyReader
{
    /// <summary>body-parser's default limit, "100kb".</summary>
    public const int MaxBodyBytes = 100 * 1024;

    /// <summary>body-parser's urlencoded <c>parameterLimit</c>.</summary>
    private const int MaxFormParameters = 1000;

    /// <summary>
    /// The parsed body: an object or array for JSON, a string for text, an object of strings for a form.
    /// </summary>
    /// <exception cref="RequestBodyException">
    /// Malformed JSON (400), a body that ends early (400) or stalls (408), one larger than <see cref="MaxBodyBytes"/>
    /// (413), an unsupported charset or content encoding (415).
    /// </exception>
    public static async Task<JsonElement> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var mediaType = BodyMediaType.Of(request.ContentType);
        if (mediaType.Format == BodyFormat.Ignored || !HasBody(request))
        {
            return EmptyJson.Object;
        }

        mediaType.EnsureSupportedCharset();
        var body = await BoundedBody.ReadAsync(request, MaxBodyBytes, ct);
        return mediaType.Format switch
        {
            BodyFormat.Json => body.IsEmpty ? EmptyJson.Object : JsonBodyParser.Parse(mediaType.JsonAsUtf8(body)),
            BodyFormat.Text => JsonSerializer.SerializeToElement(Encoding.UTF8.GetString(body.Span)),
            _ => Form(Encoding.UTF8.GetString(body.Span)),
        };
    }

    /// <summary>
    /// type-is's <c>hasBody</c>: a declared length (zero included) or a body the server knows is coming. It matters for
    /// text, whose empty body is the empty string; an empty JSON or form body is <c>{}</c> either way.
    /// </summary>
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is not null || (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true);

    private static JsonElement Form(string text) =>
        text.AsSpan().Count('&') >= MaxFormParameters
            ? throw RequestBodyException.TooManyParameters()
            : QsParser.Parse(text, QsLimits.FormBody);
}
