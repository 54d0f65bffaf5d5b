using System.Text.Json;
using Microsoft.Extensions.Options;
using Payments.Domain.Ports;

namespace Payments.CommerceBackend;

/// <summary>
/// Regions from <c>GET /store/regions/{id}</c> with the caller's publishable key: only enabled providers count, in the
/// backend's order. The cache in front of every region catalog keeps them a few seconds.
/// </summary>
internal sealed class BackendRegionCatalog(MedusaBackendClient backend, IOptions<CommerceBackendOptions> options) : IRegionCatalog
{
    private const string Route = "GET /store/regions/{id}";

    public Task<Region?> FindAsync(string regionId, Caller caller, CancellationToken cancellationToken) =>
        backend.FindAsync(
            Route,
            $"/store/regions/{Uri.EscapeDataString(regionId)}?fields=id,currency_code,*payment_providers",
            StoreCredentials.Of(caller, options.Value),
            "region",
            Read,
            cancellationToken);

    private static Region Read(JsonElement region)
    {
        var id = MedusaJson.String(region, "id");
        var providers = region.GetProperty("payment_providers").EnumerateArray()
            .Where(provider => provider.GetProperty("is_enabled").GetBoolean())
            .Select(provider => MedusaJson.String(provider, "id"))
            .ToList();
        return new Region(id, MedusaJson.OptionalString(region, "name") ?? id, MedusaJson.String(region, "currency_code").ToLowerInvariant(), providers);
    }
}
