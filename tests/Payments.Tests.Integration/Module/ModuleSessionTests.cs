using System.Text.Json;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Module;

/// <summary>
/// The module routes of sessions over real HTTP (docs/module-api.md §4.3, §4.6, §6.3): one live session per collection
/// however Medusa's parallel create-and-delete interleaves, idempotent authorization, and no new money for a paid
/// collection or a completed cart.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ModuleSessionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ModuleBackedApi module = null!;

    public async Task InitializeAsync() => module = await ModuleBackedApi.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await module.DisposeAsync();

    [Fact]
    public async Task Each_creation_is_a_new_session_that_replaces_the_live_one_and_the_replaced_one_stays_listable()
    {
        var collectionId = await module.NewCollectionAsync();

        var first = await module.NewSessionAsync(collectionId);
        var second = await module.NewSessionAsync(collectionId);

        var live = Assert.Single(await module.QueryAsync("payment_session", $$"""{"payment_collection_id":"{{collectionId}}"}"""));
        Assert.Equal(second, live.GetProperty("id").GetString());
        var both = await module.QueryAsync("payment_session", $$"""{"id":["{{first}}","{{second}}"]}""");
        Assert.Equal([(first, false), (second, true)], both.Select(session => (session.GetProperty("id").GetString()!, session.GetProperty("deleted_at").ValueKind == JsonValueKind.Null)));
    }

    /// <summary>
    /// What Medusa's store route does, eight times at once: read the collection's sessions, then create a session and
    /// delete the ones read, in parallel. Medusa's own module leaves several sessions; a session missing from the list by
    /// id, or a failed delete, would fail Medusa's workflow.
    /// </summary>
    [Fact]
    public async Task Eight_concurrent_medusa_initialisations_leave_one_session_and_none_fails()
    {
        var collectionId = await module.NewCollectionAsync();
        await module.NewSessionAsync(collectionId);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var read = (await module.QueryAsync("payment_collection", $$"""{"id":"{{collectionId}}"}""", """["payment_sessions"]""")).Single()
                .GetProperty("payment_sessions").EnumerateArray().Select(session => session.GetProperty("id").GetString()!).ToList();
            var listed = await module.QueryAsync("payment_session", JsonSerializer.Serialize(new { id = read }));
            var creation = module.NewSessionAsync(collectionId);
            var deletions = read.Select(id => module.ModuleAsync(HttpMethod.Delete, $"/module/payment-sessions/{id}"));
            var deleted = await Task.WhenAll(deletions);
            await creation;
            return (Listed: listed.Count == read.Count, Deleted: deleted.All(answer => answer.Status == 200));
        }));

        Assert.All(outcomes, outcome => Assert.Equal((true, true), outcome));
        Assert.Single(await module.QueryAsync("payment_session", $$"""{"payment_collection_id":"{{collectionId}}"}"""));
    }

    [Fact]
    public async Task Authorizing_twice_answers_the_same_payment_and_its_session_is_not_deleted()
    {
        var collectionId = await module.NewCollectionAsync();
        var sessionId = await module.NewSessionAsync(collectionId);

        var first = await module.AuthorizeAsync(sessionId);
        var again = await module.AuthorizeAsync(sessionId);
        var deletion = await module.ModuleAsync(HttpMethod.Delete, $"/module/payment-sessions/{sessionId}");

        Assert.Equal(first, again);
        Assert.Equal((400, $"Payment session {sessionId} has a payment"), (deletion.Status, deletion.Json.GetProperty("message").GetString()));
        Assert.Equal("authorized", Assert.Single(await module.QueryAsync("payment_collection", $$"""{"id":"{{collectionId}}"}""")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_paid_collection_takes_no_new_session()
    {
        var collectionId = await module.NewCollectionAsync();
        await module.AuthorizeAsync(await module.NewSessionAsync(collectionId));

        var refused = await module.ModuleAsync(HttpMethod.Post, $"/module/payment-collections/{collectionId}/payment-sessions", """{"provider_id":"pp_system_default","currency_code":"usd","amount":25,"data":{}}""");

        Assert.Equal((400, "not_allowed", $"Payment collection {collectionId} is already paid"), (refused.Status, refused.Json.GetProperty("type").GetString(), refused.Json.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Once_its_carts_completion_is_recorded_a_collection_takes_no_new_session_in_medusas_words()
    {
        var collectionId = await module.NewCollectionAsync();
        await module.AuthorizeAsync(await module.NewSessionAsync(collectionId));
        var notice = $$"""{"cart_id":"cart_done","order_id":"order_1"}""";

        var recorded = await module.ModuleAsync(HttpMethod.Post, $"/module/payment-collections/{collectionId}/cart-completion", notice);
        var again = await module.ModuleAsync(HttpMethod.Post, $"/module/payment-collections/{collectionId}/cart-completion", notice);
        var otherCart = await module.ModuleAsync(HttpMethod.Post, $"/module/payment-collections/{collectionId}/cart-completion", """{"cart_id":"cart_other","order_id":"order_2"}""");
        var refused = await module.ModuleAsync(HttpMethod.Post, $"/module/payment-collections/{collectionId}/payment-sessions", """{"provider_id":"pp_system_default"}""");

        Assert.Equal((200, 200, 400), (recorded.Status, again.Status, otherCart.Status));
        Assert.Equal((400, """{"type":"invalid_data","message":"Cart cart_done is already completed."}"""), (refused.Status, refused.Body));
    }

    [Fact]
    public async Task A_logged_in_customers_session_keeps_the_context_medusa_built()
    {
        var collectionId = await module.NewCollectionAsync();
        var holder = (await module.ModuleAsync(HttpMethod.Post, "/module/account-holders", """{"provider_id":"pp_system_default","context":{"customer":{"id":"cus_ada","email":"ada@example.com"}}}""")).Json
            .GetProperty("account_holder").GetRawText();

        var sessionId = await module.NewSessionAsync(collectionId, $$"""{"customer":{"id":"cus_ada","email":"ada@example.com","first_name":"Ada","account_holders":[{{holder}}]},"account_holder":{{holder}}}""");

        var context = Assert.Single(await module.QueryAsync("payment_session", $$"""{"id":"{{sessionId}}"}""")).GetProperty("context");
        Assert.Equal(("cus_ada", "Ada", "pp_system_default"), (context.GetProperty("customer").GetProperty("id").GetString(), context.GetProperty("customer").GetProperty("first_name").GetString(), context.GetProperty("account_holder").GetProperty("provider_id").GetString()));
    }

    [Fact]
    public async Task Unknown_sessions_are_not_found_and_an_unknown_collection_takes_no_session()
    {
        var authorize = await module.ModuleAsync(HttpMethod.Post, "/module/payment-sessions/payses_unknown/authorize", """{"context":{}}""");
        var delete = await module.ModuleAsync(HttpMethod.Delete, "/module/payment-sessions/payses_unknown");
        var create = await module.ModuleAsync(HttpMethod.Post, "/module/payment-collections/pay_col_unknown/payment-sessions", """{"provider_id":"pp_system_default"}""");

        Assert.Equal((404, 404, 404), (authorize.Status, delete.Status, create.Status));
        Assert.Equal("PaymentSession with id: payses_unknown was not found", authorize.Json.GetProperty("message").GetString());
    }
}
