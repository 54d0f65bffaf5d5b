using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.Domain.Providers;
using Payments.Providers.Stripe;
using Payments.Tests.FakeStripe;
using Stripe;

namespace Payments.Tests.Unit.Stripe;

/// <summary>A Stripe provider of one variant talking to a <see cref="FakeStripeApi"/> through its handler, and its requests.</summary>
internal static class StripeProviders
{
    public const string SessionId = "payses_01M86MSAXW11YSZE6DAQ34E162";
    public const string CollectionId = "pay_col_01M86MS9YPV14MVVJVNRK0ACEN";

    /// <summary>An initiation of the session <see cref="SessionId"/>: its data plus <c>session_id</c>, keyed by the session id.</summary>
    public static ProviderInitiateRequest Initiate(decimal amount, string currency, string data)
    {
        var withSession = JsonNode.Parse(data)!.AsObject();
        withSession["session_id"] = SessionId;
        return new ProviderInitiateRequest(CollectionId, amount, currency, JsonElement.Parse(withSession.ToJsonString()), SessionId);
    }

    public static StripePaymentProvider Create(FakeStripeApi stripe, StripeVariant variant, StripeOptions? options = null)
    {
        options ??= new StripeOptions { ApiKey = "sk_test_x", WebhookSecret = StripeWebhooks.Secret };
        var client = new StripeClient(options.ApiKey, httpClient: new SystemNetHttpClient(new HttpClient(new FakeStripeHandler(stripe))));
        var statuses = new PaymentIntentStatusMap(options);
        return new StripePaymentProvider(
            client,
            variant,
            options,
            statuses,
            new StripeWebhookReader(options, statuses, TimeProvider.System),
            NullLogger<StripePaymentProvider>.Instance);
    }
}
