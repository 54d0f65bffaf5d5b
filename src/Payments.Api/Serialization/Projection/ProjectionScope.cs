using System.Collections.Frozen;
using Payments.Domain.Collections;
using Payments.Domain.RefundReasons;

namespace Payments.Api.Serialization.Projection;

/// <summary>
/// What a resource needs besides itself to be written: the collection it belongs to (back-references, a
/// session's payment), the refund reasons a refund may point at, and who reads it (whose session context it shows).
/// </summary>
internal sealed class ProjectionScope(PaymentCollection? collection, IReadOnlyDictionary<string, RefundReason> refundReasons, ContextViewer viewer)
{
    public static ProjectionScope Standalone { get; } = new(null, FrozenDictionary<string, RefundReason>.Empty, ContextViewer.Shopper(null));

    public ContextViewer Viewer => viewer;

    public PaymentCollection Collection =>
        collection ?? throw new InvalidOperationException("Sessions and payments are written only within their collection.");

    /// <summary>The reason a refund points at, or null when it is unset or was deleted since.</summary>
    public RefundReason? ActiveRefundReason(string? refundReasonId) =>
        refundReasonId is not null
        && refundReasons.TryGetValue(refundReasonId, out var reason)
        && reason.DeletedAt is null
            ? reason
            : null;
}
