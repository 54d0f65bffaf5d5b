using System.Text.Json.Nodes;
using Payments.Domain.Collections;
using Payments.Tests.Integration.Http;

namespace Payments.Tests.Integration.Webhooks;

/// <summary>The <c>Stripe:*</c> settings as a deployment sets them (configuration keys), seen in what reaches Stripe.</summary>
[Collection(ApiCollection.Name)]
public sealed class StripeSettingsTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_payment_method_settings_reach_the_payment_intents()
    {
        await using var api = await StripeBackedApi.StartAsync(
            fixture.TablesConnection,
            "--Stripe:OxxoExpiresDays", "6",
            "--Stripe:PaymentMethodConfiguration", "pmc_1Storefront",
            "--Stripe:AutomaticPaymentMethods", "true",
            "--Stripe:Capture", "true");

        var card = await api.NewSessionAsync();
        var oxxo = await api.NewSessionAsync(StripeVariantCase.Of("pp_stripe-oxxo_stripe"));

        var cardCreate = api.Stripe.Creations.Single(call => call.IdempotencyKey == card.SessionId).Parameters;
        var oxxoCreate = api.Stripe.Creations.Single(call => call.IdempotencyKey == oxxo.SessionId).Parameters;
        Assert.Equal(("pmc_1Storefront", "true", "automatic"), (cardCreate["payment_method_configuration"], cardCreate["automatic_payment_methods[enabled]"], cardCreate["capture_method"]));
        Assert.Equal(("6", "oxxo"), (oxxoCreate["payment_method_options[oxxo][expires_after_days]"], oxxoCreate["allowed_payment_method_types[0]"]));
        Assert.False(oxxoCreate.ContainsKey("payment_method_configuration"));
    }

    [Theory]
    [InlineData(null, 422, PaymentSessionStatus.Pending)]
    [InlineData("pay_by_bank", 200, PaymentSessionStatus.PendingAuthorization)]
    public async Task A_processing_payment_of_a_configured_async_method_is_pending_authorization_and_the_order_can_be_placed(
        string? asyncTypes, int expectedStatus, PaymentSessionStatus expectedSession)
    {
        await using var api = await StripeBackedApi.StartAsync(fixture.TablesConnection, asyncTypes is null ? [] : ["--Stripe:AsyncPaymentMethodTypes", asyncTypes]);
        var session = await api.NewSessionAsync();
        api.Stripe.Change(session.PaymentIntentId, intent =>
        {
            intent["status"] = "processing";
            intent["payment_method"] = new JsonObject { ["id"] = "pm_bank", ["type"] = "pay_by_bank" };
        });

        var authorized = await api.Api.AdminAsync(HttpMethod.Post, PaymentLifecycle.AuthorizePath(session.CollectionId, session.SessionId), "{}");

        Assert.Equal(expectedStatus, authorized.Status);
        var collection = await api.CollectionAsync(session.CollectionId);
        Assert.Equal(expectedSession, Assert.Single(collection.Sessions).Status);
        Assert.Empty(collection.Payments);
    }

    [Fact]
    public async Task Concurrent_retries_with_one_idempotency_key_create_one_payment_intent()
    {
        await using var api = await StripeBackedApi.StartAsync(fixture.TablesConnection);
        var ideal = StripeVariantCase.Of("pp_stripe-ideal_stripe");
        var collectionId = await api.Api.NewCollectionAsync(50m, ideal.Currency, ideal.Region);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => api.Api.SendAsync(
            HttpMethod.Post, PaymentSessionTests.SessionsOf(collectionId), ideal.SessionBody, ApiHost.PublishableKey, "application/json",
            request => request.Headers.TryAddWithoutValidation("Idempotency-Key", "checkout-click-1"))));
        var replay = await api.Api.SendAsync(
            HttpMethod.Post, PaymentSessionTests.SessionsOf(collectionId), ideal.SessionBody, ApiHost.PublishableKey, "application/json",
            request => request.Headers.TryAddWithoutValidation("Idempotency-Key", "checkout-click-1"));

        Assert.All(responses, response => Assert.Contains(response.Status, new[] { 200, 409 }));
        Assert.Contains(responses, response => response.Status == 200);
        var creation = Assert.Single(api.Stripe.Creations);
        var session = Assert.Single((await api.CollectionAsync(collectionId)).Sessions);
        Assert.Equal(session.Id, creation.IdempotencyKey);
        Assert.Equal((200, "true"), (replay.Status, replay.Headers["idempotent-replayed"]));
    }
}
