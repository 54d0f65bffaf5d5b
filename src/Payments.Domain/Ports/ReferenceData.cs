using System.Text.Json;

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
    DateTimeOffset? CompletedAt)
{
    /// <summary>The cart's payment collection as the commerce backend links it (module mode: one kept here), if any.</summary>
    public string? PaymentCollectionId { get; init; }
}

public sealed record Order(string Id, string CurrencyCode);

/// <summary>A region: its currency and the provider ids enabled in it, in configured order.</summary>
public sealed record Region(string Id, string Name, string CurrencyCode, IReadOnlyList<string> PaymentProviders);

/// <summary>
/// A shopper's account as the session context shows it (spec D8). <paramref name="Metadata"/> is a JSON object or
/// null, <paramref name="Addresses"/> a JSON array of address objects, both handed on as the backend has them.
/// </summary>
public sealed record Customer(
    string Id,
    string? Email,
    string? FirstName,
    string? LastName,
    string? Phone,
    string? CompanyName,
    JsonElement? Metadata,
    JsonElement? Addresses);

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

/// <summary>A customer whose token was verified: the id it names and the token, for reads the backend makes as them.</summary>
public sealed record SignedInCustomer(string CustomerId, string Token)
{
    // The token is a credential: it never appears in logs or exception texts that print this record.
    public override string ToString() => $"SignedInCustomer {{ CustomerId = {CustomerId} }}";
}

/// <summary>
/// The credentials a request reads the commerce backend's data with (spec §1.2): the caller's publishable key and,
/// for a logged-in shopper, their token. Table mode ignores them; in backend mode the backend decides what they
/// may read. <see cref="Service"/> is a request made by the service itself or an admin: no store credentials.
/// </summary>
public sealed record Caller(string? PublishableKey, SignedInCustomer? Customer)
{
    public static Caller Service { get; } = new(null, null);

    public static Caller Guest(string publishableKey) => new(publishableKey, null);

    public override string ToString() => $"Caller {{ Customer = {Customer?.CustomerId ?? "guest"} }}";
}

public interface ICartCatalog
{
    Task<Cart?> FindAsync(string cartId, Caller caller, CancellationToken cancellationToken);
}

public interface IOrderCatalog
{
    Task<Order?> FindAsync(string orderId, CancellationToken cancellationToken);
}

public interface IRegionCatalog
{
    Task<Region?> FindAsync(string regionId, Caller caller, CancellationToken cancellationToken);
}

public interface ICustomerCatalog
{
    /// <summary>The caller's own customer record; null when the caller is a guest or the customer is unknown.</summary>
    Task<Customer?> FindAsync(Caller caller, CancellationToken cancellationToken);
}

public interface IApiKeyCatalog
{
    /// <summary>Finds the key whose token this is (by the token's hash), whatever its type or revocation.</summary>
    Task<ApiKey?> FindByTokenAsync(string token, CancellationToken cancellationToken);
}
