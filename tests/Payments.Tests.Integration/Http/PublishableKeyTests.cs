namespace Payments.Tests.Integration.Http;

/// <summary>Spec §2.1, checklist items 5–13: the publishable key check of every store route.</summary>
[Collection(ApiCollection.Name)]
public sealed class PublishableKeyTests(ApiFixture fixture)
{
    private const string MissingKey =
        """{"type":"not_allowed","message":"Publishable API key required in the request header: x-publishable-api-key. You can manage your keys in settings in the dashboard."}""";

    private const string InvalidKey = """{"type":"not_allowed","message":"A valid publishable key is required to proceed with the request"}""";

    private ApiHost Api => fixture.Host;

    public static TheoryData<string, string?> StoreRoutes() => new()
    {
        { "/store/payment-providers?region_id=" + ApiHost.UsRegion, null },
        { "/store/payment-collections", """{"cart_id":"cart_01M86MS9K65CQ5DSH0AYYTBNTQ"}""" },
        { "/store/payment-collections/pay_col_01M86MS9YPV14MVVJVNRK0ACEN/payment-sessions", """{"provider_id":"pp_system_default"}""" },
    };

    [Theory]
    [MemberData(nameof(StoreRoutes))]
    public async Task A_missing_key_is_required(string path, string? body) =>
        await AssertRefused(path, body, key: null, MissingKey);

    [Theory]
    [MemberData(nameof(StoreRoutes))]
    public async Task An_empty_key_is_required(string path, string? body) =>
        await AssertRefused(path, body, key: "", MissingKey);

    [Theory]
    [MemberData(nameof(StoreRoutes))]
    public async Task An_unknown_key_is_invalid(string path, string? body) =>
        await AssertRefused(path, body, key: "pk_" + new string('0', 64), InvalidKey);

    [Theory]
    [MemberData(nameof(StoreRoutes))]
    public async Task A_revoked_key_is_invalid(string path, string? body) =>
        await AssertRefused(path, body, key: ApiHost.RevokedPublishableKey, InvalidKey);

    [Fact]
    public async Task A_secret_key_is_not_a_publishable_key() =>
        await AssertRefused("/store/payment-providers?region_id=x", body: null, key: ApiHost.SecretKey, InvalidKey);

    [Fact]
    public async Task A_key_sent_twice_is_invalid()
    {
        var response = await Api.SendAsync(HttpMethod.Get, "/store/payment-providers?region_id=x", json: null, publishableKey: null, contentType: null,
            request => request.Headers.TryAddWithoutValidation("x-publishable-api-key", [ApiHost.PublishableKey, ApiHost.PublishableKey]));

        Assert.Equal((400, InvalidKey), (response.Status, response.Body));
    }

    [Fact]
    public async Task A_key_revoked_in_the_future_is_still_valid()
    {
        const string token = "pk_future_revocation_0000000000000000000000000000000000000000000000";
        await Api.SeedAsync(new
        {
            api_keys = new[]
            {
                new { id = "apk_future", token, type = "publishable", title = "Future", revoked_at = DateTimeOffset.UtcNow.AddHours(1).ToString("O"), sales_channel_ids = Array.Empty<string>() },
            },
        });

        var response = await Api.GetAsync("/store/payment-providers?region_id=" + ApiHost.UsRegion, token);

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task Malformed_json_is_reported_before_the_missing_key()
    {
        var response = await Api.PostAsync("/store/payment-collections", """{"cart_id":""", publishableKey: null);

        Assert.Equal((400, """{"message":"Unexpected end of JSON input","type":"invalid_data"}"""), (response.Status, response.Body));
    }

    private async Task AssertRefused(string path, string? body, string? key, string expected)
    {
        var response = body is null ? await Api.GetAsync(path, key) : await Api.PostAsync(path, body, key);

        Assert.Equal(400, response.Status);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        Assert.Equal(expected, response.Body);
    }
}
