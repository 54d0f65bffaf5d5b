using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Payments.Domain.Collections;
using Payments.Domain.Payments;
using Payments.Domain.Ports;

namespace Payments.Tests.Integration.Http;

/// <summary>Spec §6.2 <c>POST /store/payment-collections/{id}/payment-sessions</c>, checklist items 34–67.</summary>
[Collection(ApiCollection.Name)]
public sealed class PaymentSessionTests(ApiFixture fixture)
{
    private const string SystemProvider = """{"provider_id":"pp_system_default"}""";

    private static readonly string[] SessionKeys =
    [
        "id", "currency_code", "provider_id", "data", "context", "status", "authorized_at", "payment_collection_id",
        "payment", "metadata", "raw_amount", "created_at", "updated_at", "deleted_at", "amount",
    ];

    private ApiHost Api => fixture.Host;

    [Fact]
    public async Task Initialises_one_pending_session_in_medusas_shape()
    {
        var id = await Api.NewCollectionAsync();

        var response = await Api.PostAsync(SessionsOf(id), SystemProvider);

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        var collection = response.Json.GetProperty("payment_collection");
        Assert.Equal(["id", "currency_code", "amount", "payment_sessions"], ApiResponse.KeysOf(collection));
        var session = Assert.Single(collection.GetProperty("payment_sessions").EnumerateArray().ToList());
        Assert.Equal(SessionKeys, ApiResponse.KeysOf(session));
        Assert.Matches("^payses_[0-9A-HJKMNP-TV-Z]{26}$", session.GetProperty("id").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", session.GetProperty("created_at").GetString());
        Assert.Equal(session.GetProperty("created_at").GetString(), session.GetProperty("updated_at").GetString());
        Assert.Equal(id, session.GetProperty("payment_collection_id").GetString());
        Assert.Contains(
            "\"data\":{},\"context\":{},\"status\":\"pending\",\"authorized_at\":null,",
            response.Body,
            StringComparison.Ordinal);
        Assert.Contains("\"payment\":null,\"metadata\":{},\"raw_amount\":{\"value\":\"50\",\"precision\":20},", response.Body, StringComparison.Ordinal);
        Assert.EndsWith("\"deleted_at\":null,\"amount\":50}]}}", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_data_replaces_the_session_and_is_kept_in_its_data()
    {
        var id = await Api.NewCollectionAsync();
        var first = SessionOf(await Api.PostAsync(SessionsOf(id), SystemProvider));

        var response = await Api.PostAsync(SessionsOf(id), """{"provider_id":"pp_system_default","data":{"note":"anchor"}}""");

        var second = SessionOf(response);
        Assert.NotEqual(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal("""{"note":"anchor"}""", second.GetProperty("data").GetRawText());
    }

    [Theory]
    [InlineData(SystemProvider)]
    [InlineData("""{"provider_id":"pp_system_default","data":{}}""")]
    public async Task An_unchanged_request_reuses_the_pending_session(string body)
    {
        var id = await Api.NewCollectionAsync();
        var first = await Api.PostAsync(SessionsOf(id), SystemProvider);

        var second = await Api.PostAsync(SessionsOf(id), body);

        Assert.Equal(first.Body, second.Body);
    }

    [Fact]
    public async Task Data_already_in_the_session_reuses_it_and_new_data_does_not()
    {
        var id = await Api.NewCollectionAsync();
        var first = SessionOf(await Api.PostAsync(SessionsOf(id), """{"provider_id":"pp_system_default","data":{"note":"anchor","n":1}}"""));

        var same = SessionOf(await Api.PostAsync(SessionsOf(id), """{"provider_id":"pp_system_default","data":{"n":1}}"""));
        var changed = SessionOf(await Api.PostAsync(SessionsOf(id), """{"provider_id":"pp_system_default","data":{"n":2}}"""));

        Assert.Equal(first.GetProperty("id").GetString(), same.GetProperty("id").GetString());
        Assert.NotEqual(first.GetProperty("id").GetString(), changed.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_completed_carts_collection_takes_no_new_session_and_keeps_its_authorized_one()
    {
        var cart = await Api.NewCartAsync();
        var id = (await Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""")).Json.GetProperty("payment_collection").GetProperty("id").GetString()!;
        var first = SessionOf(await Api.PostAsync(SessionsOf(id), SystemProvider));
        var authorized = await Api.Services.GetRequiredService<PaymentSessionAuthorizer>()
            .AuthorizeAsync(id, first.GetProperty("id").GetString()!, CancellationToken.None);
        await Api.SeedAsync(new { carts = new[] { new { id = cart, region_id = ApiHost.UsRegion, currency_code = "usd", total = 50m, completed_at = "2026-11-24T12:00:00.000Z" } } });

        var response = await Api.PostAsync(SessionsOf(id) + "?fields=*payment_sessions,status", SystemProvider);

        Assert.Equal((400, $$"""{"type":"invalid_data","message":"Cart {{cart}} is already completed."}"""), (response.Status, response.Body));
        var stored = await StoredAsync(id);
        Assert.Equal(first.GetProperty("id").GetString(), Assert.Single(stored.Sessions).Id);
        Assert.Equal(first.GetProperty("id").GetString(), Assert.Single(stored.Payments).PaymentSessionId);
        Assert.Equal(Timestamp(authorized.UpdatedAt), Timestamp(stored.UpdatedAt));
    }

    [Fact]
    public async Task Initialising_changes_neither_status_amounts_nor_updated_at()
    {
        var id = await Api.NewCollectionAsync();
        await Api.PostAsync(SessionsOf(id), SystemProvider);
        var before = await StoredAsync(id);

        await Api.PostAsync(SessionsOf(id), """{"provider_id":"pp_system_default","data":{"x":1}}""");

        var after = await StoredAsync(id);
        Assert.Equal(
            (before.Status, before.Amount, before.AuthorizedAmount, before.CapturedAmount, before.RefundedAmount, before.UpdatedAt),
            (after.Status, after.Amount, after.AuthorizedAmount, after.CapturedAmount, after.RefundedAmount, after.UpdatedAt));
        Assert.Equal(PaymentCollectionStatus.NotPaid, after.Status);
    }

    [Fact]
    public async Task A_changed_cart_total_gives_the_new_session_the_new_amount()
    {
        var cart = await Api.NewCartAsync(total: 50m);
        var id = (await Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""")).Json.GetProperty("payment_collection").GetProperty("id").GetString()!;
        await Api.SeedAsync(new { carts = new[] { new { id = cart, region_id = ApiHost.UsRegion, currency_code = "usd", total = 80.25m } } });

        var response = await Api.PostAsync(SessionsOf(id), SystemProvider);

        Assert.Contains("\"amount\":80.25,\"payment_sessions\"", response.Body, StringComparison.Ordinal);
        Assert.Equal(80.25m, SessionOf(response).GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task An_unknown_collection_is_not_found()
    {
        var response = await Api.PostAsync(SessionsOf("pay_col_does_not_exist"), SystemProvider);

        Assert.Equal(404, response.Status);
        Assert.Equal("""{"type":"not_found","message":"PaymentCollection with id: pay_col_does_not_exist was not found"}""", response.Body);
    }

    [Theory]
    [InlineData("pay_col/with/slashes")]
    [InlineData("pay_col#hash")]
    public async Task An_id_that_cannot_be_a_table_key_is_simply_not_found(string id)
    {
        var response = await Api.PostAsync(SessionsOf(Uri.EscapeDataString(id)), SystemProvider);

        Assert.Equal(404, response.Status);
        Assert.Equal("not_found", response.Json.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_provider_outside_the_carts_region_is_refused()
    {
        var id = await Api.NewCollectionAsync();

        var response = await Api.PostAsync(SessionsOf(id), """{"provider_id":"pp_nope_nope"}""");

        Assert.Equal(400, response.Status);
        Assert.Equal(
            $$"""{"type":"invalid_data","message":"Payment provider pp_nope_nope is not enabled in the cart's region {{ApiHost.UsRegion}}."}""",
            response.Body);
    }

    [Fact]
    public async Task A_provider_the_carts_region_names_but_this_service_has_not_registered_is_refused_like_any_not_enabled()
    {
        const string region = "reg_test_stripe_not_configured";
        await Api.SeedAsync(new { regions = new[] { new { id = region, name = "Stripe", currency_code = "usd", payment_providers = new[] { "pp_stripe_stripe", "pp_system_default" } } } });
        var id = await Api.NewCollectionAsync(region: region);

        var response = await Api.PostAsync(SessionsOf(id), """{"provider_id":"pp_stripe_stripe"}""");

        Assert.Equal(
            (400, $$"""{"type":"invalid_data","message":"Payment provider pp_stripe_stripe is not enabled in the cart's region {{region}}."}"""),
            (response.Status, response.Body));
        Assert.Empty((await Api.Services.GetRequiredService<IPaymentCollectionStore>().FindAsync(id, CancellationToken.None))!.Collection.Sessions);
    }

    [Fact]
    public async Task The_system_provider_is_refused_in_a_region_without_providers()
    {
        var id = await Api.NewCollectionAsync(total: 23m, currency: "eur", region: ApiHost.EuRegion);

        var response = await Api.PostAsync(SessionsOf(id), SystemProvider);

        Assert.Equal(400, response.Status);
        Assert.Equal(
            $$"""{"type":"invalid_data","message":"Payment provider pp_system_default is not enabled in the cart's region {{ApiHost.EuRegion}}."}""",
            response.Body);
    }

    [Theory]
    [InlineData("{}", "application/json", """{"type":"invalid_data","message":"Invalid request: Field 'provider_id' is required"}""")]
    [InlineData("", "application/json", """{"type":"invalid_data","message":"Invalid request: Field 'provider_id' is required"}""")]
    [InlineData("""{"provider_id":123}""", "application/json", """{"type":"invalid_data","message":"Invalid request: Expected type: 'string' for field 'provider_id', got: '123'"}""")]
    [InlineData("""{"provider_id":""", "application/json", """{"message":"Unexpected end of JSON input","type":"invalid_data"}""")]
    [InlineData("""{"provider_id":"pp_system_default","foo":"bar"}""", "application/json", """{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'foo'"}""")]
    [InlineData("""{"provider_id":"pp_system_default","context":{}}""", "application/json", """{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'context'"}""")]
    [InlineData("""{"provider_id":"pp_system_default"}""", "text/plain", """{"type":"invalid_data","message":"Invalid request: Field '' is required"}""")]
    [InlineData("""{"provider_id":"pp_system_default","data":"x"}""", "application/json", """{"type":"invalid_data","message":"Invalid request: Expected type: 'record' for field 'data', got: 'x'"}""")]
    public async Task Bad_requests_get_medusas_400_and_change_nothing(string body, string contentType, string expected)
    {
        var id = await Api.NewCollectionAsync();
        var before = await Api.PostAsync(SessionsOf(id), SystemProvider);

        var response = await Api.PostAsync(SessionsOf(id), body, contentType: contentType);

        Assert.Equal(400, response.Status);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        Assert.Equal(expected, response.Body);
        Assert.Equal(before.Body, (await Api.PostAsync(SessionsOf(id), SystemProvider)).Body);
    }

    [Fact]
    public async Task An_unknown_query_parameter_is_refused()
    {
        var id = await Api.NewCollectionAsync();

        var response = await Api.PostAsync(SessionsOf(id) + "?foo=1", SystemProvider);

        Assert.Equal(400, response.Status);
        Assert.Equal("""{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'foo'"}""", response.Body);
    }

    [Fact]
    public async Task An_authorization_header_is_ignored_on_store_routes()
    {
        var id = await Api.NewCollectionAsync();

        var response = await Api.SendAsync(HttpMethod.Post, SessionsOf(id), SystemProvider, ApiHost.PublishableKey, "application/json",
            request => request.Headers.Add("Authorization", "Bearer nonsense"));

        Assert.Equal(200, response.Status);
        Assert.Equal("{}", SessionOf(response).GetProperty("context").GetRawText());
    }

    [Fact]
    public async Task Sixteen_concurrent_identical_initialisations_end_with_one_session_shown_by_every_response()
    {
        var id = await Api.NewCollectionAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Api.PostAsync(SessionsOf(id), SystemProvider)));

        Assert.All(responses, response => Assert.Equal(200, response.Status));
        var sessionIds = responses.Select(response => SessionOf(response).GetProperty("id").GetString()).Distinct().ToList();
        var final = SessionOf(await Api.PostAsync(SessionsOf(id), SystemProvider)).GetProperty("id").GetString();
        Assert.Equal([final], sessionIds);
    }

    [Fact]
    public async Task Sixteen_concurrent_initialisations_with_distinct_data_end_with_one_session()
    {
        var id = await Api.NewCollectionAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(index =>
            Api.PostAsync(SessionsOf(id), $$$"""{"provider_id":"pp_system_default","data":{"n":{{{index}}}}}""")));

        Assert.All(responses, response => Assert.Single(response.Json.GetProperty("payment_collection").GetProperty("payment_sessions").EnumerateArray()));
        var final = await Api.PostAsync(SessionsOf(id) + "?fields=payment_sessions.id", """{"provider_id":"pp_system_default","data":{"n":0}}""");
        Assert.Single(final.Json.GetProperty("payment_collection").GetProperty("payment_sessions").EnumerateArray());
    }

    internal static string SessionsOf(string collectionId) => $"/store/payment-collections/{collectionId}/payment-sessions";

    internal static JsonElement SessionOf(ApiResponse response) =>
        Assert.Single(response.Json.GetProperty("payment_collection").GetProperty("payment_sessions").EnumerateArray().ToList());

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<PaymentCollection> StoredAsync(string collectionId) =>
        (await Api.Services.GetRequiredService<IPaymentCollectionStore>().FindAsync(collectionId, CancellationToken.None))!.Collection;
}
