using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Payments.Api.Module;

namespace Payments.Functions;

/// <summary>Module routes of collections and sessions (docs/module-api.md §4.2, §4.3, §4.6).</summary>
public sealed class ModuleCollectionFunctions(ModuleCollectionEndpoints endpoints)
{
    [Function(nameof(ModuleCreatePaymentCollections))]
    public Task<IResult> ModuleCreatePaymentCollections(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.ModulePaymentCollections)] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoints.CreateAsync(request, cancellationToken);

    [Function(nameof(ModuleUpdatePaymentCollection))]
    public Task<IResult> ModuleUpdatePaymentCollection(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.ModulePaymentCollection)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.UpdateAsync(request, id, cancellationToken);

    [Function(nameof(ModuleDeletePaymentCollection))]
    public Task<IResult> ModuleDeletePaymentCollection(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = FunctionRoutes.ModulePaymentCollection)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.DeleteAsync(request, id, cancellationToken);

    [Function(nameof(ModuleCreatePaymentSession))]
    public Task<IResult> ModuleCreatePaymentSession(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.ModulePaymentSessions)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.CreateSessionAsync(request, id, cancellationToken);

    [Function(nameof(ModuleRecordCartCompletion))]
    public Task<IResult> ModuleRecordCartCompletion(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.ModuleCartCompletion)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.RecordCartCompletionAsync(request, id, cancellationToken);

    [Function(nameof(ModuleDeletePaymentSession))]
    public Task<IResult> ModuleDeletePaymentSession(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = FunctionRoutes.ModulePaymentSession)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.DeleteSessionAsync(request, id, cancellationToken);

    [Function(nameof(ModuleAuthorizePaymentSession))]
    public Task<IResult> ModuleAuthorizePaymentSession(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionRoutes.ModuleAuthorizeSession)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.AuthorizeSessionAsync(request, id, cancellationToken);
}
