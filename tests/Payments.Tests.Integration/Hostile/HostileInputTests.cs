using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Hostile;

/// <summary>
/// The attacks an attacker's probe found, one test each, over real HTTP: every one used to answer 5xx (or, for
/// <c>fields</c>, hundreds of megabytes); each must be a Medusa-shaped 4xx that changes nothing.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HostileInputTests(ApiFixture fixture)
{
    private const string DemoOrder = "order_01M86MSZ3Q5W6N8P9R2T4V6X8Y";

    private ApiHost Api => fixture.Host;

    [Fact]
    public async Task An_amount_whose_sums_would_overflow_is_refused_up_front()
    {
        var response = await Api.AdminAsync(HttpMethod.Post, "/admin/payment-collections", $$"""{"order_id":"{{DemoOrder}}","amount":50000000000000000000000000000}""");

        Assert.Equal(
            (400, """{"type":"invalid_data","message":"Invalid request: Value for field 'amount' too big, expected at most: '999999999999999'"}"""),
            (response.Status, response.Body));
    }

    /// <summary>
    /// Issue 14, case 6: the reuse check compares the request's data with the session's, and a number whose exponent does
    /// not fit (<c>1e99999999999</c>) under a key the session holds made that comparison throw: a 500. Whatever the
    /// answer is, it is not a 5xx, and the document keeps the session the answer shows.
    /// </summary>
    [Theory]
    [InlineData("1", "1e99999999999")]
    [InlineData("1e99999999999", "1e99999999999")]
    [InlineData("1e99999999999", "1")]
    public async Task Session_data_with_a_huge_exponent_under_a_key_the_session_holds_is_never_a_5xx(string held, string sent)
    {
        var id = await Api.NewCollectionAsync();
        var first = await Api.PostAsync(PaymentSessionTests.SessionsOf(id), $$$"""{"provider_id":"pp_system_default","data":{"n":{{{held}}}}}""");

        var response = await Api.PostAsync(PaymentSessionTests.SessionsOf(id), $$$"""{"provider_id":"pp_system_default","data":{"n":{{{sent}}}}}""");

        Assert.Equal(200, first.Status);
        Assert.InRange(response.Status, 200, 499);
        var session = Assert.Single((await MoneyInvariants.AssertHoldAsync(Api, id)).Sessions);
        Assert.Equal(response.Status == 200 ? sent : held, session.Data.GetProperty("n").GetRawText());
    }

    [Theory]
    [InlineData("capture", """{"amount":1e16}""", "too big, expected at most: '999999999999999'")]
    [InlineData("refund", """{"amount":1000000000000000}""", "too big, expected at most: '999999999999999'")]
    [InlineData("capture", """{"amount":0.0000000001}""", "has too many decimal places, expected at most: '9'")]
    [InlineData("refund", """{"amount":1e-400}""", "has too many decimal places, expected at most: '9'")]
    public async Task Capture_and_refund_amounts_are_bounded_too(string operation, string body, string issue)
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(Api);

        var response = await Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{payment.PaymentId}/{operation}", body);

        Assert.Equal((400, $$"""{"type":"invalid_data","message":"Invalid request: Value for field 'amount' {{issue}}"}"""), (response.Status, response.Body));
    }

    [Fact]
    public async Task An_amount_the_service_cannot_keep_exactly_is_refused_not_rounded()
    {
        var response = await Api.AdminAsync(HttpMethod.Post, "/admin/payment-collections", $$"""{"order_id":"{{DemoOrder}}","amount":123456789.12345678901234567890}""");

        Assert.Equal(
            (400, """{"type":"invalid_data","message":"Invalid request: Value for field 'amount' has too many decimal places, expected at most: '9'"}"""),
            (response.Status, response.Body));
    }

    [Theory]
    [InlineData("999999999999998.12", "999999999999998.12")]
    [InlineData("-999999999999999", "-999999999999999")]
    [InlineData("1.10000000000000000000000000000", "1.1")]
    [InlineData("12345678901234.5e1", "123456789012345")]
    [InlineData("0.01", "0.01")]
    public async Task An_amount_at_the_bounds_comes_back_exactly_as_given(string sent, string kept)
    {
        var response = await Api.AdminAsync(
            HttpMethod.Post, "/admin/payment-collections?fields=amount,raw_amount", $$"""{"order_id":"{{DemoOrder}}","amount":{{sent}}}""");

        Assert.Equal(200, response.Status);
        var collection = response.Json.GetProperty("payment_collection");
        Assert.Equal(kept, collection.GetProperty("raw_amount").GetProperty("value").GetString());
        Assert.Contains($"\"amount\":{kept},", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("999999999999998.123456789")]
    [InlineData("0.000000001")]
    [InlineData("0.001")]
    public async Task An_amount_at_the_bounds_finer_than_a_cent_is_refused_naming_the_precision(string sent)
    {
        var response = await Api.AdminAsync(HttpMethod.Post, "/admin/payment-collections", $$"""{"order_id":"{{DemoOrder}}","amount":{{sent}}}""");

        Assert.Equal(
            (400, $$"""{"type":"invalid_data","message":"The amount {{sent}} is finer than the smallest unit of USD (0.01): amounts are whole multiples of it."}"""),
            (response.Status, response.Body));
    }

    [Fact]
    public async Task A_fields_path_that_re_enters_a_relation_is_refused_before_anything_is_written()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(Api);
        var fields = string.Concat(Enumerable.Repeat("payment_collection.payments.", 3)) + "id";

        var response = await Api.AdminAsync(HttpMethod.Get, $"/admin/payments/{payment.PaymentId}?fields={fields}");

        Assert.Equal(
            (400, """{"type":"invalid_data","message":"Invalid request: Value for field 'fields' follows 'payment_collection' twice in 'payment_collection.payments.payment_collection': a path may follow each relation once"}"""),
            (response.Status, response.Body));
    }

    [Fact]
    public async Task A_store_fields_path_deeper_than_four_levels_is_refused()
    {
        var cart = await Api.NewCartAsync();

        var refused = await Api.PostAsync("/store/payment-collections?fields=payments.payment_collection.payment_sessions.payment.captures.id", $$"""{"cart_id":"{{cart}}"}""");
        var created = await Api.PostAsync("/store/payment-collections?fields=id", $$"""{"cart_id":"{{cart}}"}""");

        Assert.Equal(
            (400, """{"type":"invalid_data","message":"Invalid request: Value for field 'fields' has the path 'payments.payment_collection.payment_sessions.payment.captures' deeper than 4 levels"}"""),
            (refused.Status, refused.Body));
        Assert.Equal(200, created.Status);
    }

    [Theory]
    [InlineData("payment_sessions.payment_collection.payments.id")]
    [InlineData("+payment_sessions.payment.*")]
    [InlineData("payments.refunds.refund_reason.label")]
    public async Task Documented_deep_fields_keep_working(string fields)
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(Api);

        var response = await Api.PostAsync($"/store/payment-collections?fields={fields}", $$"""{"cart_id":"{{payment.CartId}}"}""");

        Assert.Equal(200, response.Status);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'c', (byte)'"', (byte)':', (byte)'"', (byte)'a', 0xC0, 0xAF, (byte)'b', (byte)'"', (byte)'}' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'c', (byte)'"', (byte)':', (byte)'"', 0xED, 0xA0, 0x80, (byte)'"', (byte)'}' })]
    public async Task Bytes_that_are_not_utf8_are_a_parse_error(byte[] body)
    {
        var response = await RawHttp.SendBytesAsync(Api, HttpMethod.Post, "/store/payment-collections", body, "application/json");

        Assert.Equal((400, """{"message":"Request body is not valid UTF-8","type":"invalid_data"}"""), (response.Status, response.Body));
    }

    [Theory]
    [InlineData("""{"cart_id":"\ud800"}""", @"\ud800")]
    [InlineData("""{"cart_id":"x\udfff"}""", @"\udfff")]
    [InlineData("""{"\ud83d":"x"}""", @"\ud83d")]
    public async Task A_lone_surrogate_escape_is_a_parse_error(string body, string escape)
    {
        var response = await Api.PostAsync("/store/payment-collections", body);

        Assert.Equal(400, response.Status);
        Assert.Equal(["message", "type"], ApiResponse.KeysOf(response.Json));
        Assert.Equal($"Unpaired surrogate {escape} in a JSON string", response.Json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Lone_surrogates_are_refused_in_every_string_field()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(Api);

        var responses = new[]
        {
            await Api.PostAsync(PaymentSessionTests.SessionsOf(payment.CollectionId), """{"provider_id":"pp_\ud800"}"""),
            await Api.PostAsync(PaymentSessionTests.SessionsOf(payment.CollectionId), """{"provider_id":"pp_system_default","data":{"k":["\udc00"]}}"""),
            await Api.AdminAsync(HttpMethod.Post, "/admin/payment-collections", """{"order_id":"\ud800","amount":1}"""),
            await payment.RefundAsync("""{"refund_reason_id":"\ud800"}"""),
            await Api.AdminAsync(HttpMethod.Post, "/admin/refund-reasons", """{"label":"\ud800","code":"c"}"""),
            await Api.AdminAsync(HttpMethod.Post, "/admin/refund-reasons", """{"label":"l","code":"\udbff"}"""),
        };

        Assert.All(responses, response => Assert.Equal(400, response.Status));
        Assert.All(responses, response => Assert.StartsWith("Unpaired surrogate ", response.Json.GetProperty("message").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(1)]
    public async Task Session_data_nested_up_to_the_limit_is_stored_and_read_back(int depth)
    {
        var id = await Api.NewCollectionAsync();
        var data = Nested(depth);

        var response = await Api.PostAsync(PaymentSessionTests.SessionsOf(id), $$"""{"provider_id":"pp_system_default","data":{{data}}}""");
        var again = await Api.PostAsync(PaymentSessionTests.SessionsOf(id), $$"""{"provider_id":"pp_system_default","data":{{data}}}""");

        Assert.Equal(200, response.Status);
        Assert.Equal(data, PaymentSessionTests.SessionOf(again).GetProperty("data").GetRawText());
    }

    [Theory]
    [InlineData(32)]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(5000)]
    public async Task A_body_nested_deeper_than_32_levels_is_refused_with_the_truth(int dataDepth)
    {
        var id = await Api.NewCollectionAsync();

        var response = await Api.PostAsync(PaymentSessionTests.SessionsOf(id), $$"""{"provider_id":"pp_system_default","data":{{Nested(dataDepth)}}}""");

        Assert.Equal((400, """{"message":"Request body nests deeper than 32 levels","type":"invalid_data"}"""), (response.Status, response.Body));
    }

    [Fact]
    public async Task Duplicate_keys_inside_data_keep_the_last_value_as_at_the_top_level()
    {
        var id = await Api.NewCollectionAsync();

        var response = await Api.PostAsync(PaymentSessionTests.SessionsOf(id), """{"provider_id":"pp_system_default","data":{"a":1,"b":{"c":1,"c":[2]},"a":2}}""");

        Assert.Equal(200, response.Status);
        Assert.Equal("""{"a":2,"b":{"c":[2]}}""", PaymentSessionTests.SessionOf(response).GetProperty("data").GetRawText());
    }

    [Theory]
    [InlineData("label", 1_001, "1000")]
    [InlineData("code", 1_001, "1000")]
    [InlineData("description", 32_769, "10000")]
    public async Task Refund_reason_texts_longer_than_their_maximum_are_refused(string field, int length, string maximum)
    {
        var reason = new Dictionary<string, string> { ["label"] = "l", ["code"] = "c", [field] = new string('x', length) };

        var response = await Api.AdminAsync(HttpMethod.Post, "/admin/refund-reasons", JsonSerializer.Serialize(reason));

        Assert.Equal(
            (400, $$"""{"type":"invalid_data","message":"Invalid request: Value for field '{{field}}' too big, expected at most: '{{maximum}}'"}"""),
            (response.Status, response.Body));
    }

    [Fact]
    public async Task A_body_that_stops_short_of_its_content_length_is_a_quiet_408()
    {
        var log = new ErrorLog();
        await using var api = await ApiHost.StartAsync(fixture.TablesConnection, services => services.AddSingleton<ILoggerProvider>(log));

        var (status, body) = await RawHttp.SendStalledAsync(api, "/store/payment-collections", StoreJsonHeaders(100), Encoding.UTF8.GetBytes("""{"cart_id":"""));

        Assert.Equal((408, """{"message":"request body timed out","type":"unknown_error"}"""), (status, body));
        Assert.Empty(log.Errors);
    }

    [Fact]
    public async Task A_body_still_arriving_after_the_read_timeout_is_cut_off()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var log = new ErrorLog();
        await using var api = await ApiHost.StartAsync(fixture.TablesConnection, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<ILoggerProvider>(log);
        });
        var started = Stopwatch.StartNew();

        var (status, body) = await RawHttp.SendStalledAsync(
            api, "/store/payment-collections", StoreJsonHeaders(100), Encoding.UTF8.GetBytes("""{"cart_id":"""), tick: () => clock.Advance(TimeSpan.FromSeconds(1)));

        Assert.Equal((408, """{"message":"request body timed out","type":"unknown_error"}"""), (status, body));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(4), "cut off by the read timeout, before Kestrel's own 5 s grace");

        // Kestrel drains what is left of the body once the answer is out; a read cut off by its token would have left
        // the body reader unusable for that, and Kestrel logs that as an error.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Empty(log.Errors);
    }

    [Fact]
    public async Task A_provider_that_is_not_registered_is_a_404_on_a_collection_without_a_cart()
    {
        var order = await Api.AdminAsync(HttpMethod.Post, "/admin/payment-collections", $$"""{"order_id":"{{DemoOrder}}","amount":10}""");
        var id = order.Json.GetProperty("payment_collection").GetProperty("id").GetString();

        var session = await Api.AdminAsync(HttpMethod.Post, $"/admin/payment-collections/{id}/payment-sessions", """{"provider_id":"pp_nope_nope"}""");
        var markAsPaid = await Api.AdminAsync(HttpMethod.Post, $"/admin/payment-collections/{id}/mark-as-paid", $$"""{"order_id":"{{DemoOrder}}","provider_id":"pp_nope_nope"}""");

        const string NotFound = """{"type":"not_found","message":"PaymentProvider with id: pp_nope_nope was not found"}""";
        Assert.Equal((404, NotFound), (session.Status, session.Body));
        Assert.Equal((404, NotFound), (markAsPaid.Status, markAsPaid.Body));
    }

    [Theory]
    [InlineData("*/*")]
    [InlineData("application/*")]
    [InlineData("application/json-patch+json")]
    [InlineData("text/*")]
    public async Task Wildcard_and_other_media_types_are_not_parsed(string contentType)
    {
        var cart = await Api.NewCartAsync();

        var response = await RawHttp.SendBytesAsync(
            Api,
            HttpMethod.Post,
            "/store/payment-collections",
            Encoding.UTF8.GetBytes($$"""{"cart_id":"{{cart}}"}"""),
            contentType,
            new Dictionary<string, string> { ["x-publishable-api-key"] = ApiHost.PublishableKey });

        Assert.Equal((400, """{"type":"invalid_data","message":"Invalid request: Field 'cart_id' is required"}"""), (response.Status, response.Body));
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("UTF-16LE")]
    [InlineData("utf-16be")]
    public async Task A_json_body_in_utf16_is_decoded_as_declared(string charset)
    {
        var cart = await Api.NewCartAsync();
        var encoding = charset.EndsWith("be", StringComparison.OrdinalIgnoreCase) ? Encoding.BigEndianUnicode : Encoding.Unicode;

        var response = await RawHttp.SendBytesAsync(
            Api,
            HttpMethod.Post,
            "/store/payment-collections?fields=id,amount",
            encoding.GetBytes($$"""{"cart_id":"{{cart}}"}"""),
            $"application/json; charset={charset}",
            new Dictionary<string, string> { ["x-publishable-api-key"] = ApiHost.PublishableKey });

        Assert.Equal(200, response.Status);
    }

    [Theory]
    [InlineData("application/json; charset=latin1", "LATIN1")]
    [InlineData("application/json; charset=utf-32", "UTF-32")]
    [InlineData("application/json; charset=utf8", "UTF8")]
    [InlineData("application/x-www-form-urlencoded; charset=utf-16", "UTF-16")]
    public async Task An_unsupported_charset_is_415_as_body_parser_answers(string contentType, string charset)
    {
        var response = await RawHttp.SendBytesAsync(Api, HttpMethod.Post, "/store/payment-collections", "{}"u8.ToArray(), contentType);

        Assert.Equal((415, $$"""{"message":"unsupported charset \"{{charset}}\"","type":"unknown_error"}"""), (response.Status, response.Body));
    }

    private static string StoreJsonHeaders(int contentLength) =>
        $"Content-Type: application/json\r\nContent-Length: {contentLength}\r\nx-publishable-api-key: {ApiHost.PublishableKey}\r\n";

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("""{"a":""", depth - 1)) + "{}" + new string('}', depth - 1);
}
