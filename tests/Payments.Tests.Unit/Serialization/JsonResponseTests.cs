using Payments.Api.Serialization;
using Payments.Tests.Unit.TestData;

namespace Payments.Tests.Unit.Serialization;

public sealed class JsonResponseTests
{
    [Fact]
    public async Task A_success_is_a_200_with_the_given_bytes_and_the_json_content_type()
    {
        var body = """{"payment_collection":{"id":"pay_col_1","amount":50}}"""u8.ToArray();

        var response = await ResponseBytes.Of(JsonResponse.Ok(body));

        Assert.Equal(
            new ResponseBytes(200, "application/json; charset=utf-8", body.Length, """{"payment_collection":{"id":"pay_col_1","amount":50}}"""),
            response);
    }
}
