using System.Text.Json;
using Payments.Tests.Unit.Authentication;

namespace Payments.Tests.Integration.Http;

/// <summary>
/// A session's customer context (e-mail, phone, addresses, metadata, account holders and the provider's customer id)
/// goes to that customer and to admin routes only: a guest or another customer holding the cart id sees <c>{}</c>
/// (issue 16; Medusa shows it to anyone).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SessionContextVisibilityTests(ApiFixture fixture) : IAsyncLifetime
{
    private const string Owner = "cus_01M8R74BXXM086F8C8ZX1TBN3Q";
    private const string Other = "cus_01M8R74BXXM086F8C8ZX1TBN4R";
    private const string OwnerEmail = "owner2533@anchor.test";

    private ApiHost api = null!;

    public async Task InitializeAsync()
    {
        api = await ApiHost.StartAsync(fixture.TablesConnection);
        await api.SeedAsync(new
        {
            customers = new[]
            {
                new { id = Owner, email = OwnerEmail, first_name = "Ada", last_name = "Owner" },
                new { id = Other, email = "other2533@anchor.test", first_name = "Bob", last_name = "Other" },
            },
        });
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData(Other)]
    public async Task A_guest_or_another_customer_with_the_cart_id_sees_an_empty_context(string? caller)
    {
        var (cart, _) = await OwnersSessionAsync();
        var body = $$"""{"cart_id":"{{cart}}"}""";

        var response = caller is null ? await api.PostAsync("/store/payment-collections", body) : await SignedInAsync(caller, "/store/payment-collections", body);

        Assert.Equal("{}", ContextOf(response).GetRawText());
        Assert.DoesNotContain(OwnerEmail, response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_customer_sees_their_own_context()
    {
        var (cart, _) = await OwnersSessionAsync();

        var response = await SignedInAsync(Owner, "/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""");

        Assert.Equal(OwnerEmail, ContextOf(response).GetProperty("customer").GetProperty("email").GetString());
        Assert.Equal(JsonValueKind.Object, ContextOf(response).GetProperty("account_holder").ValueKind);
    }

    [Fact]
    public async Task An_admin_route_sees_the_context()
    {
        var (_, owners) = await OwnersSessionAsync();
        var collection = owners.Json.GetProperty("payment_collection");

        var authorized = await api.AdminAsync(
            HttpMethod.Post,
            PaymentLifecycle.AuthorizePath(collection.GetProperty("id").GetString()!, PaymentSessionTests.SessionOf(owners).GetProperty("id").GetString()!),
            "{}");

        Assert.Equal(OwnerEmail, ContextOf(authorized).GetProperty("customer").GetProperty("email").GetString());
    }

    /// <summary>A cart whose collection has a session the owner initialised while signed in (so it carries their context).</summary>
    private async Task<(string Cart, ApiResponse Response)> OwnersSessionAsync()
    {
        var cart = await api.NewCartAsync();
        var created = await SignedInAsync(Owner, "/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""");
        var collectionId = created.Json.GetProperty("payment_collection").GetProperty("id").GetString()!;
        var session = await SignedInAsync(Owner, PaymentSessionTests.SessionsOf(collectionId), """{"provider_id":"pp_system_default"}""");
        Assert.Equal(OwnerEmail, ContextOf(session).GetProperty("customer").GetProperty("email").GetString());
        return (cart, session);
    }

    private Task<ApiResponse> SignedInAsync(string customerId, string path, string body) =>
        api.SendAsync(HttpMethod.Post, path, body, ApiHost.PublishableKey, "application/json", request => request.Headers.TryAddWithoutValidation(
            "Authorization",
            "Bearer " + TestJwts.Sign(TestJwts.Claims(customerId, "customer", DateTimeOffset.UtcNow.AddMinutes(-1)), ApiHost.JwtSecret)));

    private static JsonElement ContextOf(ApiResponse response) => PaymentSessionTests.SessionOf(response).GetProperty("context");
}
