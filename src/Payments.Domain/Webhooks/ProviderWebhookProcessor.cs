using Microsoft.Extensions.Logging;
using Payments.Domain.Collections;
using Payments.Domain.Errors;
using Payments.Domain.Identifiers;
using Payments.Domain.Money;
using Payments.Domain.Payments;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Releases;
using Payments.Domain.Time;

namespace Payments.Domain.Webhooks;

/// <summary>
/// <c>POST /hooks/payment/{provider}</c> (spec §6.14, D6, D11): the provider verifies and interprets the webhook,
/// a redelivered event is skipped, and the event's action is applied idempotently through the same conditional
/// writes as every other change. The event is recorded as processed only after it was applied, so a failure is
/// processed again on the provider's redelivery.
/// </summary>
/// <remarks>
/// Money the provider reports for a session the collection does not keep (the session was replaced, or the collection
/// is already paid by another session) is given back: the authorization cancelled, or what was captured refunded,
/// recorded once in the collection's <see cref="RefusedProviderPayment"/> list and released by the release machinery.
/// </remarks>
public sealed partial class ProviderWebhookProcessor(
    PaymentProviderRegistry providers,
    IProcessedWebhookEvents processedEvents,
    PaymentSessionAuthorizer authorizer,
    CollectionUpdates updates,
    ProviderReleaser releaser,
    EntityIdGenerator ids,
    TimeProvider clock,
    ILogger<ProviderWebhookProcessor> logger)
{
    /// <param name="provider">The provider id without <c>pp_</c>, as in the webhook path.</param>
    /// <exception cref="WebhookVerificationException">An unknown provider, or a webhook that is not authentic.</exception>
    public async Task ProcessAsync(string provider, ProviderWebhookRequest request, CancellationToken cancellationToken)
    {
        var providerId = "pp_" + provider;
        var adapter = providers.Find(providerId) ?? throw new WebhookVerificationException($"Unknown payment provider {providerId}");
        var webhookEvent = await adapter.ParseWebhookAsync(request, cancellationToken);
        if (webhookEvent.EventId is { } eventId && await processedEvents.ContainsAsync(providerId, eventId, cancellationToken))
        {
            return;
        }

        if (webhookEvent is { CollectionId: { } collectionId, SessionId: { } sessionId })
        {
            await ApplyAsync(webhookEvent, new SessionReference(providerId, collectionId, sessionId), cancellationToken);
        }

        if (webhookEvent.EventId is { } processed)
        {
            await processedEvents.AddAsync(providerId, processed, clock.UtcNowToTheMillisecond(), cancellationToken);
        }
    }

    private Task ApplyAsync(ProviderWebhookEvent webhookEvent, SessionReference session, CancellationToken cancellationToken) =>
        webhookEvent.Action switch
        {
            WebhookAction.Authorized => AuthorizeAsync(session, webhookEvent, captured: null, cancellationToken),
            WebhookAction.Captured => CaptureAsync(session, webhookEvent, cancellationToken),
            WebhookAction.Failed => EndUnpaidAsync(session, PaymentSessionStatus.Error, webhookEvent, cancellationToken),
            WebhookAction.Canceled => EndUnpaidAsync(session, PaymentSessionStatus.Canceled, webhookEvent, cancellationToken),
            _ => Task.CompletedTask,
        };

    /// <summary>
    /// Runs the authorization operation (§6.15); false when the collection does not keep the session's money, which is
    /// then given back (refunding <paramref name="captured"/> when the provider captured it).
    /// </summary>
    private async Task<bool> AuthorizeAsync(SessionReference session, ProviderWebhookEvent webhookEvent, ProviderRefund? captured, CancellationToken cancellationToken)
    {
        try
        {
            await authorizer.AuthorizeAsync(session.CollectionId, session.SessionId, cancellationToken);
            return true;
        }
        catch (MedusaException error) when (error.Type is MedusaErrorType.NotFound or MedusaErrorType.NotAllowed)
        {
            var reason = error.Type == MedusaErrorType.NotFound ? ProviderReleaseReason.LatePayment : ProviderReleaseReason.CollectionAlreadyPaid;
            await GiveBackAsync(session, webhookEvent, reason, captured, cancellationToken);
            return false;
        }
        catch (MedusaException error) when (error.Type is MedusaErrorType.PaymentAuthorizationError or MedusaErrorType.PaymentRequiresMoreError)
        {
            // The provider's refusal is a final outcome, saved on the session by the authorization itself.
            LogAuthorizationRefused(logger, session.SessionId, error.Message);
            return true;
        }
    }

    /// <summary>
    /// Gives back money the provider holds for a session the collection does not keep: recorded once in the document,
    /// with the release record in the same write, and tried at once (the retry worker does the rest).
    /// </summary>
    private async Task GiveBackAsync(SessionReference session, ProviderWebhookEvent webhookEvent, ProviderReleaseReason reason, ProviderRefund? captured, CancellationToken cancellationToken)
    {
        if (webhookEvent.Data is not { } providerData)
        {
            LogMoneyForMissingSession(logger, session.SessionId, session.CollectionId, captured?.Amount);
            return;
        }

        try
        {
            await updates.ApplyAsync(
                session.CollectionId,
                () => MedusaException.NotFound($"PaymentCollection with id: {session.CollectionId} was not found"),
                collection => releaser.Refuse(collection, session.ProviderId, session.SessionId, providerData, reason, captured),
                cancellationToken);
        }
        catch (MedusaException error) when (error.Type == MedusaErrorType.NotFound)
        {
            LogMoneyForMissingSession(logger, session.SessionId, session.CollectionId, captured?.Amount);
        }
    }

    /// <summary>Authorizes the session if needed, then records as a capture whatever the provider received beyond the captures already recorded.</summary>
    private async Task CaptureAsync(SessionReference session, ProviderWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var received = webhookEvent.Amount;
        var currency = webhookEvent.Data is { } data && data.TryGetProperty("currency", out var code) ? code.GetString() : null;
        var captured = received is { } amount && currency is not null ? new ProviderRefund(amount, currency.ToLowerInvariant()) : null;
        if (!await AuthorizeAsync(session, webhookEvent, captured, cancellationToken))
        {
            return;
        }

        await updates.ApplyAsync(
            session.CollectionId,
            () => MedusaException.NotFound($"PaymentCollection with id: {session.CollectionId} was not found"),
            collection =>
            {
                var paymentId = collection.Sessions.Find(candidate => candidate.Id == session.SessionId)?.PaymentId;
                if (paymentId is null || collection.FindPayment(paymentId) is not { } payment || received is not { } total)
                {
                    return CollectionChange<bool>.Unchanged(false);
                }

                // Never more than the payment's amount: the provider's rounding to whole units must not over-capture.
                var target = Math.Min(total, payment.Amount);
                var alreadyCaptured = payment.Captured();
                if (Currency.RoundForComparison(alreadyCaptured, payment.CurrencyCode) >= Currency.RoundForComparison(target, payment.CurrencyCode))
                {
                    return CollectionChange<bool>.Unchanged(false);
                }

                var now = clock.UtcNowToTheMillisecond();
                var withCapture = (payment with
                {
                    Captures = payment.Captures.Add(new Capture
                    {
                        Id = ids.NewId(EntityIdPrefix.Capture),
                        PaymentId = payment.Id,
                        Amount = target - alreadyCaptured,
                        CreatedBy = null,
                        CreatedAt = now,
                        UpdatedAt = now,
                    }),
                    UpdatedAt = now,
                }).WithCapturedAt(now);
                return CollectionChange<bool>.Write(CollectionRecomputation.Recompute(collection.WithPayment(withCapture), now), true);
            },
            cancellationToken);
    }

    /// <summary>D11: a failed or canceled provider payment shows on its session, unless money was already authorized.</summary>
    private async Task EndUnpaidAsync(SessionReference session, PaymentSessionStatus status, ProviderWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        try
        {
            await updates.ApplyAsync(
                session.CollectionId,
                () => MedusaException.NotFound($"PaymentCollection with id: {session.CollectionId} was not found"),
                collection =>
                {
                    var current = collection.Sessions.Find(candidate => candidate.Id == session.SessionId);
                    if (current is null || current.Status == PaymentSessionStatus.Authorized || current.PaymentId is not null)
                    {
                        return CollectionChange<bool>.Unchanged(false);
                    }

                    var ended = current with
                    {
                        Status = status,
                        Data = webhookEvent.Data ?? current.Data,
                        UpdatedAt = clock.UtcNowToTheMillisecond(),
                    };
                    return CollectionChange<bool>.Write(collection.WithSession(ended), true);
                },
                cancellationToken);
        }
        catch (MedusaException error) when (error.Type == MedusaErrorType.NotFound)
        {
            LogSessionGone(logger, session.SessionId, session.CollectionId);
        }
    }

    private readonly record struct SessionReference(string ProviderId, string CollectionId, string SessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook for session {SessionId} of collection {CollectionId} ignored: the session is no longer the collection's.")]
    private static partial void LogSessionGone(ILogger logger, string sessionId, string collectionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook authorization of session {SessionId} refused by the provider: {Reason}")]
    private static partial void LogAuthorizationRefused(ILogger logger, string sessionId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The provider holds {Amount} for session {SessionId} of collection {CollectionId}, which cannot be given back automatically (no collection, or no provider data in the event): the money needs an operator.")]
    private static partial void LogMoneyForMissingSession(ILogger logger, string sessionId, string collectionId, decimal? amount);
}
