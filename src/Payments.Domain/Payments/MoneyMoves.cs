using Payments.Domain.Collections;
using Payments.Domain.Commerce;
using Payments.Domain.Configuration;
using Payments.Domain.Errors;
using Payments.Domain.Identifiers;
using Payments.Domain.Ports;
using Payments.Domain.Providers;
using Payments.Domain.Time;

namespace Payments.Domain.Payments;

/// <summary>What a capture or refund asks for besides its amount: Medusa's refund reason and note, and the caller.</summary>
/// <param name="IntentKey">The caller's <c>Idempotency-Key</c> within its scope, when it sent one.</param>
public sealed record MoveAsk(MoneyMoveKind Kind, decimal? Amount, string? IntentKey, string? CreatedBy, string? RefundReasonId = null, string? Note = null)
{
    public ChangeSource Source { get; init; } = ChangeSource.Service;
}

/// <summary>
/// Captures and refunds payments (spec §6.6, §6.7) in two writes around the provider's call: the move is reserved in the
/// document (<see cref="PaymentCollection.ReserveMove"/>, which checks the limits against every confirmed and pending
/// move), sent to the provider with the move's id as its idempotency key, and settled with the provider's answer
/// (<see cref="PaymentCollection.SettleMove"/>). The reservation also records a reconciliation, due once the request can
/// no longer be moving the money, which settles the move from the provider's ledger if the request never did.
/// </summary>
public sealed class MoneyMoves(
    PaymentLookup payments,
    CollectionWriter writer,
    PaymentProviderRegistry providers,
    IRefundReasonStore refundReasons,
    IEntityIndex index,
    EntityIdGenerator ids,
    CommerceModule module,
    TimeProvider clock)
{
    /// <param name="notFound">Medusa's not-found error of the route (its wording differs between capture and refund).</param>
    public async Task<PaymentInCollection> MoveAsync(string paymentId, MoveAsk ask, Func<MedusaException> notFound, CancellationToken cancellationToken)
    {
        var target = new CollectionTarget(await payments.CollectionIdOfAsync(paymentId, notFound, cancellationToken), notFound);
        if (ask.RefundReasonId is { } reasonId && await refundReasons.FindAsync(reasonId, cancellationToken) is not { Reason.DeletedAt: null })
        {
            throw MedusaException.NotFound($"RefundReason id not found: {reasonId}");
        }

        var request = new MoveRequest(
            ask.Kind,
            ids.NewId(ask.Kind == MoneyMoveKind.Capture ? EntityIdPrefix.Capture : EntityIdPrefix.Refund),
            ask.Amount,
            ask.IntentKey,
            ask.CreatedBy,
            ask.RefundReasonId,
            ask.Note);
        if (module.IsEnabled)
        {
            // The module may name the capture or refund by id alone.
            await index.AddAsync(request.MoveId, target.CollectionId, cancellationToken);
        }

        var now = clock.UtcNowToTheMillisecond();
        var reservation = await writer.DecideAsync(target, collection => collection.ReserveMove(paymentId, request, notFound, now), cancellationToken);
        if (reservation.Result.ToSend is not { } move)
        {
            return reservation.Result.Current;
        }

        var settlement = await SendAsync(target, reservation.Result.Current.Payment, move, ask.Source, reservation.Current);
        return settlement.Failure is { } failure ? throw failure : settlement.Current;
    }

    /// <summary>
    /// Sends a reserved move to its provider and records the answer. Neither the client nor the deadline stops it: money
    /// may move, and what moved is recorded.
    /// </summary>
    public async Task<MoveSettlement> SendAsync(CollectionTarget target, Payment payment, MoneyMove move, ChangeSource source, VersionedCollection? known = null)
    {
        var outcome = await AskProviderAsync(payment, move);
        var now = clock.UtcNowToTheMillisecond();
        var announce = module.Announces(source);
        var settled = await writer.DecideAsync(
            target with { Settles = true, AcceptsTombstone = true },
            collection => collection.SettleMove(payment.Id, move, outcome, now, announce),
            CancellationToken.None,
            known);
        return settled.Result;
    }

    private async Task<MoveOutcome> AskProviderAsync(Payment payment, MoneyMove move)
    {
        var provider = providers.Get(payment.ProviderId);
        var operation = new ProviderAmountOperation(
            payment.Data,
            move.Amount,
            payment.CurrencyCode,
            IdempotencyKey: move.Id);
        try
        {
            var moved = move.Kind == MoneyMoveKind.Capture
                ? await provider.CaptureAsync(operation, CancellationToken.None)
                : await provider.RefundAsync(operation, CancellationToken.None);
            return new MoveOutcome.Moved(moved.PaymentData, moved.Reference);
        }
        catch (ProviderRefusedException refused)
        {
            return new MoveOutcome.Refused(MedusaException.RefusedByProvider(MedusaErrorType.InvalidData, refused));
        }
        catch (SecretSettingUnusableException unusable)
        {
            return new MoveOutcome.Refused(unusable);
        }
        catch (Exception unanswered)
        {
            // An outage (502), or a failure nobody foresaw (500): either way the money may have moved.
            return new MoveOutcome.Unanswered(unanswered);
        }
    }
}
