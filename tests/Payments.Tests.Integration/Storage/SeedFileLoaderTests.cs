using System.Text;
using Payments.Domain.Ports;
using Payments.Storage.Seed;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class SeedFileLoaderTests(AzuriteFixture azurite) : IDisposable
{
    private readonly StorageTestServices services = new(azurite);

    private SeedFileLoader Loader => services.Get<SeedFileLoader>();

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task The_demo_seed_holds_the_conformance_fixture()
    {
        await Loader.LoadFileAsync(Path.Combine(AzuriteFixture.RepositoryRoot(), "seed", "demo.json"), CancellationToken.None);

        var regions = services.Get<IRegionCatalog>();
        Assert.Equal(["pp_system_default"], (await regions.FindAsync("reg_01M86MS8BED8EMEBD97SXGGNCP", Caller.Service, CancellationToken.None))!.PaymentProviders);
        Assert.Equal("usd", (await regions.FindAsync("reg_01M86MS8BED8EMEBD97SXGGNCP", Caller.Service, CancellationToken.None))!.CurrencyCode);
        Assert.Empty((await regions.FindAsync("reg_01M86MS8CZAH89THJEMK7FZ3WZ", Caller.Service, CancellationToken.None))!.PaymentProviders);
        Assert.Equal("eur", (await regions.FindAsync("reg_01M86MS8CZAH89THJEMK7FZ3WZ", Caller.Service, CancellationToken.None))!.CurrencyCode);

        var keys = services.Get<IApiKeyCatalog>();
        var now = DateTimeOffset.UtcNow;
        var valid = await keys.FindByTokenAsync("pk_5966fcf7a1912f89713aa15794e3eacdb13151e9b63e082d1c3f40197259c3f7", CancellationToken.None);
        Assert.Equal(ApiKeyType.Publishable, valid!.Type);
        Assert.True(valid.IsActiveAt(now));
        var revoked = await keys.FindByTokenAsync("pk_192238368c17f0d1793522fe7141ba25c34dc1259e037126ebc24bbfed690ada", CancellationToken.None);
        Assert.Equal(ApiKeyType.Publishable, revoked!.Type);
        Assert.False(revoked.IsActiveAt(now));
        var secret = await keys.FindByTokenAsync("sk_demo_3f9a2c7e1b5d4086a9c3e7f1b2d5a8c4", CancellationToken.None);
        Assert.Equal(ApiKeyType.Secret, secret!.Type);
        Assert.StartsWith("apk_", secret.Id, StringComparison.Ordinal);
        Assert.True(secret.IsActiveAt(now));

        var carts = services.Get<ICartCatalog>();
        (string Id, string Region, string Currency, decimal Total)[] expectedCarts =
        [
            ("cart_01M86MS9K65CQ5DSH0AYYTBNTQ", "reg_01M86MS8BED8EMEBD97SXGGNCP", "usd", 50m),
            ("cart_01M86MSEH5YQFKME985TMMEN7S", "reg_01M86MS8CZAH89THJEMK7FZ3WZ", "eur", 23m),
            ("cart_01M86MSF9RW14XG96ZZABHW4FK", "reg_01M86MS8BED8EMEBD97SXGGNCP", "usd", 25m),
            ("cart_01M86MSJ28CSTVD4WXK7JGW7F8", "reg_01M86MS8BED8EMEBD97SXGGNCP", "usd", 25m),
        ];
        foreach (var expected in expectedCarts)
        {
            var cart = await carts.FindAsync(expected.Id, Caller.Service, CancellationToken.None);
            Assert.Equal((expected.Region, expected.Currency, expected.Total), (cart!.RegionId, cart.CurrencyCode, cart.Total));
            Assert.Null(cart.CompletedAt);
        }

        var order = await services.Get<IOrderCatalog>().FindAsync("order_01M86MSZ3Q5W6N8P9R2T4V6X8Y", CancellationToken.None);
        Assert.Equal("usd", order!.CurrencyCode);
    }

    [Fact]
    public async Task Loading_again_replaces_what_the_file_holds()
    {
        await LoadAsync("""{"carts": [{"id": "cart_1", "region_id": "reg_1", "currency_code": "usd", "total": 50, "email": "a@example.com"}]}""");

        await LoadAsync("""{"carts": [{"id": "cart_1", "region_id": "reg_1", "currency_code": "usd", "total": 75}]}""");

        var cart = await services.Get<ICartCatalog>().FindAsync("cart_1", Caller.Service, CancellationToken.None);
        Assert.Equal(75m, cart!.Total);
        Assert.Null(cart.Email);
    }

    [Fact]
    public async Task A_malformed_file_names_the_bad_record_and_writes_nothing()
    {
        var malformed = """
            {"regions": [{"id": "reg_1", "name": "US", "currency_code": "usd"}],
             "carts": [
               {"id": "cart_a", "region_id": "reg_1", "currency_code": "usd", "total": 1},
               {"id": "cart_b", "region_id": "reg_1", "currency_code": "usd", "total": 2},
               {"id": "cart_x", "region_id": "reg_1", "currency_code": "usd", "total": "3"}]}
            """;

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => LoadAsync(malformed));

        Assert.Equal("carts[2] (cart_x): total must be a number", error.Message);
        Assert.Null(await services.Get<IRegionCatalog>().FindAsync("reg_1", Caller.Service, CancellationToken.None));
        Assert.Null(await services.Get<ICartCatalog>().FindAsync("cart_a", Caller.Service, CancellationToken.None));
    }

    private async Task LoadAsync(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        await Loader.LoadAsync(stream, CancellationToken.None);
    }
}
