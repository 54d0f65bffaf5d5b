using Microsoft.AspNetCore.Http;

namespace Payments.Tests.Unit.Idempotency;

/// <summary>POST requests carrying (or not) an <c>Idempotency-Key</c>, as the HTTP trigger hands them over.</summary>
internal static class IdempotencyTestRequests
{
    public static HttpRequest Post(string path = "/store/payment-collections", string query = "", params string[] keys)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        if (keys.Length > 0)
        {
            context.Request.Headers["Idempotency-Key"] = keys;
        }

        return context.Request;
    }
}
