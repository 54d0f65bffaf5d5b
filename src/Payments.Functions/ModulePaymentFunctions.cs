using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Payments.Api.Module;

namespace Payments.Functions;

/// <summary>Module routes of payments (docs/module-api.md §4.4).</summary>
public sealed class ModulePaymentFunctions(ModulePaymentEndpoints endpoints)
{
    [Function(nameof(ModuleCapturePayment))]
    public Task<IResult> ModuleCapturePayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.ModuleCapture)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.CaptureAsync(request, id, cancellationToken);

    [Function(nameof(ModuleRefundPayment))]
    public Task<IResult> ModuleRefundPayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.ModuleRefund)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.RefundAsync(request, id, cancellationToken);

    [Function(nameof(ModuleCancelPayment))]
    public Task<IResult> ModuleCancelPayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.ModuleCancel)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.CancelAsync(request, id, cancellationToken);
}
