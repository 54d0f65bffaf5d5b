namespace Payments.Providers.Stripe;

/// <summary>
/// The configuration section <c>Stripe</c> (spec §7.4), shared by every provider of the Stripe family (Medusa gives
/// its variants one set of options too). Without <see cref="ApiKey"/> no Stripe provider is registered.
/// </summary>
public sealed class StripeOptions
{
    public const string SectionName = "Stripe";

    public const string ApiKeyKey = $"{SectionName}:{nameof(ApiKey)}";

    public const string WebhookSecretKey = $"{SectionName}:{nameof(WebhookSecret)}";

    /// <summary>Stripe voucher lifetimes are whole days from 1 to 7; Medusa's default is 3.</summary>
    internal const int MaximumOxxoExpiresDays = 7;

    public string? ApiKey { get; set; }

    /// <summary>The endpoint's signing secret (<c>whsec_…</c>); without it every Stripe webhook is refused.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Capture at once (<c>capture_method=automatic</c>) instead of on the admin's capture; <c>pp_stripe_stripe</c> only.</summary>
    public bool Capture { get; set; }

    /// <summary>Let Stripe choose the payment methods when neither the variant nor the session data name any.</summary>
    public bool AutomaticPaymentMethods { get; set; }

    /// <summary>The PaymentIntent description when the session data gives none.</summary>
    public string? PaymentDescription { get; set; }

    /// <summary>
    /// A Stripe-compatible server to talk to instead of Stripe (stripe-mock, a test double): for tests and staging.
    /// Null means Stripe's own <c>https://api.stripe.com</c>.
    /// </summary>
    public Uri? ApiBase { get; set; }

    /// <summary>Days before an OXXO voucher of <c>pp_stripe-oxxo_stripe</c> expires (<c>payment_method_options.oxxo.expires_after_days</c>).</summary>
    public int OxxoExpiresDays { get; set; } = 3;

    /// <summary>
    /// A Stripe payment method configuration (<c>pmc_…</c>) sent as <c>payment_method_configuration</c> when no
    /// payment method types are given, so the Stripe Dashboard decides which methods the shopper sees.
    /// </summary>
    public string? PaymentMethodConfiguration { get; set; }

    /// <summary>
    /// Comma-separated payment method types, beyond the built-in delayed-notification ones, whose PaymentIntents settle
    /// after checkout: a session paying with one ends <c>pending_authorization</c> until Stripe's webhook says how it went.
    /// </summary>
    public string? AsyncPaymentMethodTypes { get; set; }

    internal bool IsConfigured => !string.IsNullOrEmpty(ApiKey);

    /// <summary>Fails at start-up, naming the setting to fix (never its value), rather than on the first payment.</summary>
    internal void Validate()
    {
        if (ApiBase is { } apiBase)
        {
            if (!apiBase.IsAbsoluteUri || (apiBase.Scheme != Uri.UriSchemeHttps && apiBase.Scheme != Uri.UriSchemeHttp))
            {
                throw new InvalidOperationException($"{SectionName}:ApiBase must be an absolute http or https URL.");
            }

            // A test double must never receive a key that moves real money.
            if (IsLiveKey(ApiKey!) && !IsStripe(apiBase))
            {
                throw new InvalidOperationException($"{SectionName}:ApiBase points away from Stripe while {SectionName}:ApiKey is a live key; use a test key (sk_test_…) there.");
            }
        }

        if (OxxoExpiresDays is < 1 or > MaximumOxxoExpiresDays)
        {
            throw new InvalidOperationException($"{SectionName}:OxxoExpiresDays must be a whole number of days from 1 to {MaximumOxxoExpiresDays}.");
        }
    }

    private static bool IsLiveKey(string apiKey) =>
        apiKey.StartsWith("sk_live_", StringComparison.Ordinal) || apiKey.StartsWith("rk_live_", StringComparison.Ordinal);

    private static bool IsStripe(Uri apiBase) =>
        apiBase.Scheme == Uri.UriSchemeHttps && string.Equals(apiBase.Host, new Uri(global::Stripe.StripeClient.DefaultApiBase).Host, StringComparison.OrdinalIgnoreCase);
}
