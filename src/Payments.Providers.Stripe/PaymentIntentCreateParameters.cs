using System.Text.Json;
using Payments.Domain.Providers;
using Stripe;

namespace Payments.Providers.Stripe;

/// <summary>
/// The parameters of <c>POST /v1/payment_intents</c> for a new session (spec §7.4), as Medusa's Stripe providers build
/// them: the session data first, then the variant, then the options. The payment method types a variant or the
/// session data (<c>payment_method_types</c>, Medusa's key) name go out as <c>allowed_payment_method_types</c>, the
/// create parameter of the API version Stripe.net pins; the PaymentIntent still reports them as <c>payment_method_types</c>.
/// </summary>
public static class PaymentIntentCreateParameters
{
    private const string PaymentMethodTypes = "payment_method_types";
    private const string PaymentMethodOptions = "payment_method_options";

    /// <summary>Session data keys handed to Stripe as they are.</summary>
    private static readonly string[] PassedThrough =
    [
        "setup_future_usage", "payment_method_data", PaymentMethodOptions, "payment_method", "confirm", "off_session", "return_url",
    ];

    public static PaymentIntentCreateOptions For(ProviderInitiateRequest request, StripeVariant variant, StripeOptions options)
    {
        var data = request.Data;
        var metadata = data.TryGetProperty("metadata", out var given) && given.ValueKind == JsonValueKind.Object
            ? given.EnumerateObject().ToDictionary(property => property.Name, property => TextOf(property.Value))
            : [];
        metadata["session_id"] = StripeJson.StringOf(data, "session_id") ?? request.IdempotencyKey;
        metadata["payment_collection_id"] = request.CollectionId;

        var parameters = new PaymentIntentCreateOptions
        {
            Amount = SmallestCurrencyUnit.ToUnits(request.Amount, request.CurrencyCode),
            Currency = request.CurrencyCode.ToLowerInvariant(),
            Metadata = metadata,
            Description = StripeJson.StringOf(data, "description") ?? options.PaymentDescription,
            CaptureMethod = StripeJson.StringOf(data, "capture_method") ?? variant.CaptureMethod ?? (options.Capture ? "automatic" : "manual"),

            // A customer's session pays as their Stripe Customer, so setup_future_usage can save the card to it.
            Customer = request.AccountHolderExternalId,
            Expand = ["payment_method"],
        };

        parameters.AllowedPaymentMethodTypes = data.TryGetProperty(PaymentMethodTypes, out var requested) && requested.ValueKind == JsonValueKind.Array
            ? [.. requested.EnumerateArray().Select(TextOf)]
            : variant.PaymentMethodTypes?.ToList();

        if (!data.TryGetProperty(PaymentMethodOptions, out _) && variant.PaymentMethodOptions is { } variantOptions)
        {
            parameters.PaymentMethodOptions = variantOptions(options);
        }

        // These are how Stripe picks the methods itself, so only where nobody named any (Medusa sends the configuration so).
        if (parameters.AllowedPaymentMethodTypes is null)
        {
            parameters.PaymentMethodConfiguration = options.PaymentMethodConfiguration;
            if (options.AutomaticPaymentMethods)
            {
                parameters.AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true };
            }
        }

        foreach (var name in PassedThrough)
        {
            if (data.TryGetProperty(name, out var value))
            {
                parameters.AddExtraParam(name, FormValue(value));
            }
        }

        return parameters;
    }

    /// <summary>A JSON value as Stripe's form encoder takes it: objects as dictionaries, arrays as lists, the rest as text.</summary>
    private static object FormValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().ToDictionary(property => property.Name, property => FormValue(property.Value)),
        JsonValueKind.Array => value.EnumerateArray().Select(FormValue).ToList(),
        _ => TextOf(value),
    };

    private static string TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => string.Empty,
        _ => value.GetRawText(),
    };
}
