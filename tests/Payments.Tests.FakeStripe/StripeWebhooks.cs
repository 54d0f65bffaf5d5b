using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Payments.Tests.FakeStripe;

/// <summary>Stripe webhook deliveries built as Stripe builds them (spec §7.4): an event body and its signature header.</summary>
public static class StripeWebhooks
{
    public const string Secret = "whsec_test_0123456789abcdef";

    /// <summary>The API version Stripe.net 53.1.0 pins; events carry the endpoint's version.</summary>
    public const string ApiVersion = "2026-10-28.endive";

    /// <summary>An event whose <c>data.object</c> is <paramref name="dataObject"/>: a PaymentIntent, or a charge (<see cref="FakeStripeApi.Charge"/>).</summary>
    public static string Event(string eventId, string type, JsonNode dataObject) =>
        new JsonObject
        {
            ["id"] = eventId,
            ["object"] = "event",
            ["api_version"] = ApiVersion,
            ["created"] = 1_790_000_000,
            ["data"] = new JsonObject { ["object"] = dataObject.DeepClone() },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
        }.ToJsonString();

    /// <summary><c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body" keyed with the secret&gt;</c>.</summary>
    public static string Signature(string body, DateTimeOffset signedAt, string secret = Secret)
    {
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(signature)}";
    }

    /// <summary>A PaymentIntent object as events carry it, for a session of a collection.</summary>
    public static JsonObject PaymentIntent(string id, string status, long amount, string? sessionId, string? collectionId, string currency = "usd")
    {
        var metadata = new JsonObject();
        if (sessionId is not null)
        {
            metadata["session_id"] = sessionId;
        }

        if (collectionId is not null)
        {
            metadata["payment_collection_id"] = collectionId;
        }

        return new JsonObject
        {
            ["id"] = id,
            ["object"] = "payment_intent",
            ["amount"] = amount,
            ["amount_capturable"] = status == "requires_capture" ? amount : 0,
            ["amount_received"] = status == "succeeded" ? amount : 0,
            ["currency"] = currency,
            ["metadata"] = metadata,
            ["payment_method"] = "pm_test",
            ["payment_method_types"] = new JsonArray("card"),
            ["status"] = status,
        };
    }
}
