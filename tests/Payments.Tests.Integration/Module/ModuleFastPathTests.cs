using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Module;

/// <summary>
/// The storefront's routes here in module mode over real HTTP (docs/module-api.md §6): a cart has one collection
/// whichever side created it, Medusa learns of a collection created here before the storefront does, and a warm
/// session initialisation reads no cart.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ModuleFastPathTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string SystemSession = """{"provider_id":"pp_system_default"}""";

    private ModuleBackedApi module = null!;

    public async Task InitializeAsync() => module = await ModuleBackedApi.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await module.DisposeAsync();

    [Fact]
    public async Task A_collection_created_here_is_linked_in_medusa_before_it_is_answered_and_then_found_without_reading_the_cart()
    {
        var cart = module.NewCart();

        var created = await CollectionOfAsync(cart);
        var reads = module.Medusa.Received($"/store/carts/{cart}");
        var again = await CollectionOfAsync(cart);

        var linked = Assert.Single(module.EventsOf("payment_collection.created"));
        Assert.Equal($$"""{"payment_collection_id":"{{created.Id}}","cart_id":"{{cart}}"}""", linked["data"]!.ToJsonString());
        Assert.Equal((200, created.Id), (again.Status, again.Id));
        Assert.Equal(1, reads);
        Assert.Equal(reads, module.Medusa.Received($"/store/carts/{cart}"));
    }

    [Fact]
    public async Task A_collection_created_here_takes_the_carts_exact_total_medusa_answers()
    {
        var cart = module.NewCart(total: 33.333333333333336m);
        module.CartTotalIs("33.333333333333333333");

        var created = await CollectionOfAsync(cart);

        var collection = Assert.Single(await module.QueryAsync("payment_collection", $$"""{"id":"{{created.Id}}"}"""));
        Assert.Equal("""{"value":"33.333333333333333333","precision":20}""", collection.GetProperty("raw_amount").GetRawText());
        var session = await module.Api.PostAsync($"/store/payment-collections/{created.Id}/payment-sessions", SystemSession, Backend.MedusaStandIn.PublishableKey);
        Assert.Equal(33.33m, session.Json.GetProperty("payment_collection").GetProperty("payment_sessions")[0].GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task When_medusa_linked_its_own_collection_first_the_cart_gets_that_one()
    {
        var medusas = await module.NewCollectionAsync();
        var cart = module.NewCart();
        module.CartHasCollection(medusas);

        var answered = await CollectionOfAsync(cart);

        Assert.Equal(medusas, answered.Id);
        Assert.Single(module.EventsOf("payment_collection.created"));
    }

    [Fact]
    public async Task A_cart_medusa_linked_already_gets_its_collection_without_an_event()
    {
        var medusas = await module.NewCollectionAsync();
        var cart = module.NewCart(collectionId: medusas);

        var answered = await CollectionOfAsync(cart);

        Assert.Equal(medusas, answered.Id);
        Assert.Empty(module.Events);
    }

    [Fact]
    public async Task If_medusa_does_not_answer_nothing_is_linked_and_the_storefronts_retry_does_it()
    {
        var cart = module.NewCart();
        module.EventsAnswer(503);

        var failed = await module.Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""", Backend.MedusaStandIn.PublishableKey);
        module.EventsAnswer(200);
        var retried = await CollectionOfAsync(cart);

        Assert.Equal(502, failed.Status);
        Assert.Equal(200, retried.Status);
        Assert.Equal(2, module.EventsOf("payment_collection.created").Count);
    }

    [Fact]
    public async Task A_completed_cart_gets_no_collection()
    {
        var cart = module.NewCart(completedAt: "2026-12-07T10:00:00.000Z");

        var refused = await module.Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""", Backend.MedusaStandIn.PublishableKey);

        Assert.Equal((400, $$"""{"type":"invalid_data","message":"Cart {{cart}} is already completed."}"""), (refused.Status, refused.Body));
    }

    [Fact]
    public async Task A_session_initialisation_reads_no_cart_and_takes_the_amount_medusa_pushed()
    {
        var cart = module.NewCart(total: 25m);
        var collection = await CollectionOfAsync(cart);
        var reads = module.Medusa.Received($"/store/carts/{cart}");
        await module.ModuleAsync(HttpMethod.Post, $"/module/payment-collections/{collection.Id}", """{"amount":{"value":"75","precision":20},"currency_code":"usd"}""");

        var first = await module.Api.PostAsync($"/store/payment-collections/{collection.Id}/payment-sessions", SystemSession, Backend.MedusaStandIn.PublishableKey);
        var second = await module.Api.PostAsync($"/store/payment-collections/{collection.Id}/payment-sessions", SystemSession, Backend.MedusaStandIn.PublishableKey);

        Assert.Equal(75m, first.Json.GetProperty("payment_collection").GetProperty("payment_sessions")[0].GetProperty("amount").GetDecimal());
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(reads, module.Medusa.Received($"/store/carts/{cart}"));
    }

    private async Task<(int Status, string Id)> CollectionOfAsync(string cart)
    {
        var answer = await module.Api.PostAsync("/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""", Backend.MedusaStandIn.PublishableKey);
        Assert.True(answer.Status == 200, answer.Body);
        return (answer.Status, answer.Json.GetProperty("payment_collection").GetProperty("id").GetString()!);
    }
}
