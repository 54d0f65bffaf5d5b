using Microsoft.AspNetCore.Http;
using Payments.Domain.Ports;

namespace Payments.Api.Idempotency;

/// <summary>
/// The response kept for an <c>Idempotency-Key</c>, sent again byte for byte with its status and content type,
/// plus <c>idempotent-replayed: true</c> (spec §1.10).
/// </summary>
public sealed class ReplayedResponse(StoredResponse stored) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string HeaderName = "idempotent-replayed";

    public int StatusCode => stored.StatusCode;

    public string ContentType => stored.ContentType;

    public ReadOnlyMemory<byte> Body => stored.Body;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = stored.StatusCode;
        response.ContentType = stored.ContentType;
        response.ContentLength = stored.Body.Length;
        response.Headers[HeaderName] = "true";
        await response.Body.WriteAsync(stored.Body, httpContext.RequestAborted);
    }
}
