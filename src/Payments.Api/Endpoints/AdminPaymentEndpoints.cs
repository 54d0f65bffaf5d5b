using Microsoft.AspNetCore.Http;
using Payments.Api.Fields;
using Payments.Api.Listing;
using Payments.Api.Requests;
using Payments.Api.Serialization;
using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Payments;
using Payments.Domain.Providers;

namespace Payments.Api.Endpoints;

/// <summary>The admin routes of payments and payment providers (spec §6.4–§6.8).</summary>
public sealed class AdminPaymentEndpoints(
    RequestPipeline pipeline,
    PaymentLookup payments,
    AdminPaymentList list,
    PaymentProviderRegistry providers,
    MoneyMoves moves,
    Responses responses)
{
    private static readonly QuerySchema PaymentQuery = new(QueryParameter.Fields);

    private static readonly RouteContract List = new(RouteAuthentication.Admin, Body: null, AdminListSchemas.Payments.Query);

    private static readonly RouteContract ListProviders = new(RouteAuthentication.Admin, Body: null, AdminListSchemas.PaymentProviders.Query);

    private static readonly RouteContract Get = new(RouteAuthentication.Admin, Body: null, PaymentQuery);

    private static readonly RouteContract Capture = new(
        RouteAuthentication.Admin,
        new BodySchema(BodyField.Amount("amount").Optional().GreaterThanZero()),
        PaymentQuery);

    private static readonly RouteContract Refund = new(
        RouteAuthentication.Admin,
        new BodySchema(
            BodyField.Amount("amount").Optional().GreaterThanZero(),
            BodyField.Identifier("refund_reason_id").Optional(),
            BodyField.LongText("note").Optional()),
        PaymentQuery);

    public Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, List, async (call, cancellation) =>
        {
            var page = await list.ReadAsync(AdminListSchemas.Payments.Read(call.Query), cancellation);
            var reasons = await responses.ReasonsOfAsync(page.Items.Select(item => item.Document.Collection), cancellation);
            var fields = Responses.Fields(call, FieldDefaults.AdminPayment);
            return Responses.Page("payments", page, (writer, item) => writer.WritePayment(item.Payment, item.Document.Collection, fields, reasons, ContextViewer.Admin));
        }, cancellationToken);

    /// <summary>Every registered provider (spec §6.8): registered means enabled.</summary>
    public Task<IResult> ListProvidersAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, ListProviders, (call, _) =>
        {
            var page = AdminListSchemas.PaymentProviders.Apply(providers.Ids.Select(id => new PaymentProviderListing(id, IsEnabled: true)), call.Query);
            return Task.FromResult(Responses.PaymentProviders(page, call));
        }, cancellationToken);

    public Task<IResult> GetAsync(HttpRequest request, string paymentId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Get, async (call, cancellation) =>
        {
            var payment = await payments.FindAsync(
                paymentId,
                () => MedusaException.NotFound($"Payment with id: {paymentId} was not found"),
                cancellation);
            return await responses.PaymentAsync(payment, Responses.Fields(call, FieldDefaults.AdminPayment), cancellation);
        }, cancellationToken);

    public Task<IResult> CaptureAsync(HttpRequest request, string paymentId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Capture, async (call, cancellation) =>
        {
            var capture = new MoveAsk(MoneyMoveKind.Capture, call.Body.GetDecimal("amount"), call.IntentKey, call.CallerId);
            var captured = await moves.MoveAsync(paymentId, capture, () => MedusaException.NotFound($"Payment with id: {paymentId} was not found"), cancellation);
            return await responses.PaymentAsync(captured, Responses.Fields(call, FieldDefaults.AdminPayment), cancellation);
        }, cancellationToken);

    public Task<IResult> RefundAsync(HttpRequest request, string paymentId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Refund, async (call, cancellation) =>
        {
            var refund = new MoveAsk(
                MoneyMoveKind.Refund,
                call.Body.GetDecimal("amount"),
                call.IntentKey,
                call.CallerId,
                call.Body.GetString("refund_reason_id"),
                call.Body.GetString("note"));
            var refunded = await moves.MoveAsync(paymentId, refund, () => MedusaException.NotFound($"Payment id not found: {paymentId}"), cancellation);
            return await responses.PaymentAsync(refunded, Responses.Fields(call, FieldDefaults.AdminPayment), cancellation);
        }, cancellationToken);
}
