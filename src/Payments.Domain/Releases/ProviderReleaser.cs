using System.Text.Json;
using Microsoft.Extensions.Logging;
using Payments.Domain.Collections;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Time;

namespace Payments.Domain.Releases;

/// <summary>
/// Gives provider payments back (spec §7.5, D5): once right after the write that recorded the release, then
/// from the retry worker with exponential back-off until it succeeds or 72 hours have passed.
/// A release never changes the response of the request that recorded it.
/// </summary>
public sealed partial class ProviderReleaser(
    PaymentProviderRegistry providers,
    IProviderReleaseStore releaseStore,
    IPaymentCollectionStore collectionStore,
    TimeProvider clock,
    ILogger<ProviderReleaser> logger)
{
    /// <summary>How long the worker leaves a fresh record to the request that recorded it.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(72);

    private const int WorkerBatchSize = 100;

    /// <summary>The releases of sessions removed from a collection: those without a Payment (a Payment owns its provider payment).</summary>
    public IReadOnlyList<ProviderRelease> ForSuperseded(string collectionId, IEnumerable<PaymentSession> removedSessions)
    {
        var now = clock.UtcNowToTheMillisecond();
        return
        [
            .. removedSessions
                .Where(session => session.PaymentId is null)
                .Select(session => NewRelease(collectionId, session, ProviderReleaseReason.Superseded, now)),
        ];
    }

    /// <summary>
    /// The release of money a provider holds for a session the collection does not keep (see
    /// <see cref="RefusedProviderPayment"/>): a cancel, or a refund of <paramref name="capturedAmount"/> when the provider
    /// captured it.
    /// </summary>
    public ProviderRelease ForRefused(
        string collectionId,
        string providerId,
        string sessionId,
        JsonElement providerData,
        ProviderReleaseReason reason,
        ProviderRefund? capturedAmount)
    {
        var now = clock.UtcNowToTheMillisecond();
        return new ProviderRelease(collectionId, providerId, sessionId, providerData, reason, now, now + FirstRetryDelay) { Refund = capturedAmount };
    }

    /// <summary>
    /// The change that gives back money a provider holds for <paramref name="sessionId"/>, which the collection does
    /// not keep: the <see cref="RefusedProviderPayment"/> entry and its release, written together. Nothing when the
    /// collection already gave it back, so redelivered and concurrent reports give it back once.
    /// </summary>
    public CollectionChange<bool> Refuse(
        PaymentCollection collection,
        string providerId,
        string sessionId,
        JsonElement providerData,
        ProviderReleaseReason reason,
        ProviderRefund? capturedAmount)
    {
        var release = ForRefused(collection.Id, providerId, sessionId, providerData, reason, capturedAmount);
        if (collection.RefusedProviderPayments.Exists(refused => refused.Covers(release)))
        {
            return CollectionChange<bool>.Unchanged(false);
        }

        LogRefused(logger, providerId, sessionId, collection.Id, reason, capturedAmount?.Amount);
        var refused = new RefusedProviderPayment
        {
            SessionId = sessionId,
            ProviderId = providerId,
            Reason = reason,
            RefundedAmount = capturedAmount?.Amount,
            RecordedAt = release.RecordedAt,
        };
        return new CollectionChange<bool>(collection with { RefusedProviderPayments = collection.RefusedProviderPayments.Add(refused) }, true, [release]);
    }

    /// <summary>Records and tries at once the release of a provider payment a request created but could not keep.</summary>
    public async Task ReleaseLostRaceAsync(string collectionId, PaymentSession session, CancellationToken cancellationToken)
    {
        ProviderRelease[] releases = [NewRelease(collectionId, session, ProviderReleaseReason.LostRace, clock.UtcNowToTheMillisecond())];
        await collectionStore.RecordReleasesAsync(collectionId, releases, CancellationToken.None);
        await ReleaseNowAsync(releases, cancellationToken);
    }

    /// <summary>
    /// Tries each recorded release once; a failure (the request's deadline included) stays recorded for the worker and
    /// never fails the request that wrote the record.
    /// </summary>
    public async Task ReleaseNowAsync(IReadOnlyList<ProviderRelease> releases, CancellationToken cancellationToken)
    {
        foreach (var release in releases)
        {
            try
            {
                await ReleaseAtProviderAsync(release, cancellationToken);
                await releaseStore.CompleteAsync(release.CollectionId, release.Id, CancellationToken.None);
            }
            catch (Exception exception)
            {
                LogReleaseDeferred(logger, release.ProviderId, release.SessionId, exception);
            }
        }
    }

    /// <summary>The worker's pass over due releases; returns how many were released.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNowToTheMillisecond();
        var released = 0;
        foreach (var pending in await releaseStore.FindDueAsync(now, WorkerBatchSize, cancellationToken))
        {
            try
            {
                await ReleaseAtProviderAsync(pending.Release, cancellationToken);
                await releaseStore.CompleteAsync(pending.Release.CollectionId, pending.Release.Id, cancellationToken);
                released++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await releaseStore.SaveAttemptAsync(NextAttempt(pending, exception, now), cancellationToken);
            }
        }

        return released;
    }

    internal static TimeSpan RetryDelay(int attempts) =>
        attempts >= 7 ? MaxRetryDelay : TimeSpan.FromMinutes(Math.Pow(2, attempts - 1));

    private PendingProviderRelease NextAttempt(PendingProviderRelease pending, Exception exception, DateTimeOffset now)
    {
        var attempts = pending.Attempts + 1;
        var isDead = now - pending.Release.RecordedAt >= GiveUpAfter;
        if (isDead)
        {
            LogReleaseDead(logger, pending.Release.ProviderId, pending.Release.SessionId, attempts, exception);
        }
        else
        {
            LogReleaseDeferred(logger, pending.Release.ProviderId, pending.Release.SessionId, exception);
        }

        return pending with
        {
            Attempts = attempts,
            NextAttemptAt = now + RetryDelay(attempts),
            LastError = $"{exception.GetType().Name}: {exception.Message}",
            IsDead = isDead,
        };
    }

    private Task ReleaseAtProviderAsync(ProviderRelease release, CancellationToken cancellationToken)
    {
        var provider = providers.Get(release.ProviderId);
        return release.Refund is { } refund
            ? provider.RefundAsync(new ProviderAmountOperation(release.Data, refund.Amount, refund.CurrencyCode, release.IdempotencyKey), cancellationToken)
            : provider.DeleteAsync(new ProviderOperation(release.Data, release.IdempotencyKey), cancellationToken);
    }

    private static ProviderRelease NewRelease(string collectionId, PaymentSession session, ProviderReleaseReason reason, DateTimeOffset now) =>
        new(collectionId, session.ProviderId, session.Id, session.Data, reason, now, now + FirstRetryDelay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {ProviderId} payment of session {SessionId} is given back ({Reason}; refund of {RefundAmount}, else a cancel): collection {CollectionId} does not keep it.")]
    private static partial void LogRefused(ILogger logger, string providerId, string sessionId, string collectionId, ProviderReleaseReason reason, decimal? refundAmount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing the {ProviderId} payment of session {SessionId} failed; the retry worker will try again.")]
    private static partial void LogReleaseDeferred(ILogger logger, string providerId, string sessionId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up releasing the {ProviderId} payment of session {SessionId} after {Attempts} attempts over 72 hours.")]
    private static partial void LogReleaseDead(ILogger logger, string providerId, string sessionId, int attempts, Exception exception);
}
