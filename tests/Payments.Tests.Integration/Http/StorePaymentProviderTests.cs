namespace Payments.Tests.Integration.Http;

/// <summary>Spec §6.3 <c>GET /store/payment-providers</c>, checklist items 72–78.</summary>
[Collection(ApiCollection.Name)]
public sealed class StorePaymentProviderTests(ApiFixture fixture)
{
    private ApiHost Api => fixture.Host;

    [Theory]
    [InlineData("?region_id=" + ApiHost.UsRegion, """{"payment_providers":[{"id":"pp_system_default","is_enabled":true}],"count":1,"offset":0,"limit":20}""")]
    [InlineData("?region_id=" + ApiHost.EuRegion, """{"payment_providers":[],"count":0,"offset":0,"limit":20}""")]
    [InlineData("?region_id=reg_does_not_exist", """{"payment_providers":[],"count":0,"offset":0,"limit":20}""")]
    [InlineData("?region_id=" + ApiHost.UsRegion + "&fields=id", """{"payment_providers":[{"id":"pp_system_default"}],"count":1,"offset":0,"limit":20}""")]
    public async Task Lists_the_providers_of_a_region(string query, string expected)
    {
        var response = await Api.GetAsync("/store/payment-providers" + query);

        Assert.Equal((200, "application/json; charset=utf-8", expected), (response.Status, response.ContentType, response.Body));
    }

    [Theory]
    [InlineData("", 400, """{"type":"invalid_data","message":"Invalid request: Field 'region_id' is required"}""")]
    [InlineData("?region_id=", 400, """{"type":"not_allowed","message":"You must provide the region_id to list payment providers"}""")]
    [InlineData("?region_id=" + ApiHost.UsRegion + "&foo=1", 400, """{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'foo'"}""")]
    public async Task Bad_queries_get_medusas_400(string query, int status, string expected)
    {
        var response = await Api.GetAsync("/store/payment-providers" + query);

        Assert.Equal((status, expected), (response.Status, response.Body));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("x")]
    [InlineData("1.5")]
    public async Task Limit_and_offset_must_be_non_negative_integers(string value)
    {
        var limit = await Api.GetAsync($"/store/payment-providers?region_id={ApiHost.UsRegion}&limit={value}");
        var offset = await Api.GetAsync($"/store/payment-providers?region_id={ApiHost.UsRegion}&offset={value}");

        Assert.Equal((400, 400), (limit.Status, offset.Status));
        Assert.StartsWith("Invalid request: ", limit.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_the_region_names_but_this_service_has_not_registered_is_not_listed()
    {
        const string region = "reg_test_unregistered_provider";
        await Api.SeedAsync(new { regions = new[] { new { id = region, name = "Two", currency_code = "usd", payment_providers = new[] { "pp_stripe_stripe", "pp_system_default", "pp_manual_other" } } } });

        var response = await Api.GetAsync($"/store/payment-providers?region_id={region}");

        Assert.Equal("""{"payment_providers":[{"id":"pp_system_default","is_enabled":true}],"count":1,"offset":0,"limit":20}""", response.Body);
    }
}
