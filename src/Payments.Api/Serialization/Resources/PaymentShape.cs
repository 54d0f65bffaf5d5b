using Payments.Api.Serialization.Projection;
using Payments.Domain.Collections;

namespace Payments.Api.Serialization.Resources;

/// <summary>
/// Spec §5.3. Medusa's documented schema also lists authorized, captured and refunded amounts on a payment,
/// but it stores no such columns, so they are not fields here and selecting them yields no key.
/// </summary>
internal static class PaymentShape
{
    public static ResourceShape<Payment> Instance { get; } = new ResourceShapeBuilder<Payment>()
        .String("id", payment => payment.Id)
        .String("currency_code", payment => payment.CurrencyCode)
        .String("provider_id", payment => payment.ProviderId)
        .Json("data", payment => payment.Data)
        .AlwaysNull("metadata")
        .Timestamp("captured_at", payment => payment.CapturedAt)
        .Timestamp("canceled_at", payment => payment.CanceledAt)
        .String("payment_collection_id", payment => payment.PaymentCollectionId)
        .String("payment_session_id", payment => payment.PaymentSessionId)
        .RawAmount("raw_amount", payment => payment.Amount)
        .Timestamp("created_at", payment => payment.CreatedAt)
        .Timestamp("updated_at", payment => payment.UpdatedAt)
        .AlwaysNull("deleted_at")
        .Amount("amount", payment => payment.Amount)
        .ToMany(
            "captures",
            () => CaptureShape.Instance,
            (payment, _) => CreationOrder.Of(payment.Captures, capture => capture.CreatedAt, capture => capture.Id))
        .ToMany(
            "refunds",
            () => RefundShape.Instance,
            (payment, _) => CreationOrder.Of(payment.Refunds, refund => refund.CreatedAt, refund => refund.Id))
        .ToOne("payment_collection", "payment_collection_id", () => PaymentCollectionShape.Instance, (_, scope) => scope.Collection)

        // The payment outlives its session: once a new session replaced it, this is null (G90).
        .ToOne(
            "payment_session",
            "payment_session_id",
            () => PaymentSessionShape.Instance,
            (payment, scope) => scope.Collection.Sessions.Find(session => session.Id == payment.PaymentSessionId))
        .Build();
}
