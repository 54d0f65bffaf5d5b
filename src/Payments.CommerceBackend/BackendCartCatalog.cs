using System.Text.Json;
using Microsoft.Extensions.Options;
using Payments.Domain.Ports;

namespace Payments.CommerceBackend;

/// <summary>
/// Carts from <c>GET /store/carts/{id}</c> with the caller's publishable key (and a logged-in shopper's token), read on
/// every request that needs one: totals change. The backend refusing the key is Medusa's 400 with its message.
/// The store API never returns <c>customer_id</c>.
/// </summary>
internal sealed class BackendCartCatalog(MedusaBackendClient backend, IOptions<CommerceBackendOptions> options) : ICartCatalog
{
    private const string Route = "GET /store/carts/{id}";
    private const string Fields = "id,region_id,currency_code,total,completed_at,sales_channel_id,email,payment_collection.id";

    public Task<Cart?> FindAsync(string cartId, Caller caller, CancellationToken cancellationToken) =>
        backend.FindAsync(Route, $"/store/carts/{Uri.EscapeDataString(cartId)}?fields={Fields}", StoreCredentials.Of(caller, options.Value), "cart", Read, cancellationToken);

    private static Cart Read(JsonElement cart) => new(
        MedusaJson.String(cart, "id"),
        MedusaJson.String(cart, "region_id"),
        MedusaJson.String(cart, "currency_code").ToLowerInvariant(),
        MedusaJson.Decimal(cart, "total"),
        MedusaJson.OptionalString(cart, "sales_channel_id"),
        CustomerId: null,
        MedusaJson.OptionalString(cart, "email"),
        MedusaJson.OptionalTimestamp(cart, "completed_at"))
    {
        PaymentCollectionId = MedusaJson.OptionalJson(cart, "payment_collection", JsonValueKind.Object) is { } collection ? MedusaJson.OptionalString(collection, "id") : null,
    };
}

/// <summary>The credentials of a store read, shared by the store-route adapters.</summary>
internal static class StoreCredentials
{
    /// <summary>The caller's key and token; for a caller without a key (an admin route), the configured key.</summary>
    public static BackendCredentials Of(Caller caller, CommerceBackendOptions options) => new(
        PublishableKey: caller.PublishableKey ?? options.PublishableKey
            ?? throw new InvalidOperationException($"{CommerceBackendOptions.SectionName}:PublishableKey is needed to read the backend's store data on an admin route."),
        BearerToken: caller.Customer?.Token);
}
