namespace Payments.Api.Authentication;

/// <summary>Configuration section <c>AdminAuth</c>.</summary>
public sealed class AdminAuthOptions
{
    public const string SectionName = "AdminAuth";

    public const string JwtSecretKey = $"{SectionName}:{nameof(JwtSecret)}";

    /// <summary>
    /// The commerce backend's <c>JWT_SECRET</c> (HS256), of whatever length the backend uses: it verifies admin users'
    /// and customers' Bearer tokens. Without it no admin Bearer token is accepted and every shopper is a guest.
    /// </summary>
    public string? JwtSecret { get; set; }
}
