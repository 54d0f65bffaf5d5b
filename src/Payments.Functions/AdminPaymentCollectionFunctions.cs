using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Payments.Api.Endpoints;

namespace Payments.Functions;

/// <summary>Admin routes of payment collections (spec §6.9–§6.12, and the authorize extension §6.15).</summary>
public sealed class AdminPaymentCollectionFunctions(AdminPaymentCollectionEndpoints endpoints)
{
    [Function(nameof(CreateOrderPaymentCollection))]
    public Task<IResult> CreateOrderPaymentCollection(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.AdminPaymentCollections)] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoints.CreateAsync(request, cancellationToken);

    [Function(nameof(DeletePaymentCollection))]
    public Task<IResult> DeletePaymentCollection(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = FunctionRoutes.AdminPaymentCollection)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.DeleteAsync(request, id, cancellationToken);

    [Function(nameof(MarkPaymentCollectionAsPaid))]
    public Task<IResult> MarkPaymentCollectionAsPaid(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.AdminMarkAsPaid)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.MarkAsPaidAsync(request, id, cancellationToken);

    [Function(nameof(InitializeAdminPaymentSession))]
    public Task<IResult> InitializeAdminPaymentSession(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.AdminPaymentSessions)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.InitializeSessionAsync(request, id, cancellationToken);

    [Function(nameof(AuthorizePaymentSession))]
    public Task<IResult> AuthorizePaymentSession(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.AdminAuthorizeSession)] HttpRequest request,
        string id,
        string sessionId,
        CancellationToken cancellationToken) =>
        endpoints.AuthorizeSessionAsync(request, id, sessionId, cancellationToken);
}
