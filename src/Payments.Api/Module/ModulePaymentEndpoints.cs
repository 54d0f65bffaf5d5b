using Microsoft.AspNetCore.Http;
using Payments.Api.Endpoints;
using Payments.Api.Requests;
using Payments.Domain.Collections;
using Payments.Domain.Commerce;
using Payments.Domain.Errors;
using Payments.Domain.Payments;

namespace Payments.Api.Module;

/// <summary>
/// The module routes of payments (docs/module-api.md §4.4): captures and refunds as money moves with identities, as on
/// the admin routes, and the cancellation of an authorization. Medusa's own workflow made the call and books what
/// follows, so no event is sent for them.
/// </summary>
public sealed class ModulePaymentEndpoints(RequestPipeline pipeline, MoneyMoves moves, ModulePayments payments)
{
    private static readonly QuerySchema NoQuery = new();

    private static readonly RouteContract Capture = new(
        RouteAuthentication.Module,
        new BodySchema(
            BodyField.ExactAmount("amount").Optional().Nullable(),
            BodyField.Identifier("captured_by").Optional().Nullable(),
            BodyField.Boolean("is_captured").Optional()),
        NoQuery);

    private static readonly RouteContract Refund = new(
        RouteAuthentication.Module,
        new BodySchema(
            BodyField.ExactAmount("amount").Optional().Nullable(),
            BodyField.Identifier("created_by").Optional().Nullable(),
            BodyField.LongText("note").Optional().Nullable(),
            BodyField.Identifier("refund_reason_id").Optional().Nullable(),
            BodyField.Record("metadata").Optional().Nullable()),
        NoQuery);

    private static readonly RouteContract Cancel = new(RouteAuthentication.Module, new BodySchema(), NoQuery);

    public Task<IResult> CaptureAsync(HttpRequest request, string paymentId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Capture, async (call, cancellation) =>
        {
            var capture = new MoveAsk(MoneyMoveKind.Capture, call.Body.GetExactAmount("amount"), call.IntentKey, call.Body.GetString("captured_by")) { Source = ChangeSource.Module };
            return ModuleResponses.Payment(await moves.MoveAsync(paymentId, capture, () => NotFound(paymentId), cancellation));
        }, cancellationToken);

    public Task<IResult> RefundAsync(HttpRequest request, string paymentId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Refund, async (call, cancellation) =>
        {
            var refund = new MoveAsk(
                MoneyMoveKind.Refund,
                call.Body.GetExactAmount("amount"),
                call.IntentKey,
                call.Body.GetString("created_by"),
                call.Body.GetString("refund_reason_id"),
                call.Body.GetString("note"))
            {
                Source = ChangeSource.Module,
            };
            return ModuleResponses.Payment(await moves.MoveAsync(paymentId, refund, () => NotFound(paymentId), cancellation));
        }, cancellationToken);

    public Task<IResult> CancelAsync(HttpRequest request, string paymentId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, Cancel, async (_, cancellation) =>
            ModuleResponses.Payment(await payments.CancelAsync(paymentId, cancellation)), cancellationToken);

    private static MedusaException NotFound(string paymentId) => MedusaException.NotFound($"Payment with id: {paymentId} was not found");
}
