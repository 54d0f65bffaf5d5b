using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Payments.Api.Endpoints;

namespace Payments.Functions;

/// <summary>Store route listing a region's payment providers (spec §6.3).</summary>
public sealed class StorePaymentProviderFunctions(StorePaymentProviderEndpoints endpoints)
{
    [Function(nameof(ListStorePaymentProviders))]
    public Task<IResult> ListStorePaymentProviders(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.StorePaymentProviders)] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoints.ListAsync(request, cancellationToken);
}
