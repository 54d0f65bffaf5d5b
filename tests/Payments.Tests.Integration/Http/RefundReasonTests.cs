using Microsoft.Extensions.DependencyInjection;
using Payments.Domain.RefundReasons;

namespace Payments.Tests.Integration.Http;

/// <summary>Spec §6.13, checklist items 116–125, on a host of its own so the list starts with the defaults only.</summary>
[Collection(ApiCollection.Name)]
public sealed class RefundReasonTests(ApiFixture fixture) : IAsyncLifetime
{
    private ApiHost api = null!;

    public async Task InitializeAsync()
    {
        api = await ApiHost.StartAsync(fixture.TablesConnection);
        await api.Services.GetRequiredService<RefundReasonCatalog>().EnsureDefaultsAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Creates_a_reason_in_medusas_shape_and_allows_duplicate_codes()
    {
        var created = await Create("""{"label":"Damaged","code":"damaged","description":"Item arrived damaged"}""");
        var duplicate = await Create("""{"label":"Damaged again","code":"damaged"}""");

        Assert.Equal(200, created.Status);
        var reason = created.Json.GetProperty("refund_reason");
        Assert.Equal(["id", "label", "code", "description", "created_at", "updated_at", "deleted_at"], ApiResponse.KeysOf(reason));
        Assert.Matches("^refr_[0-9A-HJKMNP-TV-Z]{26}$", reason.GetProperty("id").GetString());
        Assert.Contains("\"label\":\"Damaged\",\"code\":\"damaged\",\"description\":\"Item arrived damaged\",", created.Body, StringComparison.Ordinal);
        Assert.EndsWith("\"deleted_at\":null}}", created.Body, StringComparison.Ordinal);
        Assert.Equal(200, duplicate.Status);
        Assert.NotEqual(reason.GetProperty("id").GetString(), duplicate.Json.GetProperty("refund_reason").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_reason_needs_a_code()
    {
        var response = await Create("""{"label":"No code"}""");

        Assert.Equal((400, """{"type":"invalid_data","message":"Invalid request: Field 'code' is required"}"""), (response.Status, response.Body));
    }

    [Fact]
    public async Task A_new_store_lists_medusas_three_defaults_first_then_created_ones()
    {
        await Create("""{"label":"Damaged","code":"damaged","description":"Item arrived damaged"}""");
        await Create("""{"label":"Damaged 2","code":"damaged"}""");

        var response = await api.AdminAsync(HttpMethod.Get, "/admin/refund-reasons");

        Assert.Equal(200, response.Status);
        Assert.Equal((5, 0, 15), (response.Json.GetProperty("count").GetInt32(), response.Json.GetProperty("offset").GetInt32(), response.Json.GetProperty("limit").GetInt32()));
        var listed = response.Json.GetProperty("refund_reasons").EnumerateArray().Take(3)
            .Select(reason => (reason.GetProperty("label").GetString(), reason.GetProperty("code").GetString(), reason.GetProperty("description").GetString()));
        Assert.Equal(RefundReasonCatalog.Defaults.Select(reason => ((string?)reason.Label, (string?)reason.Code, (string?)reason.Description)), listed);
    }

    [Fact]
    public async Task Q_finds_reasons_by_label_code_or_description_ignoring_case()
    {
        await Create("""{"label":"Damaged","code":"damaged","description":"Item arrived damaged"}""");

        var response = await api.AdminAsync(HttpMethod.Get, "/admin/refund-reasons?q=DAMAG");

        Assert.Equal(["damaged"], response.Json.GetProperty("refund_reasons").EnumerateArray().Select(reason => reason.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Get_update_and_delete_follow_medusa()
    {
        var id = (await Create("""{"label":"Damaged","code":"damaged","description":"Item arrived damaged"}""")).Json.GetProperty("refund_reason").GetProperty("id").GetString();

        var read = await api.AdminAsync(HttpMethod.Get, $"/admin/refund-reasons/{id}");
        await Task.Delay(5);
        var updated = await api.AdminAsync(HttpMethod.Post, $"/admin/refund-reasons/{id}", """{"label":"Damaged in transit","description":null}""");
        var deleted = await api.AdminAsync(HttpMethod.Delete, $"/admin/refund-reasons/{id}");
        var deletedAgain = await api.AdminAsync(HttpMethod.Delete, $"/admin/refund-reasons/{id}");
        var readDeleted = await api.AdminAsync(HttpMethod.Get, $"/admin/refund-reasons/{id}");

        Assert.Equal(200, read.Status);
        var reason = updated.Json.GetProperty("refund_reason");
        Assert.Equal(("Damaged in transit", "damaged", System.Text.Json.JsonValueKind.Null), (reason.GetProperty("label").GetString(), reason.GetProperty("code").GetString(), reason.GetProperty("description").ValueKind));
        Assert.True(string.CompareOrdinal(reason.GetProperty("updated_at").GetString(), read.Json.GetProperty("refund_reason").GetProperty("updated_at").GetString()) > 0);
        Assert.Equal($$"""{"id":"{{id}}","object":"refund_reason","deleted":true}""", deleted.Body);
        Assert.Equal(deleted.Body, deletedAgain.Body);
        Assert.Equal((404, $$"""{"type":"not_found","message":"RefundReason with id: {{id}} was not found"}"""), (readDeleted.Status, readDeleted.Body));
    }

    [Fact]
    public async Task Updating_an_unknown_reason_uses_medusas_wording()
    {
        var response = await api.AdminAsync(HttpMethod.Post, "/admin/refund-reasons/refr_unknown", """{"label":"x"}""");

        Assert.Equal((404, """{"type":"not_found","message":"RefundReason with id \"refr_unknown\" not found"}"""), (response.Status, response.Body));
    }

    [Fact]
    public async Task Deleted_reasons_are_listed_only_with_with_deleted()
    {
        var id = (await Create("""{"label":"Temporary","code":"temporary"}""")).Json.GetProperty("refund_reason").GetProperty("id").GetString();
        await api.AdminAsync(HttpMethod.Delete, $"/admin/refund-reasons/{id}");

        var live = await api.AdminAsync(HttpMethod.Get, "/admin/refund-reasons?q=temporary");
        var all = await api.AdminAsync(HttpMethod.Get, "/admin/refund-reasons?q=temporary&with_deleted=true");

        Assert.Equal((0, 1), (live.Json.GetProperty("count").GetInt32(), all.Json.GetProperty("count").GetInt32()));
    }

    private Task<ApiResponse> Create(string body) => api.AdminAsync(HttpMethod.Post, "/admin/refund-reasons", body);
}
