namespace Payments.Providers.Stripe;

/// <summary>The configuration section <c>Stripe</c> (spec §7.4). Without <see cref="ApiKey"/> the provider is not registered.</summary>
public sealed class StripeOptions
{
    public const string SectionName = "Stripe";

    public string? ApiKey { get; set; }

    /// <summary>The endpoint's signing secret (<c>whsec_…</c>); without it every Stripe webhook is refused.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Capture at once (<c>capture_method=automatic</c>) instead of on the admin's capture.</summary>
    public bool Capture { get; set; }

    public bool AutomaticPaymentMethods { get; set; }

    /// <summary>The PaymentIntent description when the session data gives none.</summary>
    public string? PaymentDescription { get; set; }
}
