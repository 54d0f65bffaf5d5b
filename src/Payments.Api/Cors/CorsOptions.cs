namespace Payments.Api.Cors;

/// <summary>
/// Configuration section <c>Cors</c>: the browser origins allowed on the store and on the admin routes (spec §1.3),
/// each a comma-separated list such as <c>https://shop.example.com,http://localhost:8000</c>.
/// </summary>
public sealed class CorsOptions
{
    public const string SectionName = "Cors";

    public string? StoreOrigins { get; set; }

    public string? AdminOrigins { get; set; }
}
