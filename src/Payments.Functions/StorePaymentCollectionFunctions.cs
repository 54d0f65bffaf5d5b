using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Payments.Api.Endpoints;

namespace Payments.Functions;

/// <summary>Store routes of payment collections (spec §6.1, §6.2).</summary>
public sealed class StorePaymentCollectionFunctions(StorePaymentCollectionEndpoints endpoints)
{
    [Function(nameof(CreatePaymentCollection))]
    public Task<IResult> CreatePaymentCollection(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.StorePaymentCollections)] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoints.CreateAsync(request, cancellationToken);

    [Function(nameof(InitializePaymentSession))]
    public Task<IResult> InitializePaymentSession(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.StorePaymentSessions)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.InitializeSessionAsync(request, id, cancellationToken);
}
