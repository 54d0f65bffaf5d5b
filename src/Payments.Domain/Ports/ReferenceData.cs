namespace Payments.Domain.Ports;

/// <summary>The fields of a commerce-backend cart this service needs (spec §1.2).</summary>
public sealed record Cart(
    string Id,
    string RegionId,
    string CurrencyCode,
    decimal Total,
    string? SalesChannelId,
    string? CustomerId,
    string? Email,
    DateTimeOffset? CompletedAt);

public sealed record Order(string Id, string CurrencyCode);

/// <summary>A region: its currency and the provider ids enabled in it, in configured order.</summary>
public sealed record Region(string Id, string Name, string CurrencyCode, IReadOnlyList<string> PaymentProviders);

public enum ApiKeyType
{
    Publishable,
    Secret,
}

/// <summary>An API key as stored: the token itself is never kept, only its SHA-256 hash.</summary>
public sealed record ApiKey(
    string Id,
    ApiKeyType Type,
    string Title,
    DateTimeOffset? RevokedAt,
    IReadOnlyList<string> SalesChannelIds)
{
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is not { } revokedAt || revokedAt > now;
}

public interface ICartCatalog
{
    Task<Cart?> FindAsync(string cartId, CancellationToken cancellationToken);
}

public interface IOrderCatalog
{
    Task<Order?> FindAsync(string orderId, CancellationToken cancellationToken);
}

public interface IRegionCatalog
{
    Task<Region?> FindAsync(string regionId, CancellationToken cancellationToken);
}

public interface IApiKeyCatalog
{
    /// <summary>Finds the key whose token this is (by the token's hash), whatever its type or revocation.</summary>
    Task<ApiKey?> FindByTokenAsync(string token, CancellationToken cancellationToken);
}
