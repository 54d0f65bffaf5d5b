using Microsoft.Extensions.Logging;
using Payments.Domain.Collections;
using Payments.Tests.FakeStripe;
using Payments.Tests.Integration.Backend;
using Payments.Tests.Integration.Webhooks;
using Payments.Tests.Unit.Authentication;

namespace Payments.Tests.Integration.Http;

/// <summary>
/// A Key Vault reference App Service could not resolve reaches the app as its own text. The app must fail closed on it:
/// health reports the setting, every request that needs it answers 503 with a log line naming it, and nothing is ever
/// authenticated with the text, which anyone who knows the vault's name can write (issue 16).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class UnresolvedSecretTests(ApiFixture fixture)
{
    private const string JwtSecretReference = "@Microsoft.KeyVault(SecretUri=https://kv-payments.vault.azure.net/secrets/admin-jwt-secret)";
    private const string WebhookSecretReference = "@Microsoft.KeyVault(SecretUri=https://kv-payments.vault.azure.net/secrets/stripe-webhook-secret)";
    private const string StripeApiKeyReference = "@Microsoft.KeyVault(SecretUri=https://kv-payments.vault.azure.net/secrets/stripe-api-key)";
    private const string BackendSecretKeyReference = "@Microsoft.KeyVault(SecretUri=https://kv-payments.vault.azure.net/secrets/medusa-secret-key)";
    private const string CustomerId = "cus_01M8R74BXXM086F8C8ZX1TBN3Q";

    [Fact]
    public async Task Health_fails_from_start_up_naming_the_setting_and_never_its_value()
    {
        await using var api = await StartWithUnresolvedJwtSecretAsync();

        var health = await api.GetAsync("/health", publishableKey: null);

        Assert.Equal(503, health.Status);
        Assert.Equal("unavailable", health.Json.GetProperty("status").GetString());
        Assert.Equal(
            ["AdminAuth:JwtSecret holds a Key Vault reference that did not resolve"],
            health.Json.GetProperty("unusable_settings").EnumerateArray().Select(problem => problem.GetString()));
        Assert.DoesNotContain("vault.azure.net", health.Body, StringComparison.Ordinal);
        Assert.Contains(api.Logs.Entries, entry => entry.Level == LogLevel.Error && entry.Text.Contains("AdminAuth:JwtSecret", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Logs.Entries, entry => entry.Text.Contains("vault.azure.net", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_admin_token_signed_with_the_reference_text_is_answered_503_and_never_authenticated()
    {
        await using var api = await StartWithUnresolvedJwtSecretAsync();
        var forged = AdminTokens.Create(ApiHost.AdminUser, "user", DateTime.UtcNow.AddHours(1), JwtSecretReference);

        var response = await api.AdminAsync(HttpMethod.Get, "/admin/refund-reasons", authorization: "Bearer " + forged);

        Assert.Equal(503, response.Status);
        Assert.Equal("unexpected_state", response.Json.GetProperty("type").GetString());
        Assert.Contains(api.Logs.Entries, entry => entry.Level == LogLevel.Error
            && entry.Text.Contains("The secret setting AdminAuth:JwtSecret holds a Key Vault reference that did not resolve", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Logs.Entries, entry => entry.Text.Contains("vault.azure.net", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_customer_token_signed_with_the_reference_text_is_answered_503_and_never_gets_a_shoppers_context()
    {
        await using var api = await StartWithUnresolvedJwtSecretAsync();
        var cart = await api.NewCartAsync();
        var forged = TestJwts.Sign(TestJwts.Claims(CustomerId, "customer", DateTimeOffset.UtcNow.AddMinutes(-1)), JwtSecretReference);

        var response = await api.SendAsync(
            HttpMethod.Post, "/store/payment-collections", $$"""{"cart_id":"{{cart}}"}""", ApiHost.PublishableKey, "application/json",
            request => request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + forged));

        Assert.Equal(503, response.Status);
    }

    [Fact]
    public async Task What_does_not_need_the_secret_is_still_served()
    {
        await using var api = await StartWithUnresolvedJwtSecretAsync();

        var admin = await api.AdminAsync(HttpMethod.Get, "/admin/refund-reasons", authorization: AdminTokens.Basic(ApiHost.SecretKey));
        var guest = await api.GetAsync($"/store/payment-providers?region_id={ApiHost.UsRegion}");

        Assert.Equal((200, 200), (admin.Status, guest.Status));
    }

    [Fact]
    public async Task A_stripe_webhook_signed_with_the_reference_text_is_answered_503_for_a_redelivery()
    {
        await using var stripe = await StripeBackedApi.StartAsync(fixture.TablesConnection, "--Stripe:WebhookSecret", WebhookSecretReference);
        var session = await stripe.NewSessionAsync();
        stripe.Stripe.Change(session.PaymentIntentId, intent => intent["status"] = "succeeded");
        var body = StripeWebhooks.Event("evt_unresolved_secret", "payment_intent.succeeded", stripe.Stripe.Intent(session.PaymentIntentId));

        var response = await stripe.PostWebhookAsync(StripeBackedApi.WebhookPath, body, StripeWebhooks.Signature(body, DateTimeOffset.UtcNow, WebhookSecretReference));

        Assert.Equal(503, response.Status);
        Assert.Equal(PaymentSessionStatus.Pending, (await stripe.CollectionAsync(session.CollectionId)).Sessions.Single().Status);
        Assert.Contains(stripe.Api.Logs.Entries, entry => entry.Text.Contains("Stripe:WebhookSecret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stripe_session_is_answered_503_and_health_names_the_setting_while_the_stripe_api_key_is_unresolved()
    {
        await using var stripe = await StripeBackedApi.StartAsync(fixture.TablesConnection, "--Stripe:ApiKey", StripeApiKeyReference);
        var collectionId = await stripe.Api.NewCollectionAsync(region: StripeBackedApi.Region);

        var session = await stripe.Api.PostAsync(PaymentSessionTests.SessionsOf(collectionId), StripeBackedApi.StripeSessionBody);
        var health = await stripe.Api.GetAsync("/health", publishableKey: null);

        Assert.Equal((503, "unexpected_state"), (session.Status, session.Json.GetProperty("type").GetString()));
        Assert.Empty(stripe.Stripe.Calls);
        Assert.Equal(503, health.Status);
        Assert.Contains("Stripe:ApiKey holds a Key Vault reference that did not resolve", health.Json.GetProperty("unusable_settings").EnumerateArray().Select(problem => problem.GetString()));
        Assert.DoesNotContain("vault.azure.net", health.Body + session.Body, StringComparison.Ordinal);
        Assert.Contains(stripe.Api.Logs.Entries, entry => entry.Level == LogLevel.Error && entry.Text.Contains("Stripe:ApiKey", StringComparison.Ordinal));
        Assert.DoesNotContain(stripe.Api.Logs.Entries, entry => entry.Text.Contains("vault.azure.net", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_order_collection_in_backend_mode_is_answered_503_while_the_backends_secret_key_is_unresolved()
    {
        using var medusa = new MedusaStandIn();
        await using var api = await ApiHost.StartBackedAsync(fixture.TablesConnection, medusa.Url, BackendSecretKeyReference, MedusaStandIn.JwtSecret);
        var admin = "Bearer " + AdminTokens.Create(ApiHost.AdminUser, "user", DateTime.UtcNow.AddHours(1), MedusaStandIn.JwtSecret);

        var response = await api.AdminAsync(HttpMethod.Post, "/admin/payment-collections", $$"""{"order_id":"{{MedusaStandIn.OrderId}}","amount":75}""", authorization: admin);

        Assert.Equal((503, "unexpected_state"), (response.Status, response.Json.GetProperty("type").GetString()));
        Assert.Equal(0, medusa.Received("/admin/orders/" + MedusaStandIn.OrderId));
        Assert.Contains(api.Logs.Entries, entry => entry.Level == LogLevel.Error && entry.Text.Contains("CommerceBackend:SecretKey", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Logs.Entries, entry => entry.Text.Contains("vault.azure.net", StringComparison.Ordinal));
    }

    private Task<ApiHost> StartWithUnresolvedJwtSecretAsync() =>
        ApiHost.StartAsync(fixture.TablesConnection, extraArgs: ["--AdminAuth:JwtSecret", JwtSecretReference]);
}
