using Microsoft.AspNetCore.Http;
using Payments.Api.Endpoints;
using Payments.Api.Requests;
using Payments.Api.Serialization;
using Payments.Domain.Errors;
using Payments.Domain.Providers;
using Payments.Domain.RefundReasons;
using Payments.Domain.Sessions;

namespace Payments.Api.Module;

/// <summary>
/// The module routes of refund reasons and account holders (docs/module-api.md §4.5): Medusa's refund-reason workflows
/// and their compensations, and the account holder of a customer's first session with a provider.
/// </summary>
public sealed class ModuleReferenceEndpoints(
    RequestPipeline pipeline,
    RefundReasonCatalog refundReasons,
    AccountHolders accountHolders,
    PaymentProviderRegistry providers)
{
    private const int MaxReasonsPerCall = 100;

    private static readonly QuerySchema NoQuery = new();

    private static readonly BodySchema NewReason = new(
        BodyField.ShortText("label"),
        BodyField.ShortText("code"),
        BodyField.LongText("description").Optional().Nullable(),
        BodyField.Record("metadata").Optional().Nullable());

    private static readonly RouteContract CreateReasons = new(RouteAuthentication.Module, new BodySchema(BodyField.Objects("refund_reasons", NewReason, MaxReasonsPerCall)), NoQuery);

    private static readonly RouteContract UpdateReason = new(
        RouteAuthentication.Module,
        new BodySchema(
            BodyField.ShortText("label").Optional(),
            BodyField.ShortText("code").Optional(),
            BodyField.LongText("description").Optional().Nullable(),
            BodyField.Record("metadata").Optional().Nullable()),
        NoQuery);

    private static readonly RouteContract Delete = new(RouteAuthentication.Module, Body: null, NoQuery);

    private static readonly RouteContract Restore = new(RouteAuthentication.Module, new BodySchema(), NoQuery);

    private static readonly RouteContract CreateHolder = new(
        RouteAuthentication.Module,
        new BodySchema(BodyField.Identifier("provider_id"), BodyField.Record("context")),
        NoQuery);

    public Task<IResult> CreateReasonsAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, CreateReasons, async (call, cancellation) =>
        {
            var created = new List<RefundReason>();
            foreach (var item in call.Body.GetObjects("refund_reasons")!)
            {
                created.Add(await refundReasons.CreateAsync(item.GetString("label")!, item.GetString("code")!, item.GetString("description"), cancellation, item.GetRecord("metadata")));
            }

            return ModuleResponses.StandaloneList("refund_reasons", ModuleEntity.RefundReason, created);
        }, cancellationToken);

    public Task<IResult> UpdateReasonAsync(HttpRequest request, string reasonId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, UpdateReason, async (call, cancellation) =>
        {
            var changes = new RefundReasonChanges(call.Body.GetString("label"), call.Body.GetString("code"), call.Body.Has("description"), call.Body.GetString("description"))
            {
                MetadataGiven = call.Body.Has("metadata"),
                Metadata = call.Body.GetRecord("metadata"),
            };
            return Reason(await refundReasons.UpdateAsync(reasonId, changes, cancellation));
        }, cancellationToken);

    public Task<IResult> DeleteReasonAsync(HttpRequest request, string reasonId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Delete, async (_, cancellation) =>
        {
            await refundReasons.DeleteAsync(reasonId, cancellation);
            return JsonResponse.Ok(JsonResponseBody.Deletion(reasonId, DeletedObject.RefundReason));
        }, cancellationToken);

    public Task<IResult> RestoreReasonAsync(HttpRequest request, string reasonId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Restore, async (_, cancellation) => Reason(await refundReasons.RestoreAsync(reasonId, cancellation)), cancellationToken);

    /// <summary>The customer's one holder with the provider (created once however many calls race), as Medusa's module answers it.</summary>
    public Task<IResult> CreateHolderAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, CreateHolder, async (call, cancellation) =>
        {
            var providerId = call.Body.GetString("provider_id")!;
            var provider = providers.Find(providerId) ?? throw MedusaException.NotFound($"PaymentProvider with id: {providerId} was not found");
            var customer = MedusaContext.CustomerOf(call.Body.GetRecord("context"))
                ?? throw MedusaException.InvalidData("An account holder needs context.customer with its id.");
            var context = await accountHolders.ContextForAsync(customer, provider, cancellation);
            return ModuleResponses.Standalone("account_holder", ModuleEntity.AccountHolder, context.AccountHolder);
        }, cancellationToken);

    public Task<IResult> DeleteHolderAsync(HttpRequest request, string holderId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Delete, async (_, cancellation) =>
        {
            await accountHolders.DeleteAsync(holderId, cancellation);
            return JsonResponse.Ok(JsonResponseBody.Deletion(holderId, DeletedObject.AccountHolder));
        }, cancellationToken);

    private static JsonResponse Reason(RefundReason reason) => ModuleResponses.Standalone("refund_reason", ModuleEntity.RefundReason, reason);
}
