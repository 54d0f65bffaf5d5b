using Microsoft.AspNetCore.Http;
using Payments.Api.Fields;
using Payments.Api.Listing;
using Payments.Api.Requests;
using Payments.Api.Serialization;
using Payments.Domain.RefundReasons;

namespace Payments.Api.Endpoints;

/// <summary>The admin routes of refund reasons (spec §6.13).</summary>
public sealed class AdminRefundReasonEndpoints(RequestPipeline pipeline, RefundReasonCatalog refundReasons)
{
    // Medusa accepts, and ignores, the list parameters on the single-reason routes.
    private static readonly QuerySchema SingleReasonQuery = new(
        QueryParameter.Fields,
        QueryParameter.Limit(15),
        QueryParameter.Offset,
        QueryParameter.String("order"),
        QueryParameter.Any("with_deleted"));

    private static readonly RouteContract Create = new(
        RouteAuthentication.Admin,
        new BodySchema(BodyField.ShortText("label"), BodyField.ShortText("code"), BodyField.LongText("description").Optional().Nullable()),
        SingleReasonQuery);

    private static readonly RouteContract Get = new(RouteAuthentication.Admin, Body: null, SingleReasonQuery);

    private static readonly RouteContract Update = new(
        RouteAuthentication.Admin,
        new BodySchema(
            BodyField.ShortText("label").Optional(),
            BodyField.ShortText("code").Optional(),
            BodyField.LongText("description").Optional().Nullable()),
        new QuerySchema(QueryParameter.Fields));

    private static readonly RouteContract Delete = new(RouteAuthentication.Admin, Body: null, new QuerySchema());

    private static readonly RouteContract List = new(RouteAuthentication.Admin, Body: null, AdminListSchemas.RefundReasons.Query);

    public Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, List, async (call, cancellation) =>
        {
            var query = AdminListSchemas.RefundReasons.Read(call.Query);
            var page = query.Apply(await refundReasons.ListAsync(query.WithDeleted, cancellation));
            var fields = Responses.Fields(call, FieldDefaults.RefundReason);
            return Responses.Page("refund_reasons", page, (writer, reason) => writer.WriteRefundReason(reason, fields));
        }, cancellationToken);

    public Task<IResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Create, async (call, cancellation) =>
        {
            var reason = await refundReasons.CreateAsync(
                call.Body.GetString("label")!,
                call.Body.GetString("code")!,
                call.Body.GetString("description"),
                cancellation);
            return Reason(reason, call);
        }, cancellationToken);

    public Task<IResult> GetAsync(HttpRequest request, string reasonId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Get, async (call, cancellation) =>
            Reason(await refundReasons.GetAsync(reasonId, cancellation), call), cancellationToken);

    public Task<IResult> UpdateAsync(HttpRequest request, string reasonId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Update, async (call, cancellation) =>
        {
            var changes = new RefundReasonChanges(
                call.Body.GetString("label"),
                call.Body.GetString("code"),
                DescriptionGiven: call.Body.Has("description"),
                call.Body.GetString("description"));
            return Reason(await refundReasons.UpdateAsync(reasonId, changes, cancellation), call);
        }, cancellationToken);

    public Task<IResult> DeleteAsync(HttpRequest request, string reasonId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Delete, async (_, cancellation) =>
        {
            await refundReasons.DeleteAsync(reasonId, cancellation);
            return JsonResponse.Ok(JsonResponseBody.Deletion(reasonId, DeletedObject.RefundReason));
        }, cancellationToken);

    private static JsonResponse Reason(RefundReason reason, RouteCall call)
    {
        var fields = Responses.Fields(call, FieldDefaults.RefundReason);
        return JsonResponse.Ok(JsonResponseBody.Envelope("refund_reason", writer => writer.WriteRefundReason(reason, fields)));
    }
}
