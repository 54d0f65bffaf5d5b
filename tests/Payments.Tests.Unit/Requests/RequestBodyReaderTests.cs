using System.Text;
using System.Text.Json;
using Payments.Api.Requests;

namespace Payments.Tests.Unit.Requests;

/// <summary>Spec §3.3, one test per row of the body parsing table, plus the edges of each row.</summary>
public sealed class RequestBodyReaderTests
{
    private const string Json = "application/json";

    [Theory]
    [InlineData("{\"provider_id\":")]
    [InlineData("{\"provider_id\":\"pp_sys")]
    [InlineData("[1,")]
    [InlineData("  ")]
    public async Task Truncated_json_is_unexpected_end_of_input(string body)
    {
        var exception = await ReadFailure(TestRequests.Post(Json, body));

        Assert.Equal(400, exception.StatusCode);
        Assert.Equal("Unexpected end of JSON input", exception.Message);
    }

    [Fact]
    public async Task Other_syntax_errors_quote_the_offending_token_the_way_V8_does()
    {
        var exception = await ReadFailure(TestRequests.Post(Json, "{\"a\":}"));

        Assert.Equal(400, exception.StatusCode);
        Assert.Equal("Unexpected token '}', \"{\"a\":}\" is not valid JSON", exception.Message);
    }

    [Fact]
    public async Task A_syntax_error_in_a_long_body_quotes_ten_characters_either_side()
    {
        var exception = await ReadFailure(TestRequests.Post(Json, "{\"provider_id\":\"pp_system_default\",\"data\":}"));

        Assert.Equal("Unexpected token '}', ...\"t\",\"data\":}\" is not valid JSON", exception.Message);
    }

    [Fact]
    public async Task A_syntax_error_on_a_later_line_is_located_on_that_line()
    {
        var exception = await ReadFailure(TestRequests.Post(Json, "{\n\"a\": 1,\n\"b\": ?}"));

        Assert.StartsWith("Unexpected token '?'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"pp_system_default\"", '"')]
    [InlineData("123", '1')]
    [InlineData(" true", 't')]
    [InlineData("null", 'n')]
    public async Task A_top_level_scalar_is_a_parse_error(string body, char token)
    {
        var exception = await ReadFailure(TestRequests.Post(Json, body));

        Assert.Equal(400, exception.StatusCode);
        Assert.StartsWith($"Unexpected token '{token}'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_top_level_array_is_returned_for_validation_to_reject()
    {
        var body = await RequestBodyReader.ReadAsync(TestRequests.Post(Json, "[{\"provider_id\":\"p\"}]"), default);

        Assert.Equal(JsonValueKind.Array, body.ValueKind);
    }

    [Fact]
    public async Task A_json_object_is_returned_as_sent()
    {
        var body = await RequestBodyReader.ReadAsync(
            TestRequests.Post("application/json; charset=utf-8", "{\"amount\":10.50,\"data\":{\"x\":[1]}}"), default);

        Assert.Equal("{\"amount\":10.50,\"data\":{\"x\":[1]}}", body.GetRawText());
    }

    [Fact]
    public async Task The_json_media_type_is_matched_in_any_letter_case()
    {
        var body = await RequestBodyReader.ReadAsync(TestRequests.Post("Application/JSON", "{\"a\":1}"), default);

        Assert.Equal("{\"a\":1}", body.GetRawText());
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_is_skipped()
    {
        byte[] bytes = [.. Encoding.UTF8.Preamble, .. "{\"a\":1}"u8];

        var body = await RequestBodyReader.ReadAsync(TestRequests.Post(Json, bytes), default);

        Assert.Equal("{\"a\":1}", body.GetRawText());
    }

    [Fact]
    public async Task An_empty_json_body_is_an_empty_object()
    {
        var body = await RequestBodyReader.ReadAsync(TestRequests.Post(Json, ""), default);

        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.Empty(body.EnumerateObject());
    }

    [Fact]
    public async Task A_json_body_of_exactly_100_kB_is_accepted()
    {
        var body = await RequestBodyReader.ReadAsync(TestRequests.Post(Json, JsonOfSize(100 * 1024)), default);

        Assert.Equal(JsonValueKind.Object, body.ValueKind);
    }

    [Fact]
    public async Task A_declared_length_over_100_kB_is_too_large()
    {
        var exception = await ReadFailure(TestRequests.Post(Json, JsonOfSize((100 * 1024) + 1)));

        Assert.Equal(413, exception.StatusCode);
        Assert.Equal("request entity too large", exception.Message);
    }

    [Fact]
    public async Task A_chunked_body_over_100_kB_is_too_large()
    {
        var request = TestRequests.Post(Json, Encoding.UTF8.GetBytes(JsonOfSize((100 * 1024) + 1)), declareLength: false);

        var exception = await ReadFailure(request);

        Assert.Equal(413, exception.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/html; charset=utf-8")]
    public async Task A_text_body_is_a_string(string contentType)
    {
        var body = await RequestBodyReader.ReadAsync(
            TestRequests.Post(contentType, "{\"provider_id\":\"pp_system_default\"}"), default);

        Assert.Equal(JsonValueKind.String, body.ValueKind);
        Assert.Equal("{\"provider_id\":\"pp_system_default\"}", body.GetString());
    }

    [Fact]
    public async Task A_text_body_over_100_kB_is_too_large()
    {
        var exception = await ReadFailure(TestRequests.Post("text/plain", new string('x', (100 * 1024) + 1)));

        Assert.Equal(413, exception.StatusCode);
    }

    [Fact]
    public async Task A_form_body_is_parsed_qs_style_with_string_values()
    {
        var body = await RequestBodyReader.ReadAsync(
            TestRequests.Post(
                "application/x-www-form-urlencoded",
                "provider_id=pp_system_default&amount=10&data[note]=paid+in%20cash&data[tags][]=a"),
            default);

        Assert.Equal(
            "{\"provider_id\":\"pp_system_default\",\"amount\":\"10\",\"data\":{\"note\":\"paid in cash\",\"tags\":[\"a\"]}}",
            body.GetRawText());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/xml")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("not a media type")]
    public async Task Any_other_content_type_gives_an_empty_object(string? contentType)
    {
        var body = await RequestBodyReader.ReadAsync(TestRequests.Post(contentType, "{\"cart_id\":\"cart_1\"}"), default);

        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.Empty(body.EnumerateObject());
    }

    [Fact]
    public async Task A_body_of_another_content_type_is_not_read_even_when_huge()
    {
        var body = await RequestBodyReader.ReadAsync(TestRequests.Post("application/octet-stream", new byte[200 * 1024]), default);

        Assert.Empty(body.EnumerateObject());
    }

    private static async Task<RequestBodyException> ReadFailure(Microsoft.AspNetCore.Http.HttpRequest request) =>
        await Assert.ThrowsAsync<RequestBodyException>(() => RequestBodyReader.ReadAsync(request, default));

    private static string JsonOfSize(int bytes)
    {
        const string Open = "{\"pad\":\"";
        const string Close = "\"}";
        return Open + new string('x', bytes - Open.Length - Close.Length) + Close;
    }
}
