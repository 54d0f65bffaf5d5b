using System.Text.Json;
using Payments.Domain.Providers;
using Stripe;

namespace Payments.Providers.Stripe;

/// <summary>The parameters of <c>POST /v1/payment_intents</c> for a new session (spec §7.4).</summary>
public static class PaymentIntentCreateParameters
{
    /// <summary>Session data keys handed to Stripe as they are.</summary>
    private static readonly string[] PassedThrough =
    [
        "setup_future_usage", "payment_method_types", "payment_method_data", "payment_method_options", "payment_method",
        "confirm", "off_session", "return_url",
    ];

    public static PaymentIntentCreateOptions For(ProviderInitiateRequest request, StripeOptions options)
    {
        var data = request.Data;
        var metadata = data.TryGetProperty("metadata", out var given) && given.ValueKind == JsonValueKind.Object
            ? given.EnumerateObject().ToDictionary(property => property.Name, property => TextOf(property.Value))
            : [];
        metadata["session_id"] = PaymentIntentStatus.StringOf(data, "session_id") ?? request.IdempotencyKey;
        metadata["payment_collection_id"] = request.CollectionId;

        var parameters = new PaymentIntentCreateOptions
        {
            Amount = SmallestCurrencyUnit.ToUnits(request.Amount, request.CurrencyCode),
            Currency = request.CurrencyCode.ToLowerInvariant(),
            Metadata = metadata,
            Description = PaymentIntentStatus.StringOf(data, "description") ?? options.PaymentDescription,
            CaptureMethod = PaymentIntentStatus.StringOf(data, "capture_method") ?? (options.Capture ? "automatic" : "manual"),

            // A customer's session pays as their Stripe Customer, so setup_future_usage can save the card to it.
            Customer = request.AccountHolderExternalId,
            Expand = ["payment_method"],
        };
        if (options.AutomaticPaymentMethods && !data.TryGetProperty("payment_method_types", out _))
        {
            parameters.AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true };
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
