namespace Payments.Tests.Integration.Http;

/// <summary>
/// Spec §1.3 CORS, answered by the gateway (ASP.NET Core's CORS middleware in the local host, the API policies of
/// API Management in Azure): the store and the admin API each grant their own configured origins, with credentials.
/// </summary>
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
    public async Task A_preflight_from_an_allowed_storefront_is_granted_by_the_gateway()
    {
        var response = await PreflightAsync(api, "/store/payment-collections", Storefront, "x-publishable-api-key,content-type,idempotency-key");

        Assert.Equal(204, response.Status);
        Assert.Equal(Storefront, response.Headers["Access-Control-Allow-Origin"]);
        Assert.Equal("true", response.Headers["Access-Control-Allow-Credentials"]);
        Assert.Equal("GET,POST", response.Headers["Access-Control-Allow-Methods"]);
        Assert.Equal("accept,authorization,content-type,idempotency-key,x-medusa-locale,x-publishable-api-key", response.Headers["Access-Control-Allow-Headers"]);
        Assert.Equal("600", response.Headers["Access-Control-Max-Age"]);
    }

    /// <summary>A preflight advertises the methods its API serves: no route answers HEAD, PUT or PATCH.</summary>
    [Theory]
    [InlineData("/store/payment-collections", Storefront, "GET,POST")]
    [InlineData("/admin/payments", Dashboard, "DELETE,GET,POST")]
    public async Task A_preflight_advertises_only_the_methods_its_api_serves(string path, string origin, string methods)
    {
        var response = await PreflightAsync(api, path, origin, "content-type");

        Assert.Equal(methods, response.Headers["Access-Control-Allow-Methods"]);
    }

    /// <summary>
    /// @medusajs/js-sdk 2.21.2 sets <c>x-medusa-locale</c> on every request, empty when no locale is chosen, beside
    /// <c>content-type: application/json</c>: a browser asks for both in every preflight, and refuses the call unless
    /// each is granted.
    /// </summary>
    [Theory]
    [InlineData("/store/payment-collections", Storefront, "content-type,x-medusa-locale,x-publishable-api-key")]
    [InlineData("/store/payment-providers", Storefront, "authorization,content-type,x-medusa-locale,x-publishable-api-key")]
    [InlineData("/admin/payments", Dashboard, "authorization,content-type,x-medusa-locale")]
    public async Task A_preflight_for_the_headers_medusas_js_sdk_sends_grants_each_of_them(string path, string origin, string requested)
    {
        var response = await PreflightAsync(api, path, origin, requested);

        Assert.Equal((204, origin), (response.Status, response.Headers.GetValueOrDefault("Access-Control-Allow-Origin")));
        var granted = response.Headers.GetValueOrDefault("Access-Control-Allow-Headers", string.Empty).Split(',');
        Assert.Empty(requested.Split(',').Except(granted, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_store_response_to_an_allowed_origin_carries_the_grant_and_varies_by_origin()
    {
        var response = await api.SendAsync(HttpMethod.Get, "/store/payment-providers?region_id=" + ApiHost.UsRegion, json: null, ApiHost.PublishableKey, contentType: null,
            request => request.Headers.Add("Origin", "http://localhost:8000"));

        Assert.Equal(200, response.Status);
        Assert.Equal("http://localhost:8000", response.Headers["Access-Control-Allow-Origin"]);
        Assert.Equal("true", response.Headers["Access-Control-Allow-Credentials"]);
        Assert.Equal("idempotent-replayed", response.Headers["Access-Control-Expose-Headers"]);
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
        var storeOnAdmin = await PreflightAsync(api, "/admin/payments", Storefront);
        var adminOnAdmin = await PreflightAsync(api, "/admin/payments", Dashboard);
        var adminOnStore = await PreflightAsync(api, "/store/payment-providers", Dashboard);
        var adminGet = await api.AdminAsync(HttpMethod.Get, "/admin/refund-reasons");

        Assert.Equal((204, false), (storeOnAdmin.Status, storeOnAdmin.Headers.ContainsKey("Access-Control-Allow-Origin")));
        Assert.Equal((204, Dashboard), (adminOnAdmin.Status, adminOnAdmin.Headers["Access-Control-Allow-Origin"]));
        Assert.Equal((204, false), (adminOnStore.Status, adminOnStore.Headers.ContainsKey("Access-Control-Allow-Origin")));
        Assert.Equal(200, adminGet.Status);
    }

    [Fact]
    public async Task An_unknown_origin_gets_no_grant_and_the_request_still_runs()
    {
        var response = await api.SendAsync(HttpMethod.Get, "/store/payment-providers?region_id=" + ApiHost.UsRegion, json: null, ApiHost.PublishableKey, contentType: null,
            request => request.Headers.Add("Origin", "https://evil.example.com"));

        Assert.Equal(200, response.Status);
        Assert.False(response.Headers.ContainsKey("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_webhook_api_has_no_cors_so_a_preflight_there_matches_no_operation()
    {
        var response = await PreflightAsync(api, "/hooks/payment/stripe_stripe", Storefront);

        Assert.Equal(404, response.Status);
        Assert.False(response.Headers.ContainsKey("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Without_configured_origins_an_api_has_no_cors_and_its_preflights_answer_404()
    {
        var response = await PreflightAsync(fixture.Host, "/store/payment-collections", Storefront);

        Assert.Equal(404, response.Status);
    }

    private static Task<ApiResponse> PreflightAsync(ApiHost host, string path, string origin, string? requestHeaders = null) =>
        host.SendAsync(HttpMethod.Options, path, json: null, publishableKey: null, contentType: null, request =>
        {
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            if (requestHeaders is not null)
            {
                request.Headers.Add("Access-Control-Request-Headers", requestHeaders);
            }
        });
}
