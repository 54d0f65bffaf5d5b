namespace Payments.Domain.Ports;

/// <summary>
/// A request that sent an <c>Idempotency-Key</c> (spec §1.10): the key is remembered per caller, and the caller
/// id may be a publishable key token, so a store keeps only a hash of it.
/// </summary>
public sealed record IdempotentRequest(string CallerId, string Key, string Fingerprint, DateTimeOffset StartedAt)
{
    /// <summary>
    /// Names this request in the record it claims, so that it recognises its own record when the answer to the write
    /// that created it was lost (the client's retry of that write finds the record already there).
    /// </summary>
    public string OwnerId { get; init; } = Guid.NewGuid().ToString("N");
}

/// <summary>The final response of a request, kept to be replayed byte for byte.</summary>
public sealed record StoredResponse(int StatusCode, string ContentType, ReadOnlyMemory<byte> Body);

/// <summary>
/// A remembered key: the fingerprint of the request that owns it, when that request started, and its response
/// once it has finished (none while it is in flight). <paramref name="Version"/> guards every change.
/// </summary>
/// <param name="OwnerId">The <see cref="IdempotentRequest.OwnerId"/> of the request that wrote it.</param>
public sealed record IdempotencyRecord(string Fingerprint, DateTimeOffset StartedAt, StoredResponse? Response, string Version, string? OwnerId = null);

/// <summary>A key held by the request that owns its in-flight record, at the record's version.</summary>
public sealed record IdempotencyClaim(IdempotentRequest Request, string Version);

/// <summary>What <see cref="IIdempotencyRecords.TryBeginAsync"/> found.</summary>
public abstract record IdempotencyBegin
{
    private IdempotencyBegin()
    {
    }

    /// <summary>The key was free: the request now owns a new in-flight record.</summary>
    public sealed record Started(IdempotencyClaim Claim) : IdempotencyBegin;

    /// <summary>Another request's record holds the key.</summary>
    public sealed record Found(IdempotencyRecord Record) : IdempotencyBegin;

    /// <summary>A record held the key but was deleted before it could be read: the key may be free again.</summary>
    public sealed record Vanished : IdempotencyBegin;
}

/// <summary>
/// The records behind <c>Idempotency-Key</c>. Expiry and abandonment are the caller's decisions: a store only
/// keeps records and changes them if they are still at the version the caller read.
/// </summary>
public interface IIdempotencyRecords
{
    /// <summary>
    /// Inserts an in-flight record for the request's key unless one exists, in which case that one is read; a record
    /// this very request inserted (its answer lost) is its claim.
    /// </summary>
    Task<IdempotencyBegin> TryBeginAsync(IdempotentRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a record that no longer counts (expired, or abandoned in flight) with an in-flight one of this
    /// request, if it is still at <paramref name="expectedVersion"/>; null when another request changed or deleted it
    /// first.
    /// </summary>
    Task<IdempotencyClaim?> TryTakeOverAsync(IdempotentRequest request, string expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps the response in the claimed record. A record no longer at the claim's version (taken over) is left
    /// alone; a response too large for the store releases the record instead.
    /// </summary>
    Task CompleteAsync(IdempotencyClaim claim, StoredResponse response, CancellationToken cancellationToken);

    /// <summary>Deletes the claimed record so that a retry runs again; one no longer at the claim's version is left alone.</summary>
    Task ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken);

    /// <summary>Deletes the records of requests started before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> PurgeStartedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
