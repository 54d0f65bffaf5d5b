using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Payments.Api.Endpoints;

namespace Payments.Functions;

/// <summary>Admin routes of payments and payment providers (spec §6.4–§6.8).</summary>
public sealed class AdminPaymentFunctions(AdminPaymentEndpoints endpoints)
{
    [Function(nameof(ListPayments))]
    public Task<IResult> ListPayments(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "options", Route = "admin/payments")] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoints.ListAsync(request, cancellationToken);

    [Function(nameof(ListAdminPaymentProviders))]
    public Task<IResult> ListAdminPaymentProviders(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "options", Route = "admin/payments/payment-providers")] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoints.ListProvidersAsync(request, cancellationToken);

    [Function(nameof(GetPayment))]
    public Task<IResult> GetPayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "options", Route = "admin/payments/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.GetAsync(request, id, cancellationToken);

    [Function(nameof(CapturePayment))]
    public Task<IResult> CapturePayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "options", Route = "admin/payments/{id}/capture")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.CaptureAsync(request, id, cancellationToken);

    [Function(nameof(RefundPayment))]
    public Task<IResult> RefundPayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "options", Route = "admin/payments/{id}/refund")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.RefundAsync(request, id, cancellationToken);
}
