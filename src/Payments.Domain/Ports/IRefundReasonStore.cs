using Payments.Domain.RefundReasons;

namespace Payments.Domain.Ports;

public sealed record VersionedRefundReason(RefundReason Reason, string Version);

/// <summary>Refund reasons; deletion is soft (<c>deleted_at</c> set), so every reason ever created stays readable here.</summary>
public interface IRefundReasonStore
{
    /// <summary>Every reason, deleted ones included.</summary>
    Task<IReadOnlyList<RefundReason>> ListAsync(CancellationToken cancellationToken);

    Task<VersionedRefundReason?> FindAsync(string id, CancellationToken cancellationToken);

    Task InsertAsync(RefundReason reason, CancellationToken cancellationToken);

    /// <summary>Replaces the reason if it is still at <paramref name="expectedVersion"/>; false when another write got there first.</summary>
    Task<bool> TryReplaceAsync(RefundReason reason, string expectedVersion, CancellationToken cancellationToken);
}
