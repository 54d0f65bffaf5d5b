using System.Collections.Frozen;
using System.Text.Json;
using Payments.Domain.Collections;

namespace Payments.Providers.Stripe;

/// <summary>
/// What a PaymentIntent's state means for its payment session (spec §7.4), read from Stripe's JSON. A payment method
/// that settles after checkout (a bank debit, a voucher paid in a shop) leaves the session <c>pending_authorization</c>
/// once the shopper has done their part, so the order can be placed and Stripe's webhook decides the rest.
/// </summary>
public sealed class PaymentIntentStatusMap
{
    /// <summary>Stripe's delayed-notification payment methods: their outcome arrives hours or days later.</summary>
    private static readonly string[] DelayedNotificationMethods =
    [
        "acss_debit", "au_becs_debit", "bacs_debit", "boleto", "customer_balance", "konbini", "multibanco", "nz_bank_account",
        "oxxo", "sepa_debit", "sofort", "us_bank_account",
    ];

    /// <summary>
    /// Next actions the shopper completes outside the checkout (a voucher, transfer instructions, micro-deposits); a
    /// redirect or an SDK action (3-D Secure) still needs the browser, so it stays <c>requires_more</c>.
    /// </summary>
    private static readonly FrozenSet<string> OutOfCheckoutActions = FrozenSet.Create(
        StringComparer.Ordinal,
        "boleto_display_details", "display_bank_transfer_instructions", "konbini_display_details", "multibanco_display_details",
        "oxxo_display_details", "verify_with_microdeposits");

    private readonly FrozenSet<string> asyncMethods;

    public PaymentIntentStatusMap(StripeOptions options)
    {
        var configured = (options.AsyncPaymentMethodTypes ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        asyncMethods = DelayedNotificationMethods.Concat(configured).ToFrozenSet(StringComparer.Ordinal);
    }

    public PaymentSessionStatus ToSessionStatus(JsonElement paymentIntent) => StripeJson.StringOf(paymentIntent, "status") switch
    {
        "requires_payment_method" => StripeJson.HasValue(paymentIntent, "last_payment_error") ? PaymentSessionStatus.Error : PaymentSessionStatus.Pending,
        "processing" => IsAsync(paymentIntent) ? PaymentSessionStatus.PendingAuthorization : PaymentSessionStatus.Pending,
        "requires_action" => IsAsync(paymentIntent) && WaitsOutsideCheckout(paymentIntent)
            ? PaymentSessionStatus.PendingAuthorization
            : PaymentSessionStatus.RequiresMore,
        "requires_capture" => PaymentSessionStatus.Authorized,
        "succeeded" => PaymentSessionStatus.Captured,
        "canceled" => PaymentSessionStatus.Canceled,
        _ => PaymentSessionStatus.Pending,
    };

    private bool IsAsync(JsonElement paymentIntent) => PaymentMethodType(paymentIntent) is { } type && asyncMethods.Contains(type);

    private static bool WaitsOutsideCheckout(JsonElement paymentIntent) =>
        StripeJson.ObjectOf(paymentIntent, "next_action") is { } action
        && StripeJson.StringOf(action, "type") is { } type
        && OutOfCheckoutActions.Contains(type);

    /// <summary>The expanded payment method's type, else the only allowed type.</summary>
    private static string? PaymentMethodType(JsonElement paymentIntent)
    {
        if (StripeJson.ObjectOf(paymentIntent, "payment_method") is { } method)
        {
            return StripeJson.StringOf(method, "type");
        }

        return paymentIntent.TryGetProperty("payment_method_types", out var types) && types is { ValueKind: JsonValueKind.Array } && types.GetArrayLength() == 1
            ? types[0].GetString()
            : null;
    }
}
