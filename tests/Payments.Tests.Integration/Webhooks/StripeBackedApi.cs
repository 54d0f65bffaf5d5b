using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Payments.Domain.Collections;
using Payments.Domain.Ports;
using Payments.Functions;
using Payments.Providers.Stripe;
using Payments.Tests.FakeStripe;
using Payments.Tests.Integration.Http;

namespace Payments.Tests.Integration.Webhooks;

/// <summary>A Stripe session of a fresh cart's collection: our ids and the PaymentIntent's.</summary>
internal sealed record StripeSession(string CollectionId, string SessionId, string PaymentIntentId);

/// <summary>
/// One provider of the Stripe family as the HTTP tests use it: the payment method it allows, a currency it takes, and
/// a region (seeded by <see cref="StripeBackedApi"/>) that enables it beside <c>pp_stripe_stripe</c>.
/// </summary>
public sealed record StripeVariantCase(string ProviderId, string? PaymentMethodType, string Currency)
{
    public static IReadOnlyList<StripeVariantCase> All { get; } =
    [
        new("pp_stripe_stripe", null, "usd"),
        new("pp_stripe-bancontact_stripe", "bancontact", "eur"),
        new("pp_stripe-blik_stripe", "blik", "pln"),
        new("pp_stripe-giropay_stripe", "giropay", "eur"),
        new("pp_stripe-ideal_stripe", "ideal", "eur"),
        new("pp_stripe-przelewy24_stripe", "p24", "pln"),
        new("pp_stripe-promptpay_stripe", "promptpay", "thb"),
        new("pp_stripe-oxxo_stripe", "oxxo", "mxn"),
    ];

    public static TheoryData<string> ProviderIds => [.. All.Select(variant => variant.ProviderId)];

    public string Region => "reg_test_" + ProviderId;

    /// <summary>The webhook path of this provider: its id without <c>pp_</c>.</summary>
    public string WebhookPath => "/hooks/payment/" + ProviderId["pp_".Length..];

    public string SessionBody => $$"""{"provider_id":"{{ProviderId}}"}""";

    /// <summary>What the PaymentIntent captures on: at once for every payment method variant, on the admin's capture for cards.</summary>
    public bool CapturesAutomatically => PaymentMethodType is not null;

    public static StripeVariantCase Of(string providerId) => All.Single(variant => variant.ProviderId == providerId);
}

/// <summary>
/// The local host with the Stripe family configured as in production, its client pointed through <c>Stripe:ApiBase</c>
/// at a fake Stripe on a loopback port (no network), and regions that enable each provider.
/// </summary>
internal sealed class StripeBackedApi : IAsyncDisposable
{
    public const string Region = "reg_test_stripe";
    public const string WebhookPath = "/hooks/payment/stripe_stripe";
    public const string StripeSessionBody = """{"provider_id":"pp_stripe_stripe"}""";

    private readonly FakeStripeServer server;

    private StripeBackedApi(ApiHost api, FakeStripeServer server)
    {
        Api = api;
        this.server = server;
    }

    public ApiHost Api { get; }

    public FakeStripeApi Stripe => server.Stripe;

    /// <summary>The currencies of the card regions (<see cref="CardRegion"/>): decimal, zero-decimal and three-decimal ones.</summary>
    public static IReadOnlyList<string> CardCurrencies { get; } = ["usd", "eur", "jpy", "krw", "kwd", "bhd"];

    public static Task<StripeBackedApi> StartAsync(string tablesConnection, params string[] settings) =>
        StartAsync(tablesConnection, configureServices: null, settings);

    /// <param name="configureServices">Replaces registrations of the host (a fake clock).</param>
    public static async Task<StripeBackedApi> StartAsync(string tablesConnection, Action<IServiceCollection>? configureServices, params string[] settings)
    {
        var server = await FakeStripeServer.StartAsync();
        var api = await ApiHost.StartAsync(
            tablesConnection,
            configureServices,
            extraArgs:
            [
                "--Stripe:ApiKey", "sk_test_integration",
                "--Stripe:WebhookSecret", StripeWebhooks.Secret,
                "--Stripe:ApiBase", server.Url.ToString(),
                .. settings,
            ]);
        await api.SeedAsync(new
        {
            regions = StripeVariantCase.All
                .Select(variant => new { id = variant.Region, name = variant.ProviderId, currency_code = variant.Currency, payment_providers = new[] { variant.ProviderId, StripeVariant.Card.ProviderId }.Distinct().ToArray() })
                .Concat(CardCurrencies.Select(currency => new { id = CardRegion(currency), name = "Cards in " + currency, currency_code = currency, payment_providers = new[] { StripeVariant.Card.ProviderId } }))
                .Prepend(new { id = Region, name = "Stripe", currency_code = "usd", payment_providers = new[] { StripeVariant.Card.ProviderId, "pp_system_default" } })
                .ToArray(),
            orders = CardCurrencies.Select(currency => new { id = Order(currency), currency_code = currency }).ToArray(),
        });
        return new StripeBackedApi(api, server);
    }

    /// <summary>A region of <paramref name="currency"/> (one of <see cref="CardCurrencies"/>) that enables <c>pp_stripe_stripe</c>.</summary>
    public static string CardRegion(string currency) => "reg_test_stripe_cards_" + currency;

    /// <summary>An order in <paramref name="currency"/> (one of <see cref="CardCurrencies"/>), for admin collections.</summary>
    public static string Order(string currency) => "order_test_" + currency;

    public Task<StripeSession> NewSessionAsync(decimal total = 50m) => NewSessionAsync(StripeVariantCase.Of(StripeVariant.Card.ProviderId), total, Region, "usd");

    /// <summary>A card session of a fresh cart of <paramref name="total"/> in <paramref name="currency"/> (one of <see cref="CardCurrencies"/>).</summary>
    public Task<StripeSession> NewCardSessionAsync(decimal total, string currency) =>
        NewSessionAsync(StripeVariantCase.Of(StripeVariant.Card.ProviderId), total, CardRegion(currency), currency);

    public Task<StripeSession> NewSessionAsync(StripeVariantCase variant, decimal total = 50m) => NewSessionAsync(variant, total, variant.Region, variant.Currency);

    /// <summary>A card session whose PaymentIntent Stripe holds for capture, authorized through the admin route, and its payment's id.</summary>
    public Task<(StripeSession Session, string PaymentId)> AuthorizedCardPaymentAsync() => AuthorizedAsync(NewSessionAsync());

    /// <summary>As <see cref="AuthorizedCardPaymentAsync()"/>, for <paramref name="total"/> in <paramref name="currency"/> (one of <see cref="CardCurrencies"/>).</summary>
    public Task<(StripeSession Session, string PaymentId)> AuthorizedCardPaymentAsync(decimal total, string currency) =>
        AuthorizedAsync(NewCardSessionAsync(total, currency));

    /// <summary>The shopper's card authorized at Stripe for the session, as Stripe holds it for capture.</summary>
    public void AuthorizeAtStripe(StripeSession session) =>
        Stripe.Change(session.PaymentIntentId, intent =>
        {
            intent["status"] = "requires_capture";
            intent["amount_capturable"] = intent["amount"]!.DeepClone();
        });

    private async Task<(StripeSession Session, string PaymentId)> AuthorizedAsync(Task<StripeSession> newSession)
    {
        var session = await newSession;
        AuthorizeAtStripe(session);
        var authorized = await Api.AdminAsync(HttpMethod.Post, PaymentLifecycle.AuthorizePath(session.CollectionId, session.SessionId), "{}");
        Assert.Equal(200, authorized.Status);
        return (session, authorized.Json.GetProperty("payment_collection").GetProperty("payments")[0].GetProperty("id").GetString()!);
    }

    /// <summary>An event about the PaymentIntent as Stripe now holds it, validly signed, posted to <paramref name="path"/>.</summary>
    public Task<ApiResponse> DeliverAsync(string eventId, string type, string paymentIntentId, string path = WebhookPath) =>
        DeliverAsync(eventId, type, Stripe.Intent(paymentIntentId), path);

    /// <summary>
    /// A <c>charge.*</c> event (<c>charge.refunded</c>, <c>charge.captured</c>) about the PaymentIntent's charge as Stripe
    /// now holds it, carrying the PaymentIntent's metadata, validly signed.
    /// </summary>
    public Task<ApiResponse> DeliverChargeAsync(string eventId, string type, string paymentIntentId) =>
        DeliverAsync(eventId, type, Stripe.Charge(paymentIntentId), WebhookPath);

    private Task<ApiResponse> DeliverAsync(string eventId, string type, JsonNode dataObject, string path)
    {
        var body = StripeWebhooks.Event(eventId, type, dataObject);
        return PostWebhookAsync(path, body, StripeWebhooks.Signature(body, DateTimeOffset.UtcNow));
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

    /// <summary>A run of the outbox timer function (<see cref="OutboxFunctions.DispatchOutbox"/>) in the host, at the host's clock.</summary>
    public Task DispatchOutboxAsync() =>
        ActivatorUtilities.CreateInstance<OutboxFunctions>(Api.Services).DispatchOutbox(new TimerInfo(), CancellationToken.None);

    /// <summary>A capture or refund of a payment through the admin route, with an <c>Idempotency-Key</c> when given.</summary>
    public Task<ApiResponse> MoveAsync(string paymentId, string kind, string body, string? idempotencyKey = null) =>
        Api.AdminAsync(HttpMethod.Post, $"/admin/payments/{paymentId}/{kind}", body, idempotencyKey: idempotencyKey);

    public Task<bool> WasProcessedAsync(string eventId, string providerId = "pp_stripe_stripe") =>
        Api.Services.GetRequiredService<IProcessedWebhookEvents>().ContainsAsync(providerId, eventId, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await server.DisposeAsync();
    }

    private async Task<StripeSession> NewSessionAsync(StripeVariantCase variant, decimal total, string region, string currency)
    {
        var collectionId = await Api.NewCollectionAsync(total, currency, region);
        var response = await Api.PostAsync(PaymentSessionTests.SessionsOf(collectionId), variant.SessionBody);
        Assert.Equal(200, response.Status);
        var session = PaymentSessionTests.SessionOf(response);
        return new StripeSession(collectionId, session.GetProperty("id").GetString()!, session.GetProperty("data").GetProperty("id").GetString()!);
    }
}
