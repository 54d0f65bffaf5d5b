using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Payments.Domain.Ports;
using Payments.Storage.Seed;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class ReferenceCatalogTests(AzuriteFixture azurite) : IDisposable
{
    private const string Token = "pk_test_0123456789abcdef";

    private readonly StorageTestServices services = new(azurite);

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task A_cart_reads_back_with_its_total_exact_and_its_currency_in_lower_case()
    {
        await SeedAsync("""
            {"carts": [{"id": "cart_1", "region_id": "reg_1", "currency_code": "USD", "total": 87.957975,
              "sales_channel_id": "sc_1", "customer_id": "cus_1", "email": "a@example.com", "completed_at": "2026-11-24T11:24:18.236Z"}]}
            """);

        var cart = await services.Get<ICartCatalog>().FindAsync("cart_1", Caller.Service, CancellationToken.None);

        Assert.Equal(
            new Cart("cart_1", "reg_1", "usd", 87.957975m, "sc_1", "cus_1", "a@example.com", new DateTimeOffset(2026, 11, 24, 11, 24, 18, 236, TimeSpan.Zero)),
            cart);
    }

    [Fact]
    public async Task A_cart_without_optional_fields_reads_back_with_nulls()
    {
        await SeedAsync("""{"carts": [{"id": "cart_2", "region_id": "reg_1", "currency_code": "eur", "total": 23}]}""");

        var cart = await services.Get<ICartCatalog>().FindAsync("cart_2", Caller.Service, CancellationToken.None);

        Assert.Equal(new Cart("cart_2", "reg_1", "eur", 23m, null, null, null, null), cart);
    }

    [Fact]
    public async Task A_region_keeps_its_providers_in_their_order()
    {
        await SeedAsync("""{"regions": [{"id": "reg_1", "name": "Mixed", "currency_code": "EUR", "payment_providers": ["pp_stripe_stripe", "pp_system_default"]}]}""");

        var region = await services.Get<IRegionCatalog>().FindAsync("reg_1", Caller.Service, CancellationToken.None);

        Assert.Equal("Mixed", region!.Name);
        Assert.Equal("eur", region.CurrencyCode);
        Assert.Equal(["pp_stripe_stripe", "pp_system_default"], region.PaymentProviders);
    }

    [Fact]
    public async Task An_order_reads_back()
    {
        await SeedAsync("""{"orders": [{"id": "order_1", "currency_code": "JPY"}]}""");

        Assert.Equal(new Order("order_1", "jpy"), await services.Get<IOrderCatalog>().FindAsync("order_1", CancellationToken.None));
    }

    [Fact]
    public async Task An_api_key_is_found_by_its_token()
    {
        await SeedAsync($$"""
            {"api_keys": [{"id": "apk_1", "token": "{{Token}}", "type": "secret", "title": "Admin", "revoked_at": "2027-01-01T00:00:00Z", "sales_channel_ids": ["sc_2", "sc_1"]}]}
            """);

        var key = await services.Get<IApiKeyCatalog>().FindByTokenAsync(Token, CancellationToken.None);

        Assert.Equal("apk_1", key!.Id);
        Assert.Equal(ApiKeyType.Secret, key.Type);
        Assert.Equal("Admin", key.Title);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), key.RevokedAt);
        Assert.Equal(["sc_2", "sc_1"], key.SalesChannelIds);
    }

    [Fact]
    public async Task An_api_key_is_stored_under_the_hash_of_its_token_and_the_token_appears_nowhere()
    {
        await SeedAsync($$"""{"api_keys": [{"id": "apk_1", "token": "{{Token}}", "type": "publishable", "title": "Storefront"}]}""");

        var rows = await RawTable("apikeys").QueryAsync<TableEntity>().ToListAsync();

        var row = Assert.Single(rows);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Token))), row.PartitionKey);
        Assert.DoesNotContain(row, property => property.Value?.ToString()?.Contains(Token, StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("pk_test_0123456789ABCDEF")]
    [InlineData("pk_test_0123456789abcde")]
    [InlineData("")]
    [InlineData("pk/with/slashes")]
    public async Task Another_token_finds_no_key(string token)
    {
        await SeedAsync($$"""{"api_keys": [{"id": "apk_1", "token": "{{Token}}", "type": "publishable", "title": "Storefront"}]}""");

        Assert.Null(await services.Get<IApiKeyCatalog>().FindByTokenAsync(token, CancellationToken.None));
    }

    [Theory]
    [InlineData("cart/1")]
    [InlineData("cart\\1")]
    [InlineData("cart#1")]
    [InlineData("cart?1")]
    [InlineData("cart\n1")]
    public async Task An_id_that_cannot_be_a_table_key_is_not_found(string id)
    {
        Assert.Null(await services.Get<ICartCatalog>().FindAsync(id, Caller.Service, CancellationToken.None));
        Assert.Null(await services.Get<IOrderCatalog>().FindAsync(id, CancellationToken.None));
        Assert.Null(await services.Get<IRegionCatalog>().FindAsync(id, Caller.Service, CancellationToken.None));
    }

    [Fact]
    public async Task Unknown_ids_are_not_found()
    {
        Assert.Null(await services.Get<ICartCatalog>().FindAsync("cart_unknown", Caller.Service, CancellationToken.None));
        Assert.Null(await services.Get<IOrderCatalog>().FindAsync("order_unknown", CancellationToken.None));
        Assert.Null(await services.Get<IRegionCatalog>().FindAsync("reg_unknown", Caller.Service, CancellationToken.None));
    }

    private async Task SeedAsync(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        await services.Get<SeedFileLoader>().LoadAsync(stream, CancellationToken.None);
    }

    private TableClient RawTable(string name) =>
        new TableServiceClient(azurite.ConnectionString).GetTableClient(services.TablePrefix + name);
}
