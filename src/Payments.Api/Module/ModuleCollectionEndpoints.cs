using Microsoft.AspNetCore.Http;
using Payments.Api.Endpoints;
using Payments.Api.Requests;
using Payments.Api.Serialization;
using Payments.Domain.Collections;
using Payments.Domain.Commerce;
using Payments.Domain.Errors;

namespace Payments.Api.Module;

/// <summary>
/// The module routes of collections and their sessions (docs/module-api.md §4.2, §4.3, §4.6): what Medusa's core
/// workflows ask its Payment Module to create, change and delete.
/// </summary>
public sealed class ModuleCollectionEndpoints(
    RequestPipeline pipeline,
    ModuleCollections collections,
    ModuleSessions sessions)
{
    /// <summary>Medusa creates collections one or a few at a time (a cart's, an order's, a claim's).</summary>
    private const int MaxCollectionsPerCall = 100;

    private static readonly QuerySchema NoQuery = new();

    private static readonly RouteContract Create = new(
        RouteAuthentication.Module,
        new BodySchema(BodyField.Objects(
            "payment_collections",
            new BodySchema(BodyField.Identifier("currency_code"), BodyField.ExactAmount("amount"), BodyField.Record("metadata").Optional().Nullable()),
            MaxCollectionsPerCall)),
        NoQuery);

    private static readonly RouteContract Update = new(
        RouteAuthentication.Module,
        new BodySchema(
            BodyField.ExactAmount("amount").Optional(),
            BodyField.Identifier("currency_code").Optional(),
            BodyField.Identifier("status").Optional(),
            BodyField.Record("metadata").Optional().Nullable()),
        NoQuery);

    private static readonly RouteContract Delete = new(RouteAuthentication.Module, Body: null, NoQuery);

    private static readonly RouteContract CreateSession = new(
        RouteAuthentication.Module,
        new BodySchema(
            BodyField.Identifier("provider_id"),
            BodyField.Identifier("currency_code").Optional(),
            BodyField.ExactAmount("amount").Optional(),
            BodyField.Record("data").Optional().Nullable(),
            BodyField.Record("context").Optional().Nullable(),
            BodyField.Record("metadata").Optional().Nullable()),
        NoQuery);

    private static readonly RouteContract Authorize = new(RouteAuthentication.Module, new BodySchema(BodyField.Record("context").Optional().Nullable()), NoQuery);

    private static readonly RouteContract CartCompletion = new(
        RouteAuthentication.Module,
        new BodySchema(BodyField.Identifier("cart_id"), BodyField.Identifier("order_id")),
        NoQuery);

    public Task<IResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Create, async (call, cancellation) =>
        {
            var requests = call.Body.GetObjects("payment_collections")!
                .Select(item => new ModuleCollectionRequest(item.GetString("currency_code")!, item.GetExactAmount("amount")!.Value, item.GetRecord("metadata")))
                .ToList();
            return ModuleResponses.Collections(await collections.CreateAsync(requests, cancellation));
        }, cancellationToken);

    public Task<IResult> UpdateAsync(HttpRequest request, string collectionId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Update, async (call, cancellation) =>
        {
            var update = new CollectionUpdate(
                call.Body.GetExactAmount("amount"),
                call.Body.GetString("currency_code"),
                call.Body.GetString("status") is { } status ? SettableStatus(status) : null,
                MetadataGiven: call.Body.Has("metadata"),
                call.Body.GetRecord("metadata"));
            return ModuleResponses.Collection(await collections.UpdateAsync(collectionId, update, cancellation));
        }, cancellationToken);

    public Task<IResult> DeleteAsync(HttpRequest request, string collectionId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Delete, async (_, cancellation) =>
        {
            await collections.DeleteAsync(collectionId, cancellation);
            return JsonResponse.Ok(JsonResponseBody.Deletion(collectionId, DeletedObject.ModulePaymentCollection));
        }, cancellationToken);

    public Task<IResult> CreateSessionAsync(HttpRequest request, string collectionId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, CreateSession, async (call, cancellation) =>
        {
            var (collection, session) = await sessions.CreateAsync(
                collectionId,
                call.Body.GetString("provider_id")!,
                call.Body.GetRecord("data"),
                MedusaContext.SessionContextOf(call.Body.GetRecord("context")),
                cancellation);
            return ModuleResponses.Session(collection, session);
        }, cancellationToken);

    public Task<IResult> DeleteSessionAsync(HttpRequest request, string sessionId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Delete, async (_, cancellation) =>
        {
            await sessions.DeleteAsync(sessionId, cancellation);
            return JsonResponse.Ok(JsonResponseBody.Deletion(sessionId, DeletedObject.PaymentSession));
        }, cancellationToken);

    public Task<IResult> AuthorizeSessionAsync(HttpRequest request, string sessionId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Authorize, async (_, cancellation) =>
        {
            var outcome = await sessions.AuthorizeAsync(sessionId, cancellation);
            return ModuleResponses.Payment(outcome.Payment is { } payment ? new PaymentInCollection(outcome.Collection, payment) : null);
        }, cancellationToken);

    public Task<IResult> RecordCartCompletionAsync(HttpRequest request, string collectionId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, CartCompletion, async (call, cancellation) =>
        {
            var collection = await collections.RecordCartCompletionAsync(collectionId, call.Body.GetString("cart_id")!, call.Body.GetString("order_id")!, cancellation);
            return ModuleResponses.Collection(collection);
        }, cancellationToken);

    /// <summary>The statuses Medusa sets itself (<c>cancelPaymentCollectionWorkflow</c>); the others follow from the money.</summary>
    private static PaymentCollectionStatus SettableStatus(string status) => status switch
    {
        "canceled" => PaymentCollectionStatus.Canceled,
        "partially_captured" => PaymentCollectionStatus.PartiallyCaptured,
        _ => throw MedusaException.InvalidData($"A payment collection's status can be set to canceled or partially_captured, not {status}."),
    };
}
