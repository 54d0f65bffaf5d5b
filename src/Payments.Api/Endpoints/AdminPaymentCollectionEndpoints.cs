using Microsoft.AspNetCore.Http;
using Payments.Api.Fields;
using Payments.Api.Requests;
using Payments.Api.Serialization;
using Payments.Domain.Collections;
using Payments.Domain.Payments;
using Payments.Domain.Sessions;

namespace Payments.Api.Endpoints;

/// <summary>The admin routes of payment collections (spec §6.9–§6.12, §6.15).</summary>
public sealed class AdminPaymentCollectionEndpoints(
    RequestPipeline pipeline,
    AdminPaymentCollections collections,
    PaymentSessionInitializer sessions,
    PaymentSessionAuthorizer authorizer,
    Responses responses)
{
    private static readonly QuerySchema CollectionQuery = new(QueryParameter.Fields);

    private static readonly RouteContract Create = new(
        RouteAuthentication.Admin,
        new BodySchema(BodyField.Identifier("order_id"), BodyField.Amount("amount")),
        CollectionQuery);

    private static readonly RouteContract Delete = new(RouteAuthentication.Admin, Body: null, new QuerySchema());

    private static readonly RouteContract MarkAsPaid = new(
        RouteAuthentication.Admin,
        new BodySchema(BodyField.Identifier("order_id"), BodyField.Identifier("provider_id").Optional()),
        CollectionQuery);

    private static readonly RouteContract InitializeSession = new(
        RouteAuthentication.Admin,
        StorePaymentCollectionEndpoints.InitializeSessionBody,
        CollectionQuery);

    private static readonly RouteContract Authorize = new(RouteAuthentication.Admin, new BodySchema(), CollectionQuery);

    public Task<IResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Create, async (call, cancellation) =>
        {
            var collection = await collections.CreateForOrderAsync(call.Body.GetString("order_id")!, call.Body.GetDecimal("amount")!.Value, cancellation);
            return await CollectionAsync(collection, call, cancellation);
        }, cancellationToken);

    public Task<IResult> DeleteAsync(HttpRequest request, string collectionId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Delete, async (_, cancellation) =>
        {
            await collections.DeleteAsync(collectionId, cancellation);
            return JsonResponse.Ok(JsonResponseBody.Deletion(collectionId, DeletedObject.PaymentCollection));
        }, cancellationToken);

    public Task<IResult> MarkAsPaidAsync(HttpRequest request, string collectionId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, MarkAsPaid, async (call, cancellation) =>
        {
            var collection = await collections.MarkAsPaidAsync(collectionId, call.Body.GetString("provider_id"), call.CallerId, cancellation);
            return await CollectionAsync(collection, call, cancellation);
        }, cancellationToken);

    public Task<IResult> InitializeSessionAsync(HttpRequest request, string collectionId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, InitializeSession, async (call, cancellation) =>
        {
            var collection = await sessions.InitializeAsync(StorePaymentCollectionEndpoints.SessionRequest(collectionId, call), cancellation);
            return await CollectionAsync(collection, call, cancellation);
        }, cancellationToken);

    public Task<IResult> AuthorizeSessionAsync(HttpRequest request, string collectionId, string sessionId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Authorize, async (call, cancellation) =>
        {
            var collection = await authorizer.AuthorizeAsync(collectionId, sessionId, cancellation);
            return await CollectionAsync(collection, call, cancellation);
        }, cancellationToken);

    private Task<JsonResponse> CollectionAsync(PaymentCollection collection, RouteCall call, CancellationToken cancellationToken) =>
        responses.CollectionAsync(collection, Responses.Fields(call, FieldDefaults.AdminCollection), ContextViewer.Admin, cancellationToken);
}
