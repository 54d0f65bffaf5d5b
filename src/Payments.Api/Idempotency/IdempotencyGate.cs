using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Payments.Api.Errors;
using Payments.Api.Serialization;
using Payments.Domain.Errors;
using Payments.Domain.Ports;

namespace Payments.Api.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> step of every POST (spec §1.10, D7), between authentication and validation: the first
/// request with a key runs and its final response below 500 is kept; the same request again within 24 hours gets
/// that response replayed, another request with the key 422, and any request while the first still runs 409.
/// </summary>
public sealed partial class IdempotencyGate(IIdempotencyRecords records, TimeProvider clock, ILogger<IdempotencyGate> logger)
{
    /// <summary>How long a key is remembered, from its first request.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// When an in-flight record stops blocking its key: its request died with its instance and will never finish.
    /// Longer than the 230 seconds Azure's front end waits for an HTTP response, so whoever sent that request has
    /// been told it timed out before a retry may run it again.
    /// </summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(4);

    // Each new attempt follows another request's change to the same record; that many in a row is a 409.
    private const int MaxAttempts = 3;

    /// <exception cref="MedusaException">400 for an invalid key; 409 while the key's first request runs.</exception>
    /// <exception cref="IdempotencyKeyReusedException">The key was used by a different request.</exception>
    public async Task<IdempotencyStart> StartAsync(HttpRequest request, string callerId, JsonElement body, CancellationToken cancellationToken)
    {
        if (IdempotencyKeyHeader.Read(request) is not { } key)
        {
            return IdempotencyStart.WithoutKey;
        }

        var idempotent = new IdempotentRequest(callerId, key, RequestFingerprint.Of(request, body), clock.GetUtcNow());
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Claiming writes are not cancelled half-way: a claim that landed unseen would block the key until abandoned.
            switch (await records.TryBeginAsync(idempotent, CancellationToken.None))
            {
                case IdempotencyBegin.Started started:
                    return IdempotencyStart.Claimed(started.Claim);
                case IdempotencyBegin.Found { Record: var record } when NoLongerCounts(record, idempotent.StartedAt):
                    if (await records.TryTakeOverAsync(idempotent, record.Version, CancellationToken.None) is { } claim)
                    {
                        return IdempotencyStart.Claimed(claim);
                    }

                    break;
                case IdempotencyBegin.Found { Record: var record }:
                    return Answer(record, idempotent);
            }
        }

        throw MedusaException.Conflict();
    }

    /// <summary>
    /// Keeps the final response of the request that owns the claim, or releases the key for a 5xx or for a request
    /// that ended without a response (cancelled). Runs whatever the request's cancellation: the key must not stay
    /// in flight. A storage failure here does not change the answer already decided; the key then stays blocked
    /// until <see cref="AbandonedAfter"/>.
    /// </summary>
    public async Task FinishAsync(IdempotencyClaim claim, JsonResponse? response)
    {
        try
        {
            // A 409 says "retry with the same key": storing it would replay the conflict to that retry for 24 hours.
            if (response is { StatusCode: < StatusCodes.Status500InternalServerError and not StatusCodes.Status409Conflict })
            {
                await records.CompleteAsync(claim, new StoredResponse(response.StatusCode, response.ContentType, response.Body), CancellationToken.None);
            }
            else
            {
                await records.ReleaseAsync(claim, CancellationToken.None);
            }
        }
        catch (Exception exception)
        {
            LogFinishFailed(logger, exception);
        }
    }

    private static bool NoLongerCounts(IdempotencyRecord record, DateTimeOffset now) =>
        now - record.StartedAt >= Lifetime || (record.Response is null && now - record.StartedAt >= AbandonedAfter);

    private static IdempotencyStart Answer(IdempotencyRecord record, IdempotentRequest request)
    {
        if (record.Fingerprint != request.Fingerprint)
        {
            throw new IdempotencyKeyReusedException(request.Key);
        }

        return record.Response is { } response ? IdempotencyStart.Replayed(response) : throw MedusaException.Conflict();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not keep or release an Idempotency-Key record")]
    private static partial void LogFinishFailed(ILogger logger, Exception exception);
}
