using System.Text.Json;
using Payments.Tests.Integration.Http;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Module;

/// <summary>The module routes of collections over real HTTP (docs/module-api.md §4.2): exact amounts, updates, deletions.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ModuleCollectionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ModuleBackedApi module = null!;

    public async Task InitializeAsync() => module = await ModuleBackedApi.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await module.DisposeAsync();

    [Fact]
    public async Task Collections_are_created_in_order_with_medusas_amounts_kept_exactly_and_every_key_of_the_entity()
    {
        var created = await module.ModuleAsync(
            HttpMethod.Post,
            "/module/payment-collections",
            """{"payment_collections":[{"currency_code":"usd","amount":{"value":"33.333333333333333333","precision":20}},{"currency_code":"EUR","amount":"12.5","metadata":{"k":1}},{"currency_code":"usd","amount":7}]}""");

        var collections = created.Json.GetProperty("payment_collections").EnumerateArray().ToList();
        Assert.Equal(
            ["id", "currency_code", "amount", "raw_amount", "authorized_amount", "raw_authorized_amount", "captured_amount", "raw_captured_amount",
             "refunded_amount", "raw_refunded_amount", "completed_at", "status", "metadata", "created_at", "updated_at", "deleted_at"],
            ApiResponse.KeysOf(collections[0]));
        Assert.Equal("""{"value":"33.333333333333333333","precision":20}""", collections[0].GetProperty("raw_amount").GetRawText());
        Assert.Equal(("eur", 12.5m, "not_paid", """{"k":1}"""), (collections[1].GetProperty("currency_code").GetString(), collections[1].GetProperty("amount").GetDecimal(), collections[1].GetProperty("status").GetString(), collections[1].GetProperty("metadata").GetRawText()));
        Assert.Equal(7m, collections[2].GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_session_of_an_exact_amount_carries_its_whole_minor_units()
    {
        var collectionId = await module.NewCollectionAsync("""{"value":"33.333333333333333333","precision":20}""");

        var session = Assert.Single(await module.QueryAsync("payment_session", $$"""{"id":"{{await module.NewSessionAsync(collectionId)}}"}"""));

        Assert.Equal("""{"value":"33.33","precision":20}""", session.GetProperty("raw_amount").GetRawText());
    }

    [Fact]
    public async Task A_new_amount_ends_the_waiting_session_which_stays_listable_by_id()
    {
        var collectionId = await module.NewCollectionAsync();
        var sessionId = await module.NewSessionAsync(collectionId);

        var updated = await module.ModuleAsync(HttpMethod.Post, $"/module/payment-collections/{collectionId}", """{"amount":{"value":"50","precision":20},"currency_code":"usd"}""");

        Assert.Equal((200, 50m), (updated.Status, updated.Json.GetProperty("payment_collection").GetProperty("amount").GetDecimal()));
        var collection = Assert.Single(await module.QueryAsync("payment_collection", $$"""{"id":["{{collectionId}}"]}""", """["payment_sessions"]"""));
        Assert.Empty(collection.GetProperty("payment_sessions").EnumerateArray());
        var ended = Assert.Single(await module.QueryAsync("payment_session", $$"""{"id":["{{sessionId}}"]}"""));
        Assert.NotEqual(JsonValueKind.Null, ended.GetProperty("deleted_at").ValueKind);
        Assert.Equal(collectionId, ended.GetProperty("payment_collection_id").GetString());
    }

    [Fact]
    public async Task Medusa_sets_canceled_itself_and_no_other_status()
    {
        var collectionId = await module.NewCollectionAsync();

        var canceled = await module.ModuleAsync(HttpMethod.Post, $"/module/payment-collections/{collectionId}", """{"status":"canceled"}""");
        var completed = await module.ModuleAsync(HttpMethod.Post, $"/module/payment-collections/{collectionId}", """{"status":"completed"}""");

        Assert.Equal("canceled", canceled.Json.GetProperty("payment_collection").GetProperty("status").GetString());
        Assert.Equal(400, completed.Status);
    }

    [Fact]
    public async Task A_collection_without_a_payment_is_deleted_softly_and_deleting_an_unknown_or_deleted_one_answers_the_same()
    {
        var collectionId = await module.NewCollectionAsync();
        await module.NewSessionAsync(collectionId);

        var deleted = await module.ModuleAsync(HttpMethod.Delete, $"/module/payment-collections/{collectionId}");
        var again = await module.ModuleAsync(HttpMethod.Delete, $"/module/payment-collections/{collectionId}");
        var unknown = await module.ModuleAsync(HttpMethod.Delete, "/module/payment-collections/pay_col_unknown");

        Assert.Equal((200, $$"""{"id":"{{collectionId}}","object":"payment_collection","deleted":true}"""), (deleted.Status, deleted.Body));
        Assert.Equal((200, 200), (again.Status, unknown.Status));
        Assert.Empty(await module.QueryAsync("payment_collection", $$"""{"id":"{{collectionId}}"}"""));
        var tombstone = Assert.Single(await module.QueryAsync("payment_collection", $$"""{"id":"{{collectionId}}"}""", more: ""","with_deleted":true"""));
        Assert.NotEqual(JsonValueKind.Null, tombstone.GetProperty("deleted_at").ValueKind);
    }

    [Fact]
    public async Task A_collection_with_a_payment_is_not_deleted()
    {
        var collectionId = await module.NewCollectionAsync();
        await module.AuthorizeAsync(await module.NewSessionAsync(collectionId));

        var refused = await module.ModuleAsync(HttpMethod.Delete, $"/module/payment-collections/{collectionId}");

        Assert.Equal((400, "not_allowed"), (refused.Status, refused.Json.GetProperty("type").GetString()));
    }
}
