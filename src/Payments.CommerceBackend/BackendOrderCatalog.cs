using Microsoft.Extensions.Options;
using Payments.Domain.Ports;

namespace Payments.CommerceBackend;

/// <summary>Orders from <c>GET /admin/orders/{id}</c> with the service's own secret key (<c>CommerceBackend:SecretKey</c>).</summary>
internal sealed class BackendOrderCatalog(MedusaBackendClient backend, IOptions<CommerceBackendOptions> options) : IOrderCatalog
{
    private const string Route = "GET /admin/orders/{id}";

    public async Task<Order?> FindAsync(string orderId, CancellationToken cancellationToken)
    {
        var answer = await backend.GetAsync(
            Route,
            $"/admin/orders/{Uri.EscapeDataString(orderId)}?fields=id,currency_code",
            new BackendCredentials(SecretKey: options.Value.SecretKey),
            cancellationToken);

        // A 401 here means the configured secret key is wrong or revoked: the operator's to fix, not the caller's.
        return MedusaBackendClient.IsFound(Route, answer)
            ? MedusaBackendClient.Parse(Route, answer, body =>
            {
                var order = MedusaJson.Object(body, "order");
                return new Order(MedusaJson.String(order, "id"), MedusaJson.String(order, "currency_code").ToLowerInvariant());
            })
            : null;
    }
}
