using System.Text.Json;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Module;

/// <summary>
/// <c>POST /module/query/{entity}</c> over real HTTP (docs/module-api.md §4.1): what Medusa's Query and core workflows
/// read, with the relations, filters, order and pages they ask for.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ModuleQueryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ModuleBackedApi module = null!;

    public async Task InitializeAsync() => module = await ModuleBackedApi.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await module.DisposeAsync();

    [Fact]
    public async Task The_admin_order_pages_relations_are_answered_nested()
    {
        var collectionId = await module.NewCollectionAsync();
        var paymentId = await module.AuthorizeAsync(await module.NewSessionAsync(collectionId));
        var reason = (await module.ModuleAsync(HttpMethod.Post, "/module/refund-reasons", """{"refund_reasons":[{"label":"Damaged","code":"damaged"}]}""")).Json
            .GetProperty("refund_reasons")[0].GetProperty("id").GetString();
        await module.ModuleAsync(HttpMethod.Post, $"/module/payments/{paymentId}/capture", "{}");
        await module.ModuleAsync(HttpMethod.Post, $"/module/payments/{paymentId}/refund", $$"""{"amount":5,"refund_reason_id":"{{reason}}"}""");

        var collection = Assert.Single(await module.QueryAsync(
            "payment_collection",
            $$"""{"id":["{{collectionId}}"]}""",
            """["payment_sessions","payments.captures","payments.refunds.refund_reason"]"""));

        Assert.Equal((25m, 25m, 5m), (collection.GetProperty("amount").GetDecimal(), collection.GetProperty("captured_amount").GetDecimal(), collection.GetProperty("refunded_amount").GetDecimal()));
        Assert.Equal("authorized", collection.GetProperty("payment_sessions")[0].GetProperty("status").GetString());
        var payment = collection.GetProperty("payments")[0];
        Assert.Equal((paymentId, 1), (payment.GetProperty("id").GetString(), payment.GetProperty("captures").GetArrayLength()));
        Assert.Equal("damaged", payment.GetProperty("refunds")[0].GetProperty("refund_reason").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Payments_are_found_by_id_by_session_and_by_collection_and_moves_by_payment_and_id()
    {
        var collectionId = await module.NewCollectionAsync();
        var sessionId = await module.NewSessionAsync(collectionId);
        var paymentId = await module.AuthorizeAsync(sessionId);
        var captureId = (await module.ModuleAsync(HttpMethod.Post, $"/module/payments/{paymentId}/capture", "{}")).Json
            .GetProperty("payment").GetProperty("captures")[0].GetProperty("id").GetString();

        var byId = await module.QueryAsync("payment", $$"""{"id":"{{paymentId}}"}""", """["payment_session"]""");
        var bySession = await module.QueryAsync("payment", $$"""{"payment_session_id":"{{sessionId}}"}""");
        var byCollection = await module.QueryAsync("payment", $$"""{"payment_collection_id":["{{collectionId}}"]}""");
        var captures = await module.QueryAsync("capture", $$"""{"payment_id":"{{paymentId}}"}""", """["payment"]""");
        var capture = await module.QueryAsync("capture", $$"""{"id":"{{captureId}}"}""");

        Assert.Equal(sessionId, Assert.Single(byId).GetProperty("payment_session").GetProperty("id").GetString());
        Assert.Equal([paymentId, paymentId], new[] { bySession, byCollection }.Select(rows => Assert.Single(rows).GetProperty("id").GetString()));
        Assert.Equal(paymentId, Assert.Single(captures).GetProperty("payment").GetProperty("id").GetString());
        Assert.Equal(captureId, Assert.Single(capture).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Refunds_are_found_by_payment_and_saved_payment_methods_are_none()
    {
        var paymentId = await module.AuthorizeAsync(await module.NewSessionAsync(await module.NewCollectionAsync()));
        await module.ModuleAsync(HttpMethod.Post, $"/module/payments/{paymentId}/capture", "{}");
        var refundId = (await module.ModuleAsync(HttpMethod.Post, $"/module/payments/{paymentId}/refund", """{"amount":5}""")).Json
            .GetProperty("payment").GetProperty("refunds")[0].GetProperty("id").GetString();

        var refunds = await module.QueryAsync("refund", $$"""{"payment_id":["{{paymentId}}"]}""", """["payment"]""");
        var methods = await module.QueryAsync("payment_method", """{"provider_id":"pp_system_default","context":{"account_holder":{"id":"acchld_1"}}}""");

        Assert.Equal((refundId, paymentId), (Assert.Single(refunds).GetProperty("id").GetString(), refunds[0].GetProperty("payment").GetProperty("id").GetString()));
        Assert.Empty(methods);
    }

    [Fact]
    public async Task Providers_are_listed_as_a_regions_check_asks_and_pages_count_every_match()
    {
        var providers = await module.ModuleAsync(HttpMethod.Post, "/module/query/payment_provider", """{"filters":{"id":{"$in":["pp_system_default","pp_unknown"]},"is_enabled":true},"relations":[],"count":false}""");
        var page = await module.ModuleAsync(HttpMethod.Post, "/module/query/payment_provider", """{"filters":{},"relations":[],"skip":0,"take":0,"count":true}""");

        Assert.Equal("""{"data":[{"id":"pp_system_default","is_enabled":true}],"count":1}""", providers.Body);
        Assert.Equal("""{"data":[],"count":1}""", page.Body);
    }

    [Fact]
    public async Task Rows_are_ordered_as_asked_then_by_creation_and_paged()
    {
        var collectionId = await module.NewCollectionAsync();
        var first = await module.NewSessionAsync(collectionId);
        var second = await module.NewSessionAsync(collectionId);
        var ids = JsonSerializer.Serialize(new[] { first, second });

        var newestFirst = await module.QueryAsync("payment_session", $$"""{"id":{{ids}}}""", more: ""","order":{"created_at":"DESC"},"take":1""");
        var oldestSecond = await module.QueryAsync("payment_session", $$"""{"id":{{ids}}}""", more: ""","skip":1""");

        Assert.Equal(second, Assert.Single(newestFirst).GetProperty("id").GetString());
        Assert.Equal(second, Assert.Single(oldestSecond).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("payment_widget", """{"id":"x"}""", 404)]
    [InlineData("payment_session", """{"cart_id":"cart_1"}""", 400)]
    [InlineData("payment_collection", """{"status":"not_paid"}""", 400)]
    [InlineData("payment_session", """{"id":{"$regex":".*"}}""", 400)]
    public async Task A_query_the_service_cannot_answer_is_refused_rather_than_answered_wrongly(string entity, string filters, int status)
    {
        var answer = await module.ModuleAsync(HttpMethod.Post, $"/module/query/{entity}", $$"""{"filters":{{filters}},"relations":[],"count":false}""");

        Assert.Equal(status, answer.Status);
    }

    [Fact]
    public async Task Unknown_ids_answer_fewer_rows_never_a_not_found()
    {
        Assert.Empty(await module.QueryAsync("payment_session", """{"id":["payses_unknown"]}"""));
        Assert.Empty(await module.QueryAsync("payment", """{"id":["pay_unknown"]}"""));
    }
}
