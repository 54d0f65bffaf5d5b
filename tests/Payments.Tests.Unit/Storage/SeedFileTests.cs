using System.Text;
using Payments.Domain.Ports;
using Payments.Storage.Seed;

namespace Payments.Tests.Unit.Storage;

public sealed class SeedFileTests
{
    private const string Cart = """{"id": "cart_x", "region_id": "reg_1", "currency_code": "usd", "total": 1}""";

    [Fact]
    public async Task Absent_sections_mean_no_records()
    {
        var seed = await ReadAsync("{}");

        Assert.Empty(seed.ApiKeys);
        Assert.Empty(seed.Regions);
        Assert.Empty(seed.Carts);
        Assert.Empty(seed.Orders);
    }

    [Fact]
    public async Task Every_kind_of_record_is_read()
    {
        var seed = await ReadAsync("""
            {
              "api_keys": [{"id": "apk_1", "token": "sk_1", "type": "secret", "title": "Admin", "revoked_at": null}],
              "regions": [{"id": "reg_1", "name": "US", "currency_code": "usd", "payment_providers": ["pp_b", "pp_a"]}],
              "carts": [{"id": "cart_1", "region_id": "reg_1", "currency_code": "usd", "total": 25.50, "completed_at": "2026-11-24T11:24:18.236Z"}],
              "orders": [{"id": "order_1", "currency_code": "usd"}]
            }
            """);

        Assert.Equal(new SeededApiKey(new ApiKey("apk_1", ApiKeyType.Secret, "Admin", null, seed.ApiKeys[0].Key.SalesChannelIds), "sk_1"), seed.ApiKeys[0]);
        Assert.Empty(seed.ApiKeys[0].Key.SalesChannelIds);
        Assert.Equal(["pp_b", "pp_a"], seed.Regions[0].PaymentProviders);
        Assert.Equal(new Cart("cart_1", "reg_1", "usd", 25.50m, null, null, null, new DateTimeOffset(2026, 11, 24, 11, 24, 18, 236, TimeSpan.Zero)), seed.Carts[0]);
        Assert.Equal(new Order("order_1", "usd"), seed.Orders[0]);
    }

    [Theory]
    [InlineData($$"""{"carts": [{{Cart}}, {{Cart}}, {"id": "cart_x", "region_id": "reg_1", "currency_code": "usd", "total": "3"}]}""", "carts[2] (cart_x): total must be a number")]
    [InlineData("""{"carts": [{"region_id": "reg_1", "currency_code": "usd", "total": 3}]}""", "carts[0]: id must be a non-empty string")]
    [InlineData("""{"carts": [{"id": "cart/1", "region_id": "reg_1", "currency_code": "usd", "total": 3}]}""", "carts[0] (cart/1): id cannot hold / \\ # ? or control characters, nor be longer than 512 characters")]
    [InlineData("""{"carts": [{"id": "cart_1", "region_id": "reg_1", "currency_code": "usd", "total": 3, "completed_at": "yesterday"}]}""", "carts[0] (cart_1): completed_at must be an ISO 8601 timestamp or null")]
    [InlineData("""{"carts": [{"id": "cart_1", "region_id": "reg_1", "currency_code": "usd", "total": 3, "email": 7}]}""", "carts[0] (cart_1): email must be a string or null")]
    [InlineData("""{"carts": [{"id": "cart_1", "region_id": "reg_1", "currency_code": "usd", "totl": 3}]}""", "carts[0] (cart_1): unknown property totl (expected id, region_id, currency_code, total, sales_channel_id, customer_id, email, completed_at)")]
    [InlineData("""{"carts": [42]}""", "carts[0] must be an object.")]
    [InlineData("""{"carts": {"id": "cart_1"}}""", "carts must be an array.")]
    [InlineData("""{"api_keys": [{"id": "apk_1", "token": "pk_1", "type": "admin", "title": "x"}]}""", "api_keys[0] (apk_1): type must be \"publishable\" or \"secret\"")]
    [InlineData("""{"api_keys": [{"id": "apk_1", "type": "secret", "title": "x"}]}""", "api_keys[0] (apk_1): token must be a non-empty string")]
    [InlineData("""{"regions": [{"id": "reg_1", "name": "US", "currency_code": "usd", "payment_providers": "pp_system_default"}]}""", "regions[0] (reg_1): payment_providers must be an array of strings")]
    [InlineData("""{"orders": [{"id": "order_1"}]}""", "orders[0] (order_1): currency_code must be a non-empty string")]
    [InlineData("""{"shoppers": []}""", "The seed file has an unknown section shoppers (expected api_keys, regions, carts, orders, customers).")]
    [InlineData("""[]""", "The seed file must be a JSON object.")]
    public async Task A_malformed_file_is_refused_with_a_message_naming_the_bad_record(string json, string message)
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(json));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_json_is_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync("{\"carts\": ["));

        Assert.StartsWith("The seed file is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    private static async Task<SeedFile> ReadAsync(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return await SeedFile.ReadAsync(stream, CancellationToken.None);
    }
}
