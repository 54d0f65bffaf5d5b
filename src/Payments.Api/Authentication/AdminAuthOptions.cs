namespace Payments.Api.Authentication;

/// <summary>Configuration section <c>AdminAuth</c>.</summary>
public sealed class AdminAuthOptions
{
    public const string SectionName = "AdminAuth";

    /// <summary>The commerce backend's JWT secret (HS256); at least 32 bytes. Without it no Bearer token is accepted.</summary>
    public string? JwtSecret { get; set; }
}
