using System.Text;
using Microsoft.AspNetCore.Http;

namespace Payments.Tests.Unit.Requests;

/// <summary>Requests built on a <see cref="DefaultHttpContext"/>, as the HTTP trigger hands them over.</summary>
internal static class TestRequests
{
    public static HttpRequest Post(string? contentType, string body) => Post(contentType, Encoding.UTF8.GetBytes(body));

    /// <param name="declareLength">False for a chunked body, whose size is known only once read.</param>
    public static HttpRequest Post(string? contentType, byte[] body, bool declareLength = true)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        if (declareLength)
        {
            context.Request.ContentLength = body.Length;
        }

        return context.Request;
    }
}
