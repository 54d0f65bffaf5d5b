namespace Payments.CommerceBackend;

/// <summary>
/// Configuration section <c>CommerceBackend</c>. With <see cref="Url"/> set the service runs in backend mode: carts,
/// regions, orders, customers and API keys come from that Medusa backend; without it, from Table Storage.
/// </summary>
public sealed class CommerceBackendOptions
{
    public const string SectionName = "CommerceBackend";

    public const string SecretKeyKey = $"{SectionName}:{nameof(SecretKey)}";

    /// <summary>The backend's base URL, e.g. <c>https://shop.example.com</c>.</summary>
    public Uri? Url { get; set; }

    /// <summary>A Medusa secret API key (<c>sk_…</c>) for the admin reads (orders); kept in Key Vault in Azure.</summary>
    public string? SecretKey { get; set; }

    /// <summary>
    /// A publishable key of the backend for the reads of admin routes, which have no caller key (a cart collection's
    /// cart on <c>POST /admin/payment-collections/{id}/payment-sessions</c>). Optional; store routes use the caller's.
    /// </summary>
    public string? PublishableKey { get; set; }

    /// <summary>How long one attempt may take before it is abandoned (and retried, for a GET).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a read may take with its retries before the request fails with 502.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(6);

    internal bool IsEnabled => Url is not null;

    /// <summary>Fails at start-up, with the setting to fix, rather than on the first request.</summary>
    internal void Validate()
    {
        if (Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"{SectionName}:Url must be an absolute http or https URL.");
        }

        if (string.IsNullOrWhiteSpace(SecretKey))
        {
            throw new InvalidOperationException($"{SectionName}:SecretKey (a Medusa secret API key) is required in backend mode.");
        }

        if (AttemptTimeout <= TimeSpan.Zero || TotalTimeout < AttemptTimeout)
        {
            throw new InvalidOperationException($"{SectionName}: AttemptTimeout must be positive and at most TotalTimeout.");
        }
    }
}
