using Payments.Api.Serialization.Projection;
using Payments.Domain.Collections;

namespace Payments.Api.Serialization.Resources;

/// <summary>Spec §5.4; star order observed in G82.</summary>
internal static class CaptureShape
{
    public static ResourceShape<Capture> Instance { get; } = new ResourceShapeBuilder<Capture>()
        .String("id", capture => capture.Id)
        .String("payment_id", capture => capture.PaymentId)
        .AlwaysNull("metadata")
        .String("created_by", capture => capture.CreatedBy)
        .RawAmount("raw_amount", capture => capture.Amount)
        .Timestamp("created_at", capture => capture.CreatedAt)
        .Timestamp("updated_at", capture => capture.UpdatedAt)
        .AlwaysNull("deleted_at")
        .Amount("amount", capture => capture.Amount)
        .ToOne("payment", "payment_id", () => PaymentShape.Instance, (capture, scope) => scope.Collection.FindPayment(capture.PaymentId))
        .Build();
}
