using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Payments.Api.Module;

namespace Payments.Functions;

/// <summary>Module routes of refund reasons and account holders (docs/module-api.md §4.5).</summary>
public sealed class ModuleReferenceFunctions(ModuleReferenceEndpoints endpoints)
{
    [Function(nameof(ModuleCreateRefundReasons))]
    public Task<IResult> ModuleCreateRefundReasons(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.ModuleRefundReasons)] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoints.CreateReasonsAsync(request, cancellationToken);

    [Function(nameof(ModuleUpdateRefundReason))]
    public Task<IResult> ModuleUpdateRefundReason(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.ModuleRefundReason)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.UpdateReasonAsync(request, id, cancellationToken);

    [Function(nameof(ModuleDeleteRefundReason))]
    public Task<IResult> ModuleDeleteRefundReason(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = FunctionRoutes.ModuleRefundReason)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.DeleteReasonAsync(request, id, cancellationToken);

    [Function(nameof(ModuleRestoreRefundReason))]
    public Task<IResult> ModuleRestoreRefundReason(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.ModuleRestoreRefundReason)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.RestoreReasonAsync(request, id, cancellationToken);

    [Function(nameof(ModuleCreateAccountHolder))]
    public Task<IResult> ModuleCreateAccountHolder(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.ModuleAccountHolders)] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoints.CreateHolderAsync(request, cancellationToken);

    [Function(nameof(ModuleDeleteAccountHolder))]
    public Task<IResult> ModuleDeleteAccountHolder(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = FunctionRoutes.ModuleAccountHolder)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.DeleteHolderAsync(request, id, cancellationToken);
}
