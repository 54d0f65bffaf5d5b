namespace Payments.Tests.Integration.Http;

/// <summary>Spec §1.3 CORS: store and admin routes each grant their own configured origins, with credentials.</summary>
[Collection(ApiCollection.Name)]
public sealed class CorsTests(ApiFixture fixture) : IAsyncLifetime
{
    private const string Storefront = "https://shop.example.com";
    private const string Dashboard = "https://admin.example.com";
    private ApiHost api = null!;

    public async Task InitializeAsync() =>
        api = await ApiHost.StartAsync(fixture.TablesConnection, extraArgs: ["--Cors:StoreOrigins", $"{Storefront}, http://localhost:8000", "--Cors:AdminOrigins", Dashboard]);

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task A_preflight_from_an_allowed_storefront_is_granted()
    {
        var response = await api.SendAsync(HttpMethod.Options, "/store/payment-collections", json: null, publishableKey: null, contentType: null, request =>
        {
            request.Headers.Add("Origin", Storefront);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "x-publishable-api-key,content-type");
        });

        Assert.Equal(204, response.Status);
        Assert.Equal(Storefront, response.Headers["Access-Control-Allow-Origin"]);
        Assert.Equal("true", response.Headers["Access-Control-Allow-Credentials"]);
        Assert.Equal("GET,HEAD,PUT,PATCH,POST,DELETE", response.Headers["Access-Control-Allow-Methods"]);
        Assert.Contains("x-publishable-api-key", response.Headers["Access-Control-Allow-Headers"], StringComparison.Ordinal);
        Assert.Contains("idempotency-key", response.Headers["Access-Control-Allow-Headers"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_response_to_an_allowed_origin_carries_the_grant_and_varies_by_origin()
    {
        var response = await api.SendAsync(HttpMethod.Get, "/store/payment-providers?region_id=" + ApiHost.UsRegion, json: null, ApiHost.PublishableKey, contentType: null,
            request => request.Headers.Add("Origin", "http://localhost:8000"));

        Assert.Equal(200, response.Status);
        Assert.Equal("http://localhost:8000", response.Headers["Access-Control-Allow-Origin"]);
        Assert.Equal("Origin", response.Headers["Vary"]);
    }

    [Fact]
    public async Task An_error_response_to_an_allowed_origin_carries_the_grant_too()
    {
        var response = await api.SendAsync(HttpMethod.Get, "/store/payment-providers", json: null, publishableKey: null, contentType: null,
            request => request.Headers.Add("Origin", Storefront));

        Assert.Equal(400, response.Status);
        Assert.Equal(Storefront, response.Headers["Access-Control-Allow-Origin"]);
    }

    [Fact]
    public async Task Store_and_admin_origins_are_kept_apart()
    {
        var storeOnAdmin = await api.SendAsync(HttpMethod.Options, "/admin/payments", json: null, publishableKey: null, contentType: null,
            request => request.Headers.Add("Origin", Storefront));
        var adminOnAdmin = await api.SendAsync(HttpMethod.Options, "/admin/payments", json: null, publishableKey: null, contentType: null,
            request => request.Headers.Add("Origin", Dashboard));
        var adminOnStore = await api.SendAsync(HttpMethod.Options, "/store/payment-providers", json: null, publishableKey: null, contentType: null,
            request => request.Headers.Add("Origin", Dashboard));

        Assert.Equal((204, false), (storeOnAdmin.Status, storeOnAdmin.Headers.ContainsKey("Access-Control-Allow-Origin")));
        Assert.Equal(Dashboard, adminOnAdmin.Headers["Access-Control-Allow-Origin"]);
        Assert.False(adminOnStore.Headers.ContainsKey("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task An_unknown_origin_gets_no_grant()
    {
        var response = await api.SendAsync(HttpMethod.Get, "/store/payment-providers?region_id=" + ApiHost.UsRegion, json: null, ApiHost.PublishableKey, contentType: null,
            request => request.Headers.Add("Origin", "https://evil.example.com"));

        Assert.Equal(200, response.Status);
        Assert.False(response.Headers.ContainsKey("Access-Control-Allow-Origin"));
    }
}
