using System.Text.Json;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Module;

/// <summary>Refund reasons and account holders through the module routes over real HTTP (docs/module-api.md §4.5).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ModuleReferenceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ModuleBackedApi module = null!;

    public async Task InitializeAsync() => module = await ModuleBackedApi.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await module.DisposeAsync();

    [Fact]
    public async Task Refund_reasons_are_created_updated_deleted_softly_and_restored()
    {
        var created = await module.ModuleAsync(HttpMethod.Post, "/module/refund-reasons", """{"refund_reasons":[{"label":"Late","code":"late","metadata":{"k":1}},{"label":"Broken","code":"broken","description":null}]}""");
        var id = created.Json.GetProperty("refund_reasons")[0].GetProperty("id").GetString()!;

        var updated = await module.ModuleAsync(HttpMethod.Post, $"/module/refund-reasons/{id}", """{"label":"Very late","metadata":null}""");
        await module.ModuleAsync(HttpMethod.Delete, $"/module/refund-reasons/{id}");
        var hidden = await module.QueryAsync("refund_reason", $$"""{"id":"{{id}}"}""");
        var deleted = Assert.Single(await module.QueryAsync("refund_reason", $$"""{"id":"{{id}}"}""", more: ""","with_deleted":true"""));
        var restored = await module.ModuleAsync(HttpMethod.Post, $"/module/refund-reasons/{id}/restore");

        Assert.Equal(2, created.Json.GetProperty("refund_reasons").GetArrayLength());
        Assert.Equal(("Very late", JsonValueKind.Null), (updated.Json.GetProperty("refund_reason").GetProperty("label").GetString(), updated.Json.GetProperty("refund_reason").GetProperty("metadata").ValueKind));
        Assert.Empty(hidden);
        Assert.NotEqual(JsonValueKind.Null, deleted.GetProperty("deleted_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, restored.Json.GetProperty("refund_reason").GetProperty("deleted_at").ValueKind);
        Assert.Single(await module.QueryAsync("refund_reason", $$"""{"id":"{{id}}"}"""));
    }

    [Fact]
    public async Task A_customer_has_one_holder_per_provider_however_many_calls_race_and_it_is_found_by_id_until_deleted()
    {
        const string Body = """{"provider_id":"pp_system_default","context":{"customer":{"id":"cus_race","email":"race@example.com"}}}""";

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => module.ModuleAsync(HttpMethod.Post, "/module/account-holders", Body)));

        var ids = answers.Select(answer => answer.Json.GetProperty("account_holder").GetProperty("id").GetString()).Distinct().ToList();
        var id = Assert.Single(ids)!;
        Assert.Equal("cus_race", Assert.Single(await module.QueryAsync("account_holder", $$"""{"id":["{{id}}"]}""")).GetProperty("external_id").GetString());
        Assert.Equal(200, (await module.ModuleAsync(HttpMethod.Delete, $"/module/account-holders/{id}")).Status);
        Assert.Empty(await module.QueryAsync("account_holder", $$"""{"id":["{{id}}"]}"""));
    }
}
