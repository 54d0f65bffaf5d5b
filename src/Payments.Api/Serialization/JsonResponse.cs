using Microsoft.AspNetCore.Http;

namespace Payments.Api.Serialization;

/// <summary>
/// A JSON response with its exact bytes. Every JSON answer of the API, success or error, goes through this type,
/// so every one carries <c>content-type: application/json; charset=utf-8</c> (spec §1.3).
/// </summary>
public sealed class JsonResponse : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public JsonResponse(int statusCode, ReadOnlyMemory<byte> utf8Json)
    {
        StatusCode = statusCode;
        Body = utf8Json;
    }

    public int StatusCode { get; }

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Sent as <c>Retry-After</c> (whole seconds) when set: how soon a retry may succeed.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public string ContentType => JsonContentType;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <summary>A 200 with the given JSON: every success of this API is a 200 (spec §1.3).</summary>
    public static JsonResponse Ok(ReadOnlyMemory<byte> utf8Json) => new(StatusCodes.Status200OK, utf8Json);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = JsonContentType;
        response.ContentLength = Body.Length;
        if (RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await response.Body.WriteAsync(Body, httpContext.RequestAborted);
    }
}
