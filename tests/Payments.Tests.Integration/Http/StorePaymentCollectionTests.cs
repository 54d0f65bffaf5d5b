using System.Text.RegularExpressions;

namespace Payments.Tests.Integration.Http;

/// <summary>Spec §6.1 <c>POST /store/payment-collections</c>, checklist items 21–33.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class StorePaymentCollectionTests(ApiFixture fixture)
{
    private ApiHost Api => fixture.Host;

    [Fact]
    public async Task Creates_the_collection_of_a_cart_with_its_amount_and_currency()
    {
        var cart = await Api.NewCartAsync(total: 50m);

        var response = await Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        Assert.Matches(CollectionBody(), response.Body);
    }

    [Fact]
    public async Task The_same_call_again_returns_the_identical_collection()
    {
        var cart = await Api.NewCartAsync();
        var first = await Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""");

        var second = await Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""");

        Assert.Equal(200, second.Status);
        Assert.Equal(first.Body, second.Body);
    }

    [Fact]
    public async Task An_eu_cart_gets_a_eur_collection_of_its_total()
    {
        var cart = await Api.NewCartAsync(total: 23m, currency: "EUR", region: ApiHost.EuRegion);

        var response = await Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""");

        Assert.Equal(200, response.Status);
        Assert.Equal(("eur", 23m), (response.Json.GetProperty("payment_collection").GetProperty("currency_code").GetString(), response.Json.GetProperty("payment_collection").GetProperty("amount").GetDecimal()));
    }

    [Fact]
    public async Task A_cart_with_total_zero_gets_a_collection_of_zero()
    {
        var cart = await Api.NewCartAsync(total: 0m);

        var response = await Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""");

        Assert.Equal(200, response.Status);
        Assert.Contains("\"amount\":0,", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_cart_is_not_found()
    {
        var response = await Api.PostAsync("/store/payment-collections", """{"cart_id":"cart_does_not_exist"}""");

        Assert.Equal(404, response.Status);
        Assert.Equal("""{"type":"not_found","message":"Cart id not found: cart_does_not_exist"}""", response.Body);
    }

    [Theory]
    [InlineData("{}", """{"type":"invalid_data","message":"Invalid request: Field 'cart_id' is required"}""")]
    [InlineData("", """{"type":"invalid_data","message":"Invalid request: Field 'cart_id' is required"}""")]
    [InlineData("""{"cart_id":"cart_x","amount":1}""", """{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'amount'"}""")]
    [InlineData("""{"cart_id":""", """{"message":"Unexpected end of JSON input","type":"invalid_data"}""")]
    public async Task Bad_bodies_get_medusas_400(string body, string expected)
    {
        var response = await Api.PostAsync("/store/payment-collections", body);

        Assert.Equal(400, response.Status);
        Assert.Equal(expected, response.Body);
    }

    [Fact]
    public async Task A_completed_cart_without_a_collection_is_refused()
    {
        var cart = await Api.NewCartAsync();
        await Api.SeedAsync(new { carts = new[] { new { id = cart, region_id = ApiHost.UsRegion, currency_code = "usd", total = 50m, completed_at = "2026-11-24T11:00:00.000Z" } } });

        var response = await Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""");

        Assert.Equal(400, response.Status);
        Assert.Equal($$"""{"type":"invalid_data","message":"Cart {{cart}} is already completed."}""", response.Body);
    }

    [Fact]
    public async Task A_completed_cart_that_has_a_collection_returns_it_unchanged()
    {
        var cart = await Api.NewCartAsync();
        var created = await Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""");
        await Api.SeedAsync(new { carts = new[] { new { id = cart, region_id = ApiHost.UsRegion, currency_code = "usd", total = 75m, completed_at = "2026-11-24T11:00:00.000Z" } } });

        var response = await Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""");

        Assert.Equal(200, response.Status);
        Assert.Equal(created.Body, response.Body);
    }

    [Fact]
    public async Task A_changed_cart_total_updates_the_amount_and_drops_the_sessions()
    {
        var cart = await Api.NewCartAsync(total: 50m);
        var id = (await Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""")).Json.GetProperty("payment_collection").GetProperty("id").GetString();
        await Api.PostAsync($"/store/payment-collections/{id}/payment-sessions", """{"provider_id":"pp_system_default"}""");
        await Api.SeedAsync(new { carts = new[] { new { id = cart, region_id = ApiHost.UsRegion, currency_code = "usd", total = 65.5m } } });

        var response = await Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""");

        Assert.Equal(200, response.Status);
        Assert.Equal($$$"""{"payment_collection":{"id":"{{{id}}}","currency_code":"usd","amount":65.5,"payment_sessions":[]}}""", response.Body);
    }

    [Fact]
    public async Task Fields_id_answers_only_the_id()
    {
        var cart = await Api.NewCartAsync();

        var response = await Api.PostAsync("/store/payment-collections?fields=id", $$"""{"cart_id":"{{cart}}"}""");

        Assert.Matches("""^\{"payment_collection":\{"id":"pay_col_[0-9A-HJKMNP-TV-Z]{26}"\}\}$""", response.Body);
    }

    [Fact]
    public async Task Ten_concurrent_creations_for_one_cart_all_answer_the_same_collection()
    {
        var cart = await Api.NewCartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""")));

        Assert.All(responses, response => Assert.Equal(200, response.Status));
        Assert.Single(responses.Select(response => response.Body).Distinct());
    }

    [Fact]
    public async Task There_is_no_get_route_for_a_collection()
    {
        var id = await Api.NewCollectionAsync();

        var response = await Api.GetAsync($"/store/payment-collections/{id}");

        Assert.Equal(404, response.Status);
    }

    [GeneratedRegex("""^\{"payment_collection":\{"id":"pay_col_[0-9A-HJKMNP-TV-Z]{26}","currency_code":"usd","amount":50,"payment_sessions":\[\]\}\}$""")]
    private static partial Regex CollectionBody();
}
