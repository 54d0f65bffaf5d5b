using Payments.Api.Serialization.Projection;
using Payments.Domain.RefundReasons;

namespace Payments.Api.Serialization.Resources;

/// <summary>Spec §5.6.</summary>
internal static class RefundReasonShape
{
    public static ResourceShape<RefundReason> Instance { get; } = new ResourceShapeBuilder<RefundReason>()
        .String("id", reason => reason.Id)
        .String("label", reason => reason.Label)
        .String("code", reason => reason.Code)
        .String("description", reason => reason.Description)
        .Json("metadata", reason => reason.Metadata)
        .Timestamp("created_at", reason => reason.CreatedAt)
        .Timestamp("updated_at", reason => reason.UpdatedAt)
        .Timestamp("deleted_at", reason => reason.DeletedAt)
        .Build();
}
