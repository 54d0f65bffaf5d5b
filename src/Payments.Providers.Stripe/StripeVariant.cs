using Stripe;

namespace Payments.Providers.Stripe;

/// <summary>
/// One provider of Medusa's Stripe family: what its PaymentIntents differ in. Everything else (the client, the
/// idempotency keys per endpoint, the smallest-unit conversion, the status map, the webhooks) is shared.
/// </summary>
/// <param name="Identifier">Medusa's identifier of the provider service; the provider id is <c>pp_{Identifier}_stripe</c>.</param>
/// <param name="PaymentMethodTypes">The <c>payment_method_types</c> it sends; null lets the options and the session data decide.</param>
/// <param name="CaptureMethod">The <c>capture_method</c> it sends; null follows <see cref="StripeOptions.Capture"/>.</param>
/// <param name="PaymentMethodOptions">Its <c>payment_method_options</c>, from the shared options; null sends none.</param>
public sealed record StripeVariant(
    string Identifier,
    IReadOnlyList<string>? PaymentMethodTypes,
    string? CaptureMethod,
    Func<StripeOptions, PaymentIntentPaymentMethodOptionsOptions>? PaymentMethodOptions = null)
{
    /// <summary>Medusa's instance id of the Stripe module, the second half of every provider id.</summary>
    private const string InstanceId = "stripe";

    // Payment methods that confirm in the shopper's bank or app capture at once, as in Medusa's variant services.
    private const string Automatic = "automatic";

    /// <summary>Medusa's Stripe providers (payment-stripe's services), in Medusa's order.</summary>
    public static IReadOnlyList<StripeVariant> All { get; } =
    [
        new("stripe", PaymentMethodTypes: null, CaptureMethod: null),
        new("stripe-bancontact", ["bancontact"], Automatic),
        new("stripe-blik", ["blik"], Automatic),
        new("stripe-giropay", ["giropay"], Automatic),
        new("stripe-ideal", ["ideal"], Automatic),
        new("stripe-przelewy24", ["p24"], Automatic),
        new("stripe-promptpay", ["promptpay"], Automatic),
        new("stripe-oxxo", ["oxxo"], Automatic, options => new PaymentIntentPaymentMethodOptionsOptions
        {
            Oxxo = new PaymentIntentPaymentMethodOptionsOxxoOptions { ExpiresAfterDays = options.OxxoExpiresDays },
        }),
    ];

    /// <summary>The card provider every Stripe set-up has.</summary>
    public static StripeVariant Card => All[0];

    public string ProviderId => $"pp_{Identifier}_{InstanceId}";
}
