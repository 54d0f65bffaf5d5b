using Payments.Api.Serialization.Projection;
using Payments.Domain.Collections;

namespace Payments.Api.Serialization.Resources;

/// <summary>Spec §5.5; star order observed in G82, with <c>refund_reason</c> after its id when selected.</summary>
internal static class RefundShape
{
    public static ResourceShape<Refund> Instance { get; } = new ResourceShapeBuilder<Refund>()
        .String("id", refund => refund.Id)
        .String("payment_id", refund => refund.PaymentId)
        .String("refund_reason_id", refund => refund.RefundReasonId)
        .String("note", refund => refund.Note)
        .String("created_by", refund => refund.CreatedBy)
        .AlwaysNull("metadata")
        .RawAmount("raw_amount", refund => refund.Amount)
        .Timestamp("created_at", refund => refund.CreatedAt)
        .Timestamp("updated_at", refund => refund.UpdatedAt)
        .AlwaysNull("deleted_at")
        .Amount("amount", refund => refund.Amount)

        // A refund keeps its reason id after the reason is deleted; the reason itself then reads null (G90).
        .ToOne(
            "refund_reason",
            "refund_reason_id",
            () => RefundReasonShape.Instance,
            (refund, scope) => scope.ActiveRefundReason(refund.RefundReasonId))
        .ToOne("payment", "payment_id", () => PaymentShape.Instance, (refund, scope) => scope.Collection.FindPayment(refund.PaymentId))
        .Build();
}
