using Payments.Domain.Outbox;

namespace Payments.Domain.Collections;

/// <summary>
/// Money a provider holds for this collection that the collection does not keep: an authorization or capture the
/// provider reported for a session the collection no longer has (a late 3-D Secure, a release that failed), or for a
/// session of a collection that already has a live payment. Kept in the document, for operators and so that the same
/// money is given back once however often, and however concurrently, the provider reports it; the outbox release of
/// the same write does the giving back.
/// </summary>
public sealed record RefusedProviderPayment
{
    public required string SessionId { get; init; }
    public required string ProviderId { get; init; }
    public required ProviderReleaseReason Reason { get; init; }

    /// <summary>The amount refunded because the provider had captured it; null when the authorization was cancelled.</summary>
    public decimal? RefundedAmount { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>True when this entry gives back what <paramref name="release"/> would.</summary>
    public bool Covers(ProviderRelease release) => SessionId == release.SessionId && (RefundedAmount is null) == (release.Refund is null);
}
