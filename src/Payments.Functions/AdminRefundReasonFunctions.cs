using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Payments.Api.Endpoints;

namespace Payments.Functions;

/// <summary>Admin routes of refund reasons (spec §6.13).</summary>
public sealed class AdminRefundReasonFunctions(AdminRefundReasonEndpoints endpoints)
{
    [Function(nameof(ListRefundReasons))]
    public Task<IResult> ListRefundReasons(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.AdminRefundReasons)] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoints.ListAsync(request, cancellationToken);

    [Function(nameof(CreateRefundReason))]
    public Task<IResult> CreateRefundReason(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.AdminRefundReasons)] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoints.CreateAsync(request, cancellationToken);

    [Function(nameof(GetRefundReason))]
    public Task<IResult> GetRefundReason(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.AdminRefundReason)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.GetAsync(request, id, cancellationToken);

    [Function(nameof(UpdateRefundReason))]
    public Task<IResult> UpdateRefundReason(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.AdminRefundReason)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.UpdateAsync(request, id, cancellationToken);

    [Function(nameof(DeleteRefundReason))]
    public Task<IResult> DeleteRefundReason(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = FunctionRoutes.AdminRefundReason)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.DeleteAsync(request, id, cancellationToken);
}
