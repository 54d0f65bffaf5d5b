using System.Text.Json;
using Microsoft.Extensions.Logging;
using Payments.Domain.Collections;
using Payments.Domain.Commerce;
using Payments.Domain.Errors;
using Payments.Domain.Outbox;
using Payments.Domain.Payments;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Reconciliation;
using Payments.Domain.Time;

namespace Payments.Domain.Webhooks;

/// <summary>
/// <c>POST /hooks/payment/{provider}</c> (spec §6.14, D6, D11): the provider verifies and interprets the webhook, a
/// redelivered event is skipped, and the event is applied through the same rules as every other change. The event is
/// recorded as processed only after it was applied, so a failure is processed again on the provider's redelivery; and a
/// failure also records a reconciliation of the session, so that what the event reported is recorded even if the
/// provider stops redelivering.
/// </summary>
/// <remarks>
/// Money the provider reports for a session the collection does not keep (replaced, its collection deleted or already
/// paid by another session) is given back: recorded once in the collection's <see cref="RefusedProviderPayment"/> list,
/// with the release in the same write.
/// </remarks>
public sealed partial class ProviderWebhookProcessor(
    PaymentProviderRegistry providers,
    IProcessedWebhookEvents processedEvents,
    PaymentSessionAuthorizer authorizer,
    ProviderReconciler reconciler,
    CollectionWriter writer,
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
            var session = new SessionReference(providerId, collectionId, sessionId);
            try
            {
                await ApplyAsync(webhookEvent, session, cancellationToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await RemindAsync(session);
                throw;
            }
        }

        if (webhookEvent.EventId is { } processed)
        {
            await processedEvents.AddAsync(providerId, processed, clock.UtcNowToTheMillisecond(), cancellationToken);
        }
    }

    private async Task ApplyAsync(ProviderWebhookEvent webhookEvent, SessionReference session, CancellationToken cancellationToken)
    {
        switch (webhookEvent.Action)
        {
            case WebhookAction.Authorized:
                await AcceptMoneyAsync(session, webhookEvent, cancellationToken);
                break;
            case WebhookAction.Captured:
                if (await AcceptMoneyAsync(session, webhookEvent, cancellationToken))
                {
                    await reconciler.ReconcileAsync(session.CollectionId, session.SessionId, cancellationToken);
                }

                break;
            case WebhookAction.MoneyMoved:
                await reconciler.ReconcileAsync(session.CollectionId, session.SessionId, cancellationToken);
                break;
            case WebhookAction.Failed:
                await EndUnpaidAsync(session, PaymentSessionStatus.Error, webhookEvent, cancellationToken);
                break;
            case WebhookAction.Canceled:
                await EndUnpaidAsync(session, PaymentSessionStatus.Canceled, webhookEvent, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// The provider holds money for the session: the authorization is recorded as §6.15 records it (the provider asked
    /// again for its current answer), or, when the collection does not keep the session, the money is given back. True
    /// when the session's Payment holds it.
    /// </summary>
    private async Task<bool> AcceptMoneyAsync(SessionReference reference, ProviderWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var target = Target(reference);
        VersionedCollection known;
        try
        {
            known = await writer.ReadAsync(target, cancellationToken);
        }
        catch (MedusaException gone) when (gone.Type == MedusaErrorType.NotFound)
        {
            LogMoneyForMissingCollection(logger, reference.SessionId, reference.CollectionId, webhookEvent.Amount);
            return false;
        }

        var collection = known.Collection;
        var session = collection.DeletedAt is null ? collection.Sessions.Find(candidate => candidate.Id == reference.SessionId) : null;
        if (session is null)
        {
            await GiveBackAsync(reference, webhookEvent, collection.DeletedAt is null ? ProviderReleaseReason.LatePayment : ProviderReleaseReason.CollectionDeleted, known, cancellationToken);
            return false;
        }

        if (session is { Status: PaymentSessionStatus.Authorized, PaymentId: not null })
        {
            return true;
        }

        ProviderAuthorizeResult result;
        try
        {
            result = await authorizer.AskProviderAsync(session, cancellationToken);
        }
        catch (MedusaException refused) when (refused.Type == MedusaErrorType.PaymentAuthorizationError)
        {
            LogAuthorizationRefused(logger, session.Id, refused.Message);
            return false;
        }

        var authorization = authorizer.NewAuthorization(session, result, ChangeSource.Service);
        var now = clock.UtcNowToTheMillisecond();
        var outcome = (await authorizer.RecordAsync(reference.CollectionId, authorization, current => current.Authorize(authorization, now), cancellationToken, known)).Result;
        if (outcome.Failure is { } failure)
        {
            // A refusal by the provider is saved on the session; money the collection refused was given back with it.
            LogAuthorizationRefused(logger, session.Id, failure.Message);
        }

        return outcome.Payment is not null;
    }

    /// <summary>Gives back money the provider holds for a session the collection does not keep, once however often it is reported.</summary>
    private async Task GiveBackAsync(SessionReference reference, ProviderWebhookEvent webhookEvent, ProviderReleaseReason reason, VersionedCollection known, CancellationToken cancellationToken)
    {
        if (webhookEvent.Data is not { } providerData)
        {
            LogMoneyForMissingCollection(logger, reference.SessionId, reference.CollectionId, webhookEvent.Amount);
            return;
        }

        var captured = webhookEvent.Action == WebhookAction.Captured && webhookEvent.Amount is { } amount && CurrencyOf(providerData) is { } currency
            ? new ProviderRefund(amount, currency)
            : null;
        var now = clock.UtcNowToTheMillisecond();
        var change = await writer.DecideAsync(
            Target(reference),
            collection => collection.RefuseProviderMoney(reference.ProviderId, reference.SessionId, providerData, reason, captured, now),
            cancellationToken,
            known);
        if (change.Result)
        {
            LogGivenBack(logger, reference.ProviderId, reference.SessionId, reason, captured?.Amount, reference.CollectionId);
        }
    }

    /// <summary>D11: a failed or canceled provider payment shows on its session, unless money was already authorized.</summary>
    private async Task EndUnpaidAsync(SessionReference reference, PaymentSessionStatus status, ProviderWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowToTheMillisecond();
        try
        {
            await writer.DecideAsync(Target(reference), collection => collection.EndUnpaidSession(reference.SessionId, status, webhookEvent.Data, now), cancellationToken);
        }
        catch (MedusaException error) when (error.Type == MedusaErrorType.NotFound)
        {
            LogSessionGone(logger, reference.SessionId, reference.CollectionId);
        }
    }

    /// <summary>A reconciliation of the session, so that what the event reported is recorded whatever the provider does next.</summary>
    private async Task RemindAsync(SessionReference reference)
    {
        try
        {
            await writer.RecordAsync(reference.CollectionId, [new ProviderReconciliation(reference.SessionId) { DueAt = clock.UtcNowToTheMillisecond() + OutboxTiming.MoveSettlesWithin }]);
        }
        catch (Exception exception)
        {
            LogReminderLost(logger, reference.SessionId, reference.CollectionId, exception);
        }
    }

    /// <summary>The currency of the provider's payment data (the PaymentIntent's <c>currency</c>), lower case.</summary>
    private static string? CurrencyOf(JsonElement providerData) =>
        providerData.ValueKind == JsonValueKind.Object && providerData.TryGetProperty("currency", out var code) && code.ValueKind == JsonValueKind.String
            ? code.GetString()!.ToLowerInvariant()
            : null;

    private static CollectionTarget Target(SessionReference reference) =>
        new(reference.CollectionId, () => MedusaException.NotFound($"PaymentCollection with id: {reference.CollectionId} was not found")) { AcceptsTombstone = true };

    private readonly record struct SessionReference(string ProviderId, string CollectionId, string SessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook for session {SessionId} of collection {CollectionId} ignored: the session is no longer the collection's.")]
    private static partial void LogSessionGone(ILogger logger, string sessionId, string collectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {ProviderId} payment of session {SessionId} is given back ({Reason}; refund of {RefundAmount}, else a cancel): collection {CollectionId} does not keep it.")]
    private static partial void LogGivenBack(ILogger logger, string providerId, string sessionId, ProviderReleaseReason reason, decimal? refundAmount, string collectionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook authorization of session {SessionId} refused: {Reason}")]
    private static partial void LogAuthorizationRefused(ILogger logger, string sessionId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The provider holds {Amount} for session {SessionId} of collection {CollectionId}, which cannot be given back automatically (no collection, or no provider data in the event): the money needs an operator.")]
    private static partial void LogMoneyForMissingCollection(ILogger logger, string sessionId, string collectionId, decimal? amount);

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook for session {SessionId} of collection {CollectionId} failed, and its reconciliation could not be recorded either: the provider's redelivery is the remaining way to apply it.")]
    private static partial void LogReminderLost(ILogger logger, string sessionId, string collectionId, Exception exception);
}
