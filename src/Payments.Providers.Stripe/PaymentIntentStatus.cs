using System.Collections.Frozen;
using System.Text.Json;
using Payments.Domain.Collections;

namespace Payments.Providers.Stripe;

/// <summary>What a PaymentIntent's state means for its payment session (spec §7.4), read from Stripe's JSON.</summary>
public static class PaymentIntentStatus
{
    // Payment methods whose outcome Stripe notifies days later; "processing" then means the shopper is done.
    private static readonly FrozenSet<string> DelayedNotificationMethods = FrozenSet.Create(
        StringComparer.Ordinal,
        "acss_debit", "au_becs_debit", "bacs_debit", "boleto", "customer_balance", "konbini", "nz_bank_account",
        "oxxo", "sepa_debit", "sofort", "us_bank_account");

    public static PaymentSessionStatus ToSessionStatus(JsonElement paymentIntent) => StringOf(paymentIntent, "status") switch
    {
        "requires_payment_method" => HasValue(paymentIntent, "last_payment_error") ? PaymentSessionStatus.Error : PaymentSessionStatus.Pending,
        "processing" => PendingStatus(paymentIntent),
        "requires_action" => PaymentSessionStatus.RequiresMore,
        "requires_capture" => PaymentSessionStatus.Authorized,
        "succeeded" => PaymentSessionStatus.Captured,
        "canceled" => PaymentSessionStatus.Canceled,
        _ => PaymentSessionStatus.Pending,
    };

    /// <summary><c>pending_authorization</c> for a delayed-notification payment method, else <c>pending</c>.</summary>
    public static PaymentSessionStatus PendingStatus(JsonElement paymentIntent) =>
        PaymentMethodType(paymentIntent) is { } type && DelayedNotificationMethods.Contains(type)
            ? PaymentSessionStatus.PendingAuthorization
            : PaymentSessionStatus.Pending;

    /// <summary>The expanded payment method's type, else the only allowed type.</summary>
    private static string? PaymentMethodType(JsonElement paymentIntent)
    {
        if (paymentIntent.TryGetProperty("payment_method", out var method) && method.ValueKind == JsonValueKind.Object)
        {
            return StringOf(method, "type");
        }

        return paymentIntent.TryGetProperty("payment_method_types", out var types) && types is { ValueKind: JsonValueKind.Array } && types.GetArrayLength() == 1
            ? types[0].GetString()
            : null;
    }

    internal static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool HasValue(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
}
