using Microsoft.Extensions.DependencyInjection;
using Payments.Domain.Collections;
using Payments.Domain.Ports;
using Payments.Providers.Stripe;
using Payments.Tests.Integration.Http;
using Payments.Tests.Unit.Stripe;

namespace Payments.Tests.Integration.Webhooks;

/// <summary>A Stripe session of a fresh cart's collection: our ids and the PaymentIntent's.</summary>
internal sealed record StripeSession(string CollectionId, string SessionId, string PaymentIntentId);

/// <summary>
/// The local host with <c>pp_stripe_stripe</c> registered against a stubbed Stripe HTTP API (no network), and a
/// region that enables it.
/// </summary>
internal sealed class StripeBackedApi : IAsyncDisposable
{
    public const string Region = "reg_test_stripe";
    public const string WebhookPath = "/hooks/payment/stripe_stripe";
    public const string StripeSessionBody = """{"provider_id":"pp_stripe_stripe"}""";

    private StripeBackedApi(ApiHost api, FakeStripeApi stripe)
    {
        Api = api;
        Stripe = stripe;
    }

    public ApiHost Api { get; }

    public FakeStripeApi Stripe { get; }

    public static async Task<StripeBackedApi> StartAsync(string tablesConnection)
    {
        var stripe = new FakeStripeApi();
        var options = new StripeOptions { ApiKey = "sk_test_integration", WebhookSecret = StripeWebhooks.Secret };
        var api = await ApiHost.StartAsync(tablesConnection, services => services.AddStripePaymentProvider(options, new HttpClient(stripe)));
        await api.SeedAsync(new
        {
            regions = new[] { new { id = Region, name = "Stripe", currency_code = "usd", payment_providers = new[] { StripePaymentProvider.ProviderId, "pp_system_default" } } },
        });
        return new StripeBackedApi(api, stripe);
    }

    public async Task<StripeSession> NewSessionAsync(decimal total = 50m)
    {
        var collectionId = await Api.NewCollectionAsync(total, region: Region);
        var session = PaymentSessionTests.SessionOf(await Api.PostAsync(PaymentSessionTests.SessionsOf(collectionId), StripeSessionBody));
        return new StripeSession(collectionId, session.GetProperty("id").GetString()!, session.GetProperty("data").GetProperty("id").GetString()!);
    }

    /// <summary>An event about the PaymentIntent as Stripe now holds it, validly signed.</summary>
    public Task<ApiResponse> DeliverAsync(string eventId, string type, string paymentIntentId)
    {
        var body = StripeWebhooks.Event(eventId, type, Stripe.Intent(paymentIntentId));
        return PostWebhookAsync(WebhookPath, body, StripeWebhooks.Signature(body, DateTimeOffset.UtcNow));
    }

    public Task<ApiResponse> PostWebhookAsync(string path, string body, string? signature) =>
        Api.SendAsync(HttpMethod.Post, path, body, publishableKey: null, "application/json", request =>
        {
            if (signature is not null)
            {
                request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
            }
        });

    public async Task<PaymentCollection> CollectionAsync(string collectionId) =>
        (await Api.Services.GetRequiredService<IPaymentCollectionStore>().FindAsync(collectionId, CancellationToken.None))!.Collection;

    public Task<bool> WasProcessedAsync(string eventId) =>
        Api.Services.GetRequiredService<IProcessedWebhookEvents>().ContainsAsync(StripePaymentProvider.ProviderId, eventId, CancellationToken.None);

    public ValueTask DisposeAsync() => Api.DisposeAsync();
}
