using Microsoft.Extensions.Logging;
using Payments.Domain.Collections;
using Payments.Domain.Commerce;
using Payments.Domain.Errors;
using Payments.Domain.Identifiers;
using Payments.Domain.Outbox;
using Payments.Domain.Payments;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Time;

namespace Payments.Domain.Reconciliation;

/// <summary>
/// Asks a session's provider what became of it and records the answer (docs/storage.md, "Reconciliation"): for a session
/// with a Payment, the payment's captures and refunds are made what the provider's ledger says
/// (<see cref="PaymentCollection.Reconcile"/>); for a session still without a final status, its authorization is read
/// and recorded as a webhook would have. It only reads the provider: money moves only when a caller asked for it.
/// </summary>
public sealed partial class ProviderReconciler(
    PaymentProviderRegistry providers,
    CollectionWriter writer,
    MoneyMoves moves,
    PaymentSessionAuthorizer authorizer,
    CommerceModule module,
    EntityIdGenerator ids,
    TimeProvider clock,
    ILogger<ProviderReconciler> logger)
{
    /// <returns>Done, or when to ask again (moves the provider may still be making, a session still undecided).</returns>
    public async Task<OutboxHandled> ReconcileAsync(string collectionId, string sessionId, CancellationToken cancellationToken)
    {
        var target = new CollectionTarget(collectionId, () => MedusaException.NotFound($"PaymentCollection with id: {collectionId} was not found"))
        {
            AcceptsTombstone = true,
            Settles = true,
        };
        VersionedCollection known;
        try
        {
            known = await writer.ReadAsync(target, cancellationToken);
        }
        catch (MedusaException gone) when (gone.Type == MedusaErrorType.NotFound)
        {
            return OutboxHandled.Done;
        }

        var collection = known.Collection;
        if (collection.Payments.Find(payment => payment.PaymentSessionId == sessionId) is { } payment)
        {
            return await ReconcilePaymentAsync(target, payment, known, cancellationToken);
        }

        return collection.DeletedAt is null && collection.Sessions.Find(session => session.Id == sessionId) is { Status: var status } session && IsUndecided(status)
            ? await ReconcileSessionAsync(target, session, known, cancellationToken)
            : OutboxHandled.Done;
    }

    private static bool IsUndecided(PaymentSessionStatus status) =>
        status is PaymentSessionStatus.Pending or PaymentSessionStatus.RequiresMore or PaymentSessionStatus.PendingAuthorization;

    private async Task<OutboxHandled> ReconcilePaymentAsync(CollectionTarget target, Payment payment, VersionedCollection known, CancellationToken cancellationToken)
    {
        var provider = providers.Get(payment.ProviderId);
        if (await provider.ReadLedgerAsync(new ProviderOperation(payment.Data, payment.PaymentSessionId), cancellationToken) is not { } ledger)
        {
            // A provider without a ledger moves no money: its pending moves are settled by sending them again, same keys.
            foreach (var move in payment.PendingMoves)
            {
                await moves.SendAsync(target, payment, move, ChangeSource.Service);
            }

            return OutboxHandled.Done;
        }

        var now = clock.UtcNowToTheMillisecond();
        var change = await writer.DecideAsync(target, collection => collection.Reconcile(payment.Id, ledger, ids.NewId, now, module.Announces(ChangeSource.Service)), cancellationToken, known);
        var result = change.Result;
        if (result.Changes > 0)
        {
            LogReconciled(logger, payment.Id, target.CollectionId, result.Confirmed, result.Dropped, result.Added);
        }

        return result.MovesRemainPending ? OutboxHandled.Again(now + OutboxTiming.MoveSettlesWithin) : OutboxHandled.Done;
    }

    /// <summary>
    /// A session whose provider has not reported a final status: its authorization is read and recorded. Still undecided,
    /// it is asked again after as long as it has existed (so ever less often), for up to the outbox's 72 hours.
    /// </summary>
    private async Task<OutboxHandled> ReconcileSessionAsync(CollectionTarget target, PaymentSession session, VersionedCollection known, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowToTheMillisecond();
        var age = now - session.CreatedAt;
        if (age >= OutboxDispatcher.GiveUpAfter)
        {
            LogSessionAbandoned(logger, session.Id, target.CollectionId);
            return OutboxHandled.Done;
        }

        var result = await authorizer.AskProviderAsync(session, cancellationToken);
        switch (result.Status)
        {
            case PaymentSessionStatus.Authorized or PaymentSessionStatus.Captured:
                var authorization = authorizer.NewAuthorization(session, result, ChangeSource.Service);
                await authorizer.RecordAsync(target.CollectionId, authorization, collection => collection.Authorize(authorization, now), cancellationToken, known);
                return OutboxHandled.Done;
            case PaymentSessionStatus.Error or PaymentSessionStatus.Canceled:
                await writer.DecideAsync(target, collection => collection.EndUnpaidSession(session.Id, result.Status, result.Data, now), cancellationToken, known);
                return OutboxHandled.Done;
            default:
                return OutboxHandled.Again(now + age);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciled payment {PaymentId} of collection {CollectionId} with its provider's ledger: {Confirmed} moves confirmed, {Dropped} dropped (never made), {Added} made outside this API added.")]
    private static partial void LogReconciled(ILogger logger, string paymentId, string collectionId, int confirmed, int dropped, int added);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} of collection {CollectionId} stayed undecided for 72 hours; reconciliation stops asking its provider.")]
    private static partial void LogSessionAbandoned(ILogger logger, string sessionId, string collectionId);
}
