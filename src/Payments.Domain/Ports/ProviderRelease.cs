using System.Text.Json;
using System.Text.Json.Serialization;

namespace Payments.Domain.Ports;

/// <summary>Why a provider payment is given back; stored by these snake_case names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProviderReleaseReason>))]
public enum ProviderReleaseReason
{
    /// <summary>The session was replaced by a newer one, or dropped by cart synchronisation.</summary>
    [JsonStringEnumMemberName("superseded")]
    Superseded,

    /// <summary>The request that created this provider payment lost a race and wrote nothing.</summary>
    [JsonStringEnumMemberName("lost_race")]
    LostRace,

    /// <summary>The provider reported money (an authorization or a capture) for a session the collection no longer has.</summary>
    [JsonStringEnumMemberName("late_payment")]
    LatePayment,

    /// <summary>The provider authorized a session of a collection that already has a live payment of another session.</summary>
    [JsonStringEnumMemberName("collection_already_paid")]
    CollectionAlreadyPaid,
}

/// <summary>Money a provider captured that a release gives back: a refund of this amount.</summary>
public sealed record ProviderRefund(decimal Amount, string CurrencyCode);

/// <summary>
/// A provider payment that must be given back (spec §7.5, D5): cancelled (the provider's <c>delete</c>), or refunded
/// when <see cref="Refund"/> says money was captured. <paramref name="FirstAttemptAt"/> is when the retry worker may
/// first try it: the request that records it tries once itself right after its write.
/// </summary>
public sealed record ProviderRelease(
    string CollectionId,
    string ProviderId,
    string SessionId,
    JsonElement Data,
    ProviderReleaseReason Reason,
    DateTimeOffset RecordedAt,
    DateTimeOffset FirstAttemptAt)
{
    public ProviderRefund? Refund { get; init; }

    /// <summary>
    /// Names the record within its collection: the session id for a session's routine release (superseded, lost race),
    /// and the session id with the action for money a collection refused, which may follow a routine release of the
    /// same session.
    /// </summary>
    public string Id => Reason switch
    {
        ProviderReleaseReason.Superseded or ProviderReleaseReason.LostRace => SessionId,
        _ => $"{SessionId}|{(Refund is null ? "cancel" : "refund")}",
    };

    /// <summary>
    /// The provider's idempotency key: <c>&lt;session id&gt;-cancel</c> for a routine release (spec §7.5), a key of its
    /// own for refused money, so that a provider that kept the answer of an earlier cancel does not replay it.
    /// </summary>
    public string IdempotencyKey => Id == SessionId ? $"{SessionId}-cancel" : Id.Replace('|', '-') + "-refused";
}

/// <summary>A stored release with its retry state.</summary>
public sealed record PendingProviderRelease(
    ProviderRelease Release,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    bool IsDead,
    string Version);

/// <summary>The stored releases, for the request that wrote them and for the retry worker.</summary>
public interface IProviderReleaseStore
{
    Task<IReadOnlyList<PendingProviderRelease>> FindDueAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken);

    /// <param name="releaseId">The release's <see cref="ProviderRelease.Id"/>.</param>
    Task<PendingProviderRelease?> FindAsync(string collectionId, string releaseId, CancellationToken cancellationToken);

    /// <summary>Deletes the record of a release that succeeded; a record already gone is fine.</summary>
    /// <param name="releaseId">The release's <see cref="ProviderRelease.Id"/>.</param>
    Task CompleteAsync(string collectionId, string releaseId, CancellationToken cancellationToken);

    /// <summary>Saves the outcome of a failed attempt (next attempt time, last error, dead flag).</summary>
    Task SaveAttemptAsync(PendingProviderRelease release, CancellationToken cancellationToken);
}
