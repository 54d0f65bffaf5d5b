using Microsoft.Extensions.DependencyInjection;
using Payments.Domain.Ports;
using Payments.Tests.Integration.Http;
using Payments.Tests.Unit.Authentication;

namespace Payments.Tests.Integration.Webhooks;

/// <summary>
/// Account holders with Stripe in table mode (spec D8): one Stripe Customer per customer however many first sessions
/// race (Medusa issue #15593), and every PaymentIntent of the customer's sessions carries it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class StripeCustomerTests(ApiFixture fixture) : IAsyncLifetime
{
    private const string CustomerId = "cus_01M8R74BXXM086F8C8ZX1TBN3Q";

    private StripeBackedApi stripe = null!;

    public async Task InitializeAsync()
    {
        stripe = await StripeBackedApi.StartAsync(fixture.TablesConnection);
        await stripe.Api.SeedAsync(new
        {
            customers = new[] { new { id = CustomerId, email = "shopper2533@anchor.test", first_name = "Ada", last_name = "Shopper" } },
        });
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Fact]
    public async Task Concurrent_first_sessions_of_one_customer_create_one_holder_and_one_stripe_customer()
    {
        var collections = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => stripe.Api.NewCollectionAsync(region: StripeBackedApi.Region)));
        var token = TestJwts.Sign(TestJwts.Claims(CustomerId, "customer", DateTimeOffset.UtcNow.AddMinutes(-1)), ApiHost.JwtSecret);

        var responses = await Task.WhenAll(collections.Select(collectionId => stripe.Api.SendAsync(
            HttpMethod.Post, PaymentSessionTests.SessionsOf(collectionId), StripeBackedApi.StripeSessionBody, ApiHost.PublishableKey, "application/json",
            request => request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token))));

        Assert.All(responses, response => Assert.Equal(200, response.Status));
        var customerCreations = stripe.Stripe.Calls.Where(call => call is { Method: "POST", Path: "/v1/customers" }).ToList();
        var creation = Assert.Single(customerCreations);
        Assert.Equal(("shopper2533@anchor.test", "Ada Shopper", "account-holder-" + CustomerId), (creation.Parameters["email"], creation.Parameters["name"], creation.IdempotencyKey));

        var slot = Assert.Single(await stripe.Api.Services.GetRequiredService<IAccountHolderStore>().ListAsync(CustomerId, CancellationToken.None));
        var stripeCustomer = slot.Holder!.ExternalId;
        var intents = stripe.Stripe.Calls.Where(call => call is { Method: "POST", Path: "/v1/payment_intents" }).ToList();
        Assert.Equal(8, intents.Count);
        Assert.All(intents, intent => Assert.Equal(stripeCustomer, intent.Parameters["customer"]));
        Assert.All(responses, response => Assert.Equal(
            slot.Holder.Id,
            PaymentSessionTests.SessionOf(response).GetProperty("context").GetProperty("account_holder").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_guests_payment_intent_has_no_customer()
    {
        var session = await stripe.NewSessionAsync();

        var intent = stripe.Stripe.Calls.Single(call => call is { Method: "POST", Path: "/v1/payment_intents" } && call.IdempotencyKey == session.SessionId);
        Assert.False(intent.Parameters.ContainsKey("customer"));
    }
}
