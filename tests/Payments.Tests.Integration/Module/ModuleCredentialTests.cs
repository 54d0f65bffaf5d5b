using Payments.Tests.Integration.Backend;
using Payments.Tests.Integration.Infrastructure;

namespace Payments.Tests.Integration.Module;

/// <summary>The module routes' credential over real HTTP (docs/module-api.md §2): the module API key, or nothing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ModuleCredentialTests(AzuriteFixture azurite)
{
    private const string InvalidBody = """{"payment_collections":"not a list"}""";

    [Fact]
    public async Task Only_the_module_key_as_a_bearer_token_is_let_in_and_before_the_body_is_validated()
    {
        await using var module = await ModuleBackedApi.StartAsync(azurite.ConnectionString);

        var none = await module.ModuleAsync(HttpMethod.Post, "/module/payment-collections", InvalidBody, authorization: null);
        var wrong = await module.ModuleAsync(HttpMethod.Post, "/module/payment-collections", InvalidBody, authorization: "Bearer " + ModuleBackedApi.ModuleKey + "x");
        var admin = await module.ModuleAsync(HttpMethod.Post, "/module/payment-collections", InvalidBody, authorization: ModuleBackedApi.Admin);
        var right = await module.ModuleAsync(HttpMethod.Post, "/module/payment-collections", InvalidBody);

        Assert.All([none, wrong, admin], refused => Assert.Equal((401, """{"message":"Unauthorized"}"""), (refused.Status, refused.Body)));
        Assert.Equal(400, right.Status);
    }

    [Fact]
    public async Task Without_the_setting_no_module_call_is_let_in_whatever_it_sends()
    {
        await using var backed = await MedusaBackedApi.StartAsync(azurite.ConnectionString);

        var answer = await backed.Api.SendAsync(HttpMethod.Post, "/module/query/payment_provider", """{"filters":{},"relations":[],"count":false}""", null, "application/json", request =>
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer "));

        Assert.Equal((401, """{"message":"Unauthorized"}"""), (answer.Status, answer.Body));
    }

    [Fact]
    public async Task An_unresolved_key_vault_reference_lets_nothing_in_and_the_health_check_names_it()
    {
        const string Reference = "@Microsoft.KeyVault(SecretUri=https://kv-test.vault.azure.net/secrets/commerce-backend-module-api-key)";
        await using var module = await ModuleBackedApi.StartAsync(azurite.ConnectionString, moduleKey: Reference);

        var call = await module.ModuleAsync(HttpMethod.Post, "/module/query/payment_provider", """{"filters":{},"relations":[],"count":false}""", authorization: "Bearer " + Reference);
        var health = await module.Api.GetAsync("/health", publishableKey: null);

        Assert.Equal(503, call.Status);
        Assert.Equal(503, health.Status);
        Assert.Contains("CommerceBackend:ModuleApiKey holds a Key Vault reference that did not resolve", health.Body, StringComparison.Ordinal);
    }
}
