using System.Text;
using Microsoft.AspNetCore.Http;
using Payments.Api.Idempotency;
using Payments.Domain.Ports;

namespace Payments.Tests.Unit.Idempotency;

public sealed class ReplayedResponseTests
{
    [Fact]
    public async Task A_replay_sends_the_stored_status_content_type_and_bytes_with_the_replayed_header()
    {
        var body = Encoding.UTF8.GetBytes("""{"type":"invalid_data","message":"x"}""");
        var context = new DefaultHttpContext();
        var sent = new MemoryStream();
        context.Response.Body = sent;

        await new ReplayedResponse(new StoredResponse(400, "application/json; charset=utf-8", body)).ExecuteAsync(context);

        Assert.Equal(400, context.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
        Assert.Equal(body.Length, context.Response.ContentLength);
        Assert.Equal("true", context.Response.Headers["idempotent-replayed"].ToString());
        Assert.Equal(body, sent.ToArray());
    }
}
