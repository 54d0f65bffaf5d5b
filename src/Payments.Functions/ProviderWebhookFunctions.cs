using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Payments.Api.Endpoints;

namespace Payments.Functions;

/// <summary>Provider webhooks (spec §6.14): <c>{provider}</c> is the provider id without <c>pp_</c>.</summary>
public sealed class ProviderWebhookFunctions(ProviderWebhookEndpoints endpoints)
{
    [Function(nameof(ReceiveProviderWebhook))]
    public Task<IResult> ReceiveProviderWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.ProviderWebhook)] HttpRequest request,
        string provider,
        CancellationToken cancellationToken) =>
        endpoints.ReceiveAsync(request, provider, cancellationToken);
}
