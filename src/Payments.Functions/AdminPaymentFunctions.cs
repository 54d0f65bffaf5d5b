using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Payments.Api.Endpoints;

namespace Payments.Functions;

/// <summary>Admin routes of payments and payment providers (spec §6.4–§6.8).</summary>
public sealed class AdminPaymentFunctions(AdminPaymentEndpoints endpoints)
{
    [Function(nameof(ListPayments))]
    public Task<IResult> ListPayments(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.AdminPayments)] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoints.ListAsync(request, cancellationToken);

    [Function(nameof(ListAdminPaymentProviders))]
    public Task<IResult> ListAdminPaymentProviders(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.AdminPaymentProviders)] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoints.ListProvidersAsync(request, cancellationToken);

    [Function(nameof(GetPayment))]
    public Task<IResult> GetPayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FunctionRoutes.AdminPayment)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.GetAsync(request, id, cancellationToken);

    [Function(nameof(CapturePayment))]
    public Task<IResult> CapturePayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.AdminPaymentCapture)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.CaptureAsync(request, id, cancellationToken);

    [Function(nameof(RefundPayment))]
    public Task<IResult> RefundPayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.AdminPaymentRefund)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.RefundAsync(request, id, cancellationToken);
}
