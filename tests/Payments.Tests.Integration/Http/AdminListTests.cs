namespace Payments.Tests.Integration.Http;

/// <summary>Spec §6.4 and §6.8 over HTTP, checklist items 79, 83–87; on a host of its own so the lists hold only this test's data.</summary>
[Collection(ApiCollection.Name)]
public sealed class AdminListTests(ApiFixture fixture) : IAsyncLifetime
{
    private ApiHost api = null!;

    public async Task InitializeAsync() => api = await ApiHost.StartAsync(fixture.TablesConnection);

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Lists_payments_with_the_admin_defaults()
    {
        var payment = await PaymentLifecycle.AuthorizedAsync(api);

        var response = await api.AdminAsync(HttpMethod.Get, "/admin/payments");

        Assert.Equal(200, response.Status);
        Assert.Equal(
            $$"""{"payments":[{"id":"{{payment.PaymentId}}","currency_code":"usd","amount":50,"captured_at":null,"payment_collection_id":"{{payment.CollectionId}}","payment_session_id":"{{payment.SessionId}}","captures":[],"refunds":[]}],"count":1,"offset":0,"limit":20}""",
            response.Body);
    }

    [Fact]
    public async Task Filters_payments_by_session_and_by_creation_time()
    {
        var first = await PaymentLifecycle.AuthorizedAsync(api);
        var second = await PaymentLifecycle.AuthorizedAsync(api);
        var tomorrow = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"));

        var bySession = await api.AdminAsync(HttpMethod.Get, $"/admin/payments?payment_session_id={second.SessionId}&fields=id");
        var future = await api.AdminAsync(HttpMethod.Get, $"/admin/payments?created_at[$gte]={tomorrow}");
        var newestFirst = await api.AdminAsync(HttpMethod.Get, "/admin/payments?order=-created_at&fields=id&limit=1");

        Assert.Equal($$"""{"payments":[{"id":"{{second.PaymentId}}"}],"count":1,"offset":0,"limit":20}""", bySession.Body);
        Assert.Equal("""{"payments":[],"count":0,"offset":0,"limit":20}""", future.Body);
        Assert.Equal($$"""{"payments":[{"id":"{{second.PaymentId}}"}],"count":2,"offset":0,"limit":1}""", newestFirst.Body);
        Assert.NotEqual(first.PaymentId, second.PaymentId);
    }

    [Fact]
    public async Task Bad_list_queries_are_refused()
    {
        var unknown = await api.AdminAsync(HttpMethod.Get, "/admin/payments?foo=1");
        var order = await api.AdminAsync(HttpMethod.Get, "/admin/payments?order=nope");
        var like = await api.AdminAsync(HttpMethod.Get, "/admin/payments?created_at[$like]=x");

        Assert.Equal((400, """{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'foo'"}"""), (unknown.Status, unknown.Body));
        Assert.Equal((400, """{"type":"invalid_data","message":"Order field nope is not valid"}"""), (order.Status, order.Body));
        Assert.Equal((400, """{"type":"invalid_data","message":"Invalid request: Operator '$like' is not supported for field 'created_at'"}"""), (like.Status, like.Body));
    }

    [Theory]
    [InlineData("", """{"payment_providers":[{"id":"pp_system_default","is_enabled":true}],"count":1,"offset":0,"limit":20}""")]
    [InlineData("?is_enabled=false", """{"payment_providers":[],"count":0,"offset":0,"limit":20}""")]
    [InlineData("?is_enabled=TRUE&id=pp_system_default", """{"payment_providers":[{"id":"pp_system_default","is_enabled":true}],"count":1,"offset":0,"limit":20}""")]
    public async Task Lists_the_registered_providers(string query, string expected)
    {
        var response = await api.AdminAsync(HttpMethod.Get, "/admin/payments/payment-providers" + query);

        Assert.Equal((200, expected), (response.Status, response.Body));
    }
}
