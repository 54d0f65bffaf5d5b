using Microsoft.AspNetCore.Http;
using Payments.Api.Requests;
using Payments.Api.Serialization;
using Payments.Domain.Collections;
using Payments.Domain.Sessions;

namespace Payments.Api.Endpoints;

/// <summary>
/// <c>POST /store/payment-collections</c> (spec §6.1) and
/// <c>POST /store/payment-collections/{id}/payment-sessions</c> (spec §6.2).
/// </summary>
public sealed class StorePaymentCollectionEndpoints(
    RequestPipeline pipeline,
    CartPaymentCollections cartCollections,
    PaymentSessionInitializer sessions,
    Responses responses)
{
    private static readonly QuerySchema CollectionQuery = new(QueryParameter.Fields);

    private static readonly RouteContract Create = new(
        RouteAuthentication.PublishableKey,
        new BodySchema(BodyField.Identifier("cart_id")),
        CollectionQuery);

    internal static readonly BodySchema InitializeSessionBody = new(
        BodyField.Identifier("provider_id"),
        BodyField.Record("data").Optional());

    private static readonly RouteContract InitializeSession = new(RouteAuthentication.PublishableKey, InitializeSessionBody, CollectionQuery);

    public Task<IResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Create, async (call, cancellation) =>
        {
            var collection = await cartCollections.GetOrCreateAsync(call.Body.GetString("cart_id")!, call.Caller, cancellation);
            return await responses.CollectionAsync(collection, Responses.StoreCollectionFields(call), ContextViewer.Shopper(call.Caller.Customer?.CustomerId), cancellation);
        }, cancellationToken);

    public Task<IResult> InitializeSessionAsync(HttpRequest request, string collectionId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, InitializeSession, async (call, cancellation) =>
        {
            var collection = await sessions.InitializeAsync(
                SessionRequest(collectionId, call) with { Caller = call.Caller },
                cancellation);
            return await responses.CollectionAsync(collection, Responses.StoreCollectionFields(call), ContextViewer.Shopper(call.Caller.Customer?.CustomerId), cancellation);
        }, cancellationToken);

    internal static SessionInitialization SessionRequest(string collectionId, RouteCall call) =>
        new(collectionId, call.Body.GetString("provider_id")!, call.Body.GetRecord("data"));
}
