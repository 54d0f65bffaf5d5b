using System.Text.Json;

namespace Payments.Domain.Ports;

public enum ProviderReleaseReason
{
    /// <summary>The session was replaced by a newer one, or dropped by cart synchronisation.</summary>
    Superseded,

    /// <summary>The request that created this provider payment lost a race and wrote nothing.</summary>
    LostRace,
}

/// <summary>
/// A provider payment that must be given back (spec §7.5, D5). <paramref name="FirstAttemptAt"/> is when the
/// retry worker may first try it: the request that records it tries once itself right after its write.
/// </summary>
public sealed record ProviderRelease(
    string CollectionId,
    string ProviderId,
    string SessionId,
    JsonElement Data,
    ProviderReleaseReason Reason,
    DateTimeOffset RecordedAt,
    DateTimeOffset FirstAttemptAt);

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

    Task<PendingProviderRelease?> FindAsync(string collectionId, string sessionId, CancellationToken cancellationToken);

    /// <summary>Deletes the record of a release that succeeded; a record already gone is fine.</summary>
    Task CompleteAsync(string collectionId, string sessionId, CancellationToken cancellationToken);

    /// <summary>Saves the outcome of a failed attempt (next attempt time, last error, dead flag).</summary>
    Task SaveAttemptAsync(PendingProviderRelease release, CancellationToken cancellationToken);
}
