using System.Text;
using Microsoft.AspNetCore.Http;

namespace Payments.Tests.Unit.TestData;

/// <summary>What a client receives from an <see cref="IResult"/>: status, headers and the exact body text.</summary>
internal sealed record ResponseBytes(int StatusCode, string? ContentType, long? ContentLength, string Body)
{
    public static async Task<ResponseBytes> Of(IResult result)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;

        await result.ExecuteAsync(context);

        return new ResponseBytes(
            context.Response.StatusCode,
            context.Response.ContentType,
            context.Response.ContentLength,
            Encoding.UTF8.GetString(body.ToArray()));
    }
}
