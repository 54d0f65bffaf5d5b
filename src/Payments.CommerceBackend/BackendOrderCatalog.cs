using Microsoft.Extensions.Options;
using Payments.Domain.Configuration;
using Payments.Domain.Ports;

namespace Payments.CommerceBackend;

/// <summary>Orders from <c>GET /admin/orders/{id}</c> with the service's own secret key (<c>CommerceBackend:SecretKey</c>).</summary>
internal sealed class BackendOrderCatalog(MedusaBackendClient backend, IOptions<CommerceBackendOptions> options) : IOrderCatalog
{
    private const string Route = "GET /admin/orders/{id}";

    // A 401 here means the configured secret key is wrong or revoked: the operator's to fix (502), not the caller's.
    public Task<Order?> FindAsync(string orderId, CancellationToken cancellationToken) =>
        backend.FindAsync(
            Route,
            $"/admin/orders/{Uri.EscapeDataString(orderId)}?fields=id,currency_code",
            new BackendCredentials(SecretKey: SecretSettings.UsableOrAbsent(options.Value.SecretKey, CommerceBackendOptions.SecretKeyKey)),
            "order",
            order => new Order(MedusaJson.String(order, "id"), MedusaJson.String(order, "currency_code").ToLowerInvariant()),
            cancellationToken);
}
