using Microsoft.AspNetCore.Http;
using Payments.Api.Listing;
using Payments.Api.Requests;
using Payments.Api.Serialization;
using Payments.Domain.Errors;
using Payments.Domain.Ports;
using Payments.Domain.Providers;

namespace Payments.Api.Endpoints;

/// <summary>
/// <c>GET /store/payment-providers?region_id=</c> (spec §6.3): the providers enabled in a region. A provider the region
/// names but this service has not registered (Stripe not configured, a typo) is left out, as Medusa lists only enabled
/// providers: a storefront must not offer what initiating a session would refuse.
/// </summary>
public sealed class StorePaymentProviderEndpoints(RequestPipeline pipeline, IRegionCatalog regions, PaymentProviderRegistry registry)
{
    private static readonly RouteContract List = new(
        RouteAuthentication.PublishableKey,
        Body: null,
        new QuerySchema(
            QueryParameter.String("region_id").Required(),
            QueryParameter.Limit(20),
            QueryParameter.Offset,
            QueryParameter.String("order"),
            QueryParameter.Fields,
            QueryParameter.Any("with_deleted")));

    public Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, List, async (call, cancellation) =>
        {
            var regionId = call.Query.GetString("region_id")!;
            if (regionId.Length == 0)
            {
                throw MedusaException.NotAllowed("You must provide the region_id to list payment providers");
            }

            var region = await regions.FindAsync(regionId, Caller.Guest(call.CallerId), cancellation);
            var providers = (region?.PaymentProviders ?? []).Where(registry.IsRegistered).Select(id => new PaymentProviderListing(id, IsEnabled: true)).ToList();
            IEnumerable<PaymentProviderListing> ordered = call.Query.GetString("order") switch
            {
                "id" => providers.OrderBy(provider => provider.Id, StringComparer.Ordinal),
                "-id" => providers.OrderByDescending(provider => provider.Id, StringComparer.Ordinal),
                _ => providers,
            };
            var offset = call.Query.GetInteger("offset");
            var limit = call.Query.GetInteger("limit");
            var page = new ListPage<PaymentProviderListing>([.. ordered.Skip(offset).Take(limit)], providers.Count, offset, limit);
            return Responses.PaymentProviders(page, call);
        }, cancellationToken);
}
