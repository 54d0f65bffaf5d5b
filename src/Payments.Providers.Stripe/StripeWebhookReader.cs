using System.Globalization;
using System.Text;
using System.Text.Json;
using Payments.Domain.Collections;
using Payments.Domain.Configuration;
using Payments.Domain.Providers;
using Stripe;

namespace Payments.Providers.Stripe;

/// <summary>
/// Verifies a Stripe webhook with Stripe.net's <see cref="EventUtility"/> (signature over <c>t.body</c>, 300 s
/// tolerance) and reads what its PaymentIntent event means for the session it names (spec §7.4, D6). One reader
/// serves the whole Stripe family: Stripe sends every event of the account to an endpoint, whatever the method.
/// </summary>
public sealed class StripeWebhookReader(StripeOptions options, PaymentIntentStatusMap statuses, TimeProvider clock)
{
    public const string SignatureHeader = "Stripe-Signature";

    private const long ToleranceSeconds = 300;

    public ProviderWebhookEvent Read(ProviderWebhookRequest request)
    {
        var secret = SecretSettings.UsableOrAbsent(options.WebhookSecret, StripeOptions.WebhookSecretKey)
            ?? throw new WebhookVerificationException("Stripe webhook secret is not configured");

        var header = request.Headers
            .FirstOrDefault(pair => string.Equals(pair.Key, SignatureHeader, StringComparison.OrdinalIgnoreCase)).Value;
        if (string.IsNullOrEmpty(header))
        {
            throw new WebhookVerificationException("Missing Stripe-Signature header");
        }

        var signedAt = SignedAt(header) ?? throw new WebhookVerificationException("Invalid Stripe-Signature header");
        var json = Encoding.UTF8.GetString(request.Body.Span);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        try
        {
            EventUtility.ValidateSignature(json, header, secret, ToleranceSeconds, now);
        }
        catch (StripeException) when (Math.Abs(now - signedAt) > ToleranceSeconds)
        {
            throw new WebhookVerificationException("Timestamp outside the tolerance zone");
        }
        catch (StripeException)
        {
            throw new WebhookVerificationException("No signatures found matching the expected signature for payload");
        }

        return ReadEvent(json);
    }

    /// <summary>
    /// The authentic event, read for what this service needs. An authentic event of the wrong shape is refused (400)
    /// rather than failed (500): Stripe would redeliver a 500 for days, and the same bytes would fail every time.
    /// </summary>
    private ProviderWebhookEvent ReadEvent(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw Malformed("the body is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (!HoldsOnlyValidStrings(root))
            {
                throw Malformed("a string holds an unpaired surrogate");
            }

            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("data", out var data)
                || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("object", out var paymentIntent)
                || paymentIntent.ValueKind != JsonValueKind.Object)
            {
                throw Malformed("data.object is not an object");
            }

            return Interpret(StripeJson.StringOf(root, "id"), StripeJson.StringOf(root, "type"), paymentIntent.Clone());
        }
    }

    /// <summary>The header's <c>t</c>, when it has one and at least one <c>v1</c> signature.</summary>
    private static long? SignedAt(string header)
    {
        long? timestamp = null;
        var hasSignature = false;
        foreach (var item in header.Split(','))
        {
            var pair = item.Split('=', 2);
            switch (pair)
            {
                case ["t", var value] when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds):
                    timestamp = seconds;
                    break;
                case ["v1", { Length: > 0 }]:
                    hasSignature = true;
                    break;
            }
        }

        return hasSignature ? timestamp : null;
    }

    private ProviderWebhookEvent Interpret(string? eventId, string? eventType, JsonElement paymentIntent)
    {
        var metadata = paymentIntent.TryGetProperty("metadata", out var found) && found.ValueKind == JsonValueKind.Object ? found : EmptyJson.Object;
        var sessionId = StripeJson.StringOf(metadata, "session_id");
        var collectionId = StripeJson.StringOf(metadata, "payment_collection_id");
        (WebhookAction Action, string AmountField)? meaning = eventType switch
        {
            "payment_intent.amount_capturable_updated" => (WebhookAction.Authorized, "amount_capturable"),
            "payment_intent.succeeded" => (WebhookAction.Captured, "amount_received"),
            "payment_intent.created" or "payment_intent.processing" => (WaitingAction(paymentIntent, WebhookAction.Pending), "amount"),
            "payment_intent.requires_action" => (WaitingAction(paymentIntent, WebhookAction.RequiresMore), "amount"),
            "payment_intent.partially_funded" => (WebhookAction.RequiresMore, "amount"),
            "payment_intent.payment_failed" => (WebhookAction.Failed, "amount"),
            "payment_intent.canceled" => (WebhookAction.Canceled, "amount"),

            // A charge (or refund) event: money moved, perhaps in the Dashboard; the metadata of the PaymentIntent is the
            // charge's too, and this service's refunds carry it as well.
            "charge.captured" or "charge.refunded" or "charge.refund.updated" or "refund.created" or "refund.updated" => (WebhookAction.MoneyMoved, "amount"),
            _ => null,
        };
        if (meaning is not { } known || sessionId is null || collectionId is null)
        {
            return new ProviderWebhookEvent(WebhookAction.NotSupported, eventId, null, null, null, null);
        }

        if (!paymentIntent.TryGetProperty(known.AmountField, out var units)
            || units.ValueKind != JsonValueKind.Number
            || !units.TryGetInt64(out var amountInUnits)
            || amountInUnits < 0)
        {
            throw Malformed($"data.object.{known.AmountField} is not a whole, non-negative number of the currency's smallest unit");
        }

        var currency = StripeJson.StringOf(paymentIntent, "currency") ?? string.Empty;
        return new ProviderWebhookEvent(known.Action, eventId, collectionId, sessionId, SmallestCurrencyUnit.ToAmount(amountInUnits, currency), paymentIntent);
    }

    private static WebhookVerificationException Malformed(string what) => new($"Malformed event: {what}");

    /// <summary>JSON may escape half a surrogate pair; such a string can be neither read nor stored.</summary>
    private static bool HoldsOnlyValidStrings(JsonElement element)
    {
        try
        {
            ReadEveryString(element);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void ReadEveryString(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    ReadEveryString(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    ReadEveryString(item);
                }

                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }

    /// <summary><c>pending_authorization</c> when the intent waits for an asynchronous method to settle (an OXXO voucher, a debit).</summary>
    private WebhookAction WaitingAction(JsonElement paymentIntent, WebhookAction otherwise) =>
        statuses.ToSessionStatus(paymentIntent) == PaymentSessionStatus.PendingAuthorization ? WebhookAction.PendingAuthorization : otherwise;
}
