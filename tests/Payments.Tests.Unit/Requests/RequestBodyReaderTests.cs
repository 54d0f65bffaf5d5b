using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
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

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D })]
    [InlineData(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC0, 0xAF, 0x22, 0x7D })]
    [InlineData(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D })]
    [InlineData(new byte[] { 0x7B, 0x7D, 0x20, 0xF8 })]
    public async Task Bytes_that_are_not_utf8_are_refused_not_replaced(byte[] body)
    {
        var exception = await ReadFailure(TestRequests.Post(Json, body));

        Assert.Equal((400, "Request body is not valid UTF-8"), (exception.StatusCode, exception.Message));
    }

    [Theory]
    [InlineData("""{"a":"\ud800"}""", "\\ud800")]
    [InlineData("""{"a":"\uDC00x"}""", "\\udc00")]
    [InlineData("""{"a":"\ud800\ud800\udc00"}""", "\\ud800")]
    [InlineData("""{"a":"x\ud83d\n"}""", "\\ud83d")]
    [InlineData("""{"\ud83d":1}""", "\\ud83d")]
    [InlineData("""[{"deep":["\udbff"]}]""", "\\udbff")]
    public async Task An_escaped_surrogate_without_its_pair_is_refused(string body, string escape)
    {
        var exception = await ReadFailure(TestRequests.Post(Json, body));

        Assert.Equal((400, $"Unpaired surrogate {escape} in a JSON string"), (exception.StatusCode, exception.Message));
    }

    [Fact]
    public async Task Escaped_surrogate_pairs_and_other_escapes_read_as_sent()
    {
        var body = await RequestBodyReader.ReadAsync(TestRequests.Post(Json, """{"a":"\ud83d\ude00 \u00e9\n\"\\"}"""), default);

        Assert.Equal("😀 é\n\"\\", body.GetProperty("a").GetString());
    }

    [Theory]
    [InlineData(32, true)]
    [InlineData(33, false)]
    [InlineData(64, false)]
    [InlineData(20_000, false)]
    public async Task A_body_nests_at_most_32_levels(int depth, bool accepted)
    {
        var json = new string('[', depth) + new string(']', depth);

        if (accepted)
        {
            Assert.Equal(JsonValueKind.Array, (await RequestBodyReader.ReadAsync(TestRequests.Post(Json, json), default)).ValueKind);
        }
        else
        {
            var exception = await ReadFailure(TestRequests.Post(Json, json));
            Assert.Equal((400, "Request body nests deeper than 32 levels"), (exception.StatusCode, exception.Message));
        }
    }

    [Fact]
    public async Task A_repeated_key_keeps_its_last_value_at_the_place_of_the_first_at_every_depth()
    {
        var body = await RequestBodyReader.ReadAsync(
            TestRequests.Post(Json, """{"a":1,"b":{"x":1,"y":2,"x":[3]},"c":[{"k":1,"k":2}],"a":{"z":0}}"""), default);

        Assert.Equal("""{"a":{"z":0},"b":{"x":[3],"y":2},"c":[{"k":2}]}""", body.GetRawText());
    }

    [Theory]
    [InlineData("""{"a":1,"\u0061":2}""", """{"a":2}""")]
    [InlineData("""{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k13":13,"k14":14,"k15":15,"k16":16,"k0":"last"}""", """{"k0":"last","k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k13":13,"k14":14,"k15":15,"k16":16}""")]
    [InlineData("""{"a":1,"b":2}""", """{"a":1,"b":2}""")]
    public async Task A_repeated_key_is_found_however_it_is_spelt_and_however_many_keys_there_are(string json, string read) =>
        Assert.Equal(read, (await RequestBodyReader.ReadAsync(TestRequests.Post(Json, json), default)).GetRawText());

    [Theory]
    [InlineData("{\"a\":😀}", "Unexpected token '😀', \"{\"a\":😀}\" is not valid JSON")]
    [InlineData("{\"a\":😀,\"bb\":\"😀😀😀😀\"}", "Unexpected token '😀', \"{\"a\":😀,\"bb\":\"😀\"... is not valid JSON")]
    public async Task A_syntax_error_message_never_cuts_a_surrogate_pair(string body, string message)
    {
        var exception = await ReadFailure(TestRequests.Post(Json, body));

        Assert.Equal(message, exception.Message);
    }

    [Theory]
    [InlineData("*/*")]
    [InlineData("application/*")]
    [InlineData("*/json")]
    [InlineData("text/*")]
    [InlineData("application/vnd.api+json")]
    [InlineData("application/json-seq")]
    [InlineData("application/json;;;")]
    public async Task A_media_type_that_is_not_exactly_a_parsers_own_is_not_parsed(string contentType)
    {
        var body = await RequestBodyReader.ReadAsync(TestRequests.Post(contentType, "{\"cart_id\":\"cart_1\"}"), default);

        Assert.Equal("{}", body.GetRawText());
    }

    [Theory]
    [InlineData("utf-16", false, true)]
    [InlineData("utf-16", true, false)]
    [InlineData("UTF-16LE", false, false)]
    [InlineData("utf-16be", true, false)]
    [InlineData("utf-16", false, false)]
    public async Task A_json_body_in_utf16_is_decoded(string charset, bool bigEndian, bool byteOrderMark)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark);
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes("{\"a\":\"é😀\"}")];

        var body = await RequestBodyReader.ReadAsync(TestRequests.Post($"application/json; charset={charset}", bytes), default);

        Assert.Equal("é😀", body.GetProperty("a").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_the_utf16_it_declares_is_refused()
    {
        var exception = await ReadFailure(TestRequests.Post("application/json; charset=utf-16le", [0x7B, 0x00, 0x00, 0xD8, 0x7D, 0x00]));

        Assert.Equal((400, "Request body is not valid UTF-16"), (exception.StatusCode, exception.Message));
    }

    [Theory]
    [InlineData("application/json; charset=latin1", "LATIN1")]
    [InlineData("application/json; charset=\"ISO-8859-1\"", "ISO-8859-1")]
    [InlineData("application/json; charset=utf8", "UTF8")]
    [InlineData("application/json; charset=utf-32", "UTF-32")]
    [InlineData("application/json; charset=utf-7", "UTF-7")]
    [InlineData("application/json; charset=utf-fake", "UTF-FAKE")]
    [InlineData("application/x-www-form-urlencoded; charset=utf-16", "UTF-16")]
    [InlineData("application/x-www-form-urlencoded; charset=latin1", "LATIN1")]
    public async Task A_charset_the_parser_does_not_take_is_415_even_for_an_empty_body(string contentType, string charset)
    {
        var exception = await ReadFailure(TestRequests.Post(contentType, ""));

        Assert.Equal((415, $"unsupported charset \"{charset}\""), (exception.StatusCode, exception.Message));
    }

    [Theory]
    [InlineData("text/plain; charset=latin1")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/x-www-form-urlencoded; charset=utf-8")]
    public async Task The_charsets_each_parser_takes_are_read(string contentType) =>
        Assert.NotEqual(JsonValueKind.Undefined, (await RequestBodyReader.ReadAsync(TestRequests.Post(contentType, "{}"), default)).ValueKind);

    [Fact]
    public async Task An_empty_text_body_is_the_empty_string_and_a_missing_one_is_nothing()
    {
        var empty = await RequestBodyReader.ReadAsync(TestRequests.Post("text/plain", ""), default);
        var missing = await RequestBodyReader.ReadAsync(Without(TestRequests.Post("text/plain", ""), canHaveBody: false), default);

        Assert.Equal(("", "{}"), (empty.GetString(), missing.GetRawText()));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("GZIP")]
    public async Task A_compressed_body_is_inflated(string encoding)
    {
        var request = TestRequests.Post(Json, Compressed(encoding, "{\"a\":1}"u8.ToArray()));
        request.Headers.ContentEncoding = encoding;

        Assert.Equal("{\"a\":1}", (await RequestBodyReader.ReadAsync(request, default)).GetRawText());
    }

    [Fact]
    public async Task A_compressed_body_is_limited_by_its_inflated_size()
    {
        var request = TestRequests.Post(Json, Compressed("gzip", Encoding.UTF8.GetBytes(JsonOfSize((100 * 1024) + 1))));
        request.Headers.ContentEncoding = "gzip";

        var exception = await ReadFailure(request);

        Assert.Equal(413, exception.StatusCode);
    }

    [Theory]
    [InlineData("br", 415, "unsupported content encoding \"br\"")]
    [InlineData("gzip, identity", 415, "unsupported content encoding \"gzip, identity\"")]
    [InlineData("gzip", 400, "request body is not valid gzip data")]
    public async Task Another_or_a_broken_content_encoding_is_refused(string encoding, int status, string message)
    {
        var request = TestRequests.Post(Json, "{\"a\":1}");
        request.Headers.ContentEncoding = encoding;

        var exception = await ReadFailure(request);

        Assert.Equal((status, message), (exception.StatusCode, exception.Message));
    }

    [Fact]
    public async Task A_body_still_arriving_at_the_read_timeout_is_408()
    {
        var clock = new FakeTimeProvider();
        var request = TestRequests.Post(Json, "{}");
        request.Body = new StalledStream();
        request.HttpContext.RequestServices = new ServiceCollection().AddSingleton<TimeProvider>(clock).BuildServiceProvider();

        var reading = ReadFailure(request);
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(reading.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        var exception = await reading.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal((408, "request body timed out"), (exception.StatusCode, exception.Message));
    }

    [Theory]
    [InlineData(StatusCodes.Status408RequestTimeout, 408, "request body timed out")]
    [InlineData(StatusCodes.Status400BadRequest, 400, "request aborted")]
    [InlineData(StatusCodes.Status413PayloadTooLarge, 413, "request entity too large")]
    public async Task Kestrels_refusals_of_a_body_are_answered_as_body_parser_would(int kestrelStatus, int status, string message)
    {
        var request = TestRequests.Post(Json, "{}");
        request.Body = new RefusingStream(new BadHttpRequestException("refused", kestrelStatus));

        var exception = await ReadFailure(request);

        Assert.Equal((status, message), (exception.StatusCode, exception.Message));
    }

    [Fact]
    public async Task A_form_of_more_than_1000_parameters_is_413()
    {
        var exception = await ReadFailure(TestRequests.Post("application/x-www-form-urlencoded", string.Join('&', Enumerable.Range(0, 1001).Select(i => $"k{i}=v"))));

        Assert.Equal((413, "too many parameters"), (exception.StatusCode, exception.Message));
    }

    private static HttpRequest Without(HttpRequest request, bool canHaveBody)
    {
        request.ContentLength = null;
        request.HttpContext.Features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(canHaveBody));
        return request;
    }

    private static byte[] Compressed(string encoding, byte[] bytes)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding.Equals("deflate", StringComparison.OrdinalIgnoreCase)
            ? new ZLibStream(output, CompressionLevel.Fastest)
            : new GZipStream(output, CompressionLevel.Fastest))
        {
            compressor.Write(bytes);
        }

        return output.ToArray();
    }

    private static async Task<RequestBodyException> ReadFailure(HttpRequest request) =>
        await Assert.ThrowsAsync<RequestBodyException>(() => RequestBodyReader.ReadAsync(request, default));

    private sealed record BodyDetection(bool CanHaveBody) : IHttpRequestBodyDetectionFeature;

    /// <summary>A client that sent its headers and then nothing.</summary>
    private sealed class StalledStream : MemoryStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }

    /// <summary>A body Kestrel gave up on.</summary>
    private sealed class RefusingStream(Exception refusal) : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw refusal;
    }

    private static string JsonOfSize(int bytes)
    {
        const string Open = "{\"pad\":\"";
        const string Close = "\"}";
        return Open + new string('x', bytes - Open.Length - Close.Length) + Close;
    }
}
