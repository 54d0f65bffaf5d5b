using System.Text.Json;
using Payments.Tests.Integration.Http;
using Payments.Tests.Unit.Authentication;

namespace Payments.Tests.Integration.Backend;

/// <summary>
/// Logged-in shoppers in backend mode (spec D8, examples 19–23): the customer comes from
/// <c>GET /store/customers/me</c> with their token, and the session context is Medusa's.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BackendCustomerTests(ApiFixture fixture) : IAsyncLifetime
{
    private const string SystemSession = """{"provider_id":"pp_system_default"}""";

    private MedusaBackedApi backed = null!;

    private MedusaStandIn Medusa => backed.Medusa;

    private ApiHost Api => backed.Api;

    public async Task InitializeAsync() => backed = await MedusaBackedApi.StartAsync(fixture.TablesConnection);

    public async Task DisposeAsync() => await backed.DisposeAsync();

    [Fact]
    public async Task A_customers_first_session_has_medusas_context_with_a_new_account_holder()
    {
        var session = await SessionAsync(await NewCollectionAsync(), CustomerToken());

        var expected = ExpectedSession("20-store-payment-session-customer");
        var context = session.GetProperty("context");
        Assert.Equal(Keys(expected.GetProperty("context")), Keys(context));
        Assert.Equal(Keys(expected.GetProperty("context").GetProperty("customer")), Keys(context.GetProperty("customer")));
        Assert.Equal(Keys(expected.GetProperty("context").GetProperty("account_holder")), Keys(context.GetProperty("account_holder")));
        Assert.Equal(
            Without(expected.GetProperty("context").GetProperty("customer")),
            Without(context.GetProperty("customer")));
        var holder = context.GetProperty("account_holder");
        Assert.Matches("^acchld_[0-9A-HJKMNP-TV-Z]{26}$", holder.GetProperty("id").GetString());
        Assert.Equal(
            (MedusaStandIn.CustomerId, "pp_system_default", "shopper2533@anchor.test", "{}"),
            (holder.GetProperty("external_id").GetString(), holder.GetProperty("provider_id").GetString(), holder.GetProperty("email").GetString(), holder.GetProperty("data").GetRawText()));
    }

    [Fact]
    public async Task The_next_session_lists_the_holder_under_the_customer_and_reuses_it()
    {
        var collectionId = await NewCollectionAsync();
        var first = await SessionAsync(collectionId, CustomerToken());
        var again = await SessionAsync(collectionId, CustomerToken(), """{"provider_id":"pp_system_default","data":{"step":2}}""");

        var holder = first.GetProperty("context").GetProperty("account_holder");
        var listed = Assert.Single(again.GetProperty("context").GetProperty("customer").GetProperty("account_holders").EnumerateArray());
        Assert.Equal(holder.GetRawText(), listed.GetRawText());
        Assert.Equal(holder.GetRawText(), again.GetProperty("context").GetProperty("account_holder").GetRawText());
        Assert.Equal(Keys(ExpectedSession("21-store-payment-session-customer-again").GetProperty("context").GetProperty("account_holder")), Keys(listed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not.a.token")]
    [InlineData("expired")]
    [InlineData("user")]
    public async Task A_guest_or_a_refused_token_has_an_empty_context(string? token)
    {
        var authorization = token switch
        {
            "expired" => TestJwts.Sign(TestJwts.Claims(MedusaStandIn.CustomerId, "customer", DateTimeOffset.UtcNow.AddDays(-2)), MedusaStandIn.JwtSecret),
            "user" => TestJwts.Sign(TestJwts.Claims(MedusaStandIn.CustomerId, "user", DateTimeOffset.UtcNow.AddMinutes(-1)), MedusaStandIn.JwtSecret),
            _ => token,
        };

        var session = await SessionAsync(await NewCollectionAsync(), authorization);

        Assert.Equal("{}", session.GetProperty("context").GetRawText());
        Assert.Equal(0, Medusa.Received("/store/customers/me"));
    }

    [Fact]
    public async Task A_guests_session_is_not_reused_for_the_customer()
    {
        var collectionId = await NewCollectionAsync();
        var guest = await SessionAsync(collectionId, token: null);
        var customer = await SessionAsync(collectionId, CustomerToken());

        Assert.NotEqual(guest.GetProperty("id").GetString(), customer.GetProperty("id").GetString());
        Assert.Equal(MedusaStandIn.CustomerId, customer.GetProperty("context").GetProperty("customer").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Concurrent_first_sessions_of_one_customer_share_one_account_holder()
    {
        var collections = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => NewCollectionAsync()));
        var token = CustomerToken();

        var sessions = await Task.WhenAll(collections.Select(collectionId => SessionAsync(collectionId, token)));

        var holders = sessions.Select(session => session.GetProperty("context").GetProperty("account_holder").GetProperty("id").GetString()).Distinct().ToList();
        Assert.Single(holders);
    }

    [Fact]
    public async Task A_shoppers_answer_kept_under_an_idempotency_key_is_never_replayed_to_a_guest()
    {
        var collectionId = await NewCollectionAsync();

        var shopper = await SessionResponseAsync(collectionId, CustomerToken(), SystemSession, idempotencyKey: "checkout-1");
        var guest = await SessionResponseAsync(collectionId, token: null, SystemSession, idempotencyKey: "checkout-1");
        var shopperAgain = await SessionResponseAsync(collectionId, CustomerToken(), SystemSession, idempotencyKey: "checkout-1");

        Assert.Equal(MedusaStandIn.CustomerId, PaymentSessionTests.SessionOf(shopper).GetProperty("context").GetProperty("customer").GetProperty("id").GetString());
        Assert.False(guest.Headers.ContainsKey("idempotent-replayed"));
        Assert.Equal("{}", PaymentSessionTests.SessionOf(guest).GetProperty("context").GetRawText());
        Assert.DoesNotContain(MedusaStandIn.CustomerId, guest.Body, StringComparison.Ordinal);
        Assert.Equal(("true", shopper.Body), (shopperAgain.Headers["idempotent-replayed"], shopperAgain.Body));
    }

    private string CustomerToken() =>
        TestJwts.Sign(TestJwts.Claims(MedusaStandIn.CustomerId, "customer", DateTimeOffset.UtcNow.AddMinutes(-1)), MedusaStandIn.JwtSecret);

    private async Task<string> NewCollectionAsync()
    {
        var response = await Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{Medusa.NewCart(25m)}}"}""", MedusaStandIn.PublishableKey);
        Assert.Equal(200, response.Status);
        return response.Json.GetProperty("payment_collection").GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> SessionAsync(string collectionId, string? token, string body = SystemSession) =>
        PaymentSessionTests.SessionOf(await SessionResponseAsync(collectionId, token, body));

    private async Task<ApiResponse> SessionResponseAsync(string collectionId, string? token, string body, string? idempotencyKey = null)
    {
        var response = await Api.SendAsync(HttpMethod.Post, PaymentSessionTests.SessionsOf(collectionId) + "?fields=*payment_sessions", body, MedusaStandIn.PublishableKey, "application/json", request =>
        {
            if (token is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            }

            if (idempotencyKey is not null)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
            }
        });
        Assert.Equal(200, response.Status);
        return response;
    }

    private static JsonElement ExpectedSession(string file) =>
        JsonDocument.Parse(MedusaStandIn.Recorded(file).Body.ToJsonString()).RootElement.GetProperty("payment_collection").GetProperty("payment_sessions")[0];

    private static IReadOnlyList<string> Keys(JsonElement element) => ApiResponse.KeysOf(element);

    /// <summary>The customer without its account holders, whose ids and times are the recorded run's.</summary>
    private static string Without(JsonElement customer) =>
        JsonSerializer.Serialize(customer.EnumerateObject().Where(property => property.Name != "account_holders").ToDictionary(property => property.Name, property => property.Value));
}
