using Payments.Domain.Commerce;
using Payments.Domain.Errors;
using Payments.Domain.Outbox;
using Payments.Domain.Ports;
using Payments.Domain.Providers;

namespace Payments.Domain.Collections;

/// <summary>
/// What an authorization ended in: the collection as written, the session's Payment when it has one, and the error to
/// answer when the provider did not authorize (422) or the collection refused the money (4xx; the money is then given
/// back by the same write).
/// </summary>
public sealed record AuthorizationOutcome(PaymentCollection Collection, Payment? Payment, MedusaException? Failure);

/// <summary>
/// The provider's answer to authorizing a session, with the ids of what it creates: its Payment and, when the provider
/// captured on authorization or the caller marks the collection as paid, its first capture.
/// </summary>
/// <param name="Session">The session as it was when the provider was asked.</param>
/// <param name="CapturedBy">Mark-as-paid's actor: the whole amount is then captured by a capture of theirs, sent to the provider after the write.</param>
public sealed record Authorization(PaymentSession Session, ProviderAuthorizeResult Result, string PaymentId, string CaptureId, string? CapturedBy = null)
{
    /// <summary>Whether the commerce backend's module is told of the authorization (docs/module-api.md §5).</summary>
    public bool Announce { get; init; }
}

public sealed partial record PaymentCollection
{
    /// <summary>
    /// The session to ask its provider to authorize, or null when it is authorized already (spec §6.15: answered as it
    /// is, with no provider call). Refused before the provider is asked when the collection is already paid by another
    /// session (a collection is paid at most once).
    /// </summary>
    public PaymentSession? SessionToAuthorize(string sessionId)
    {
        var session = Sessions.Find(candidate => candidate.Id == sessionId) ?? throw SessionNotFound(sessionId);
        if (session is { Status: PaymentSessionStatus.Authorized, PaymentId: not null })
        {
            return null;
        }

        return LivePaymentOfAnotherSession(sessionId) is { } paid ? throw AlreadyPaid(sessionId, paid)
            : OpenedAfterCartCompletion(session) ? throw OpenCarts.Completed(CartId!)
            : session;
    }

    /// <summary>
    /// Records the provider's answer to authorizing a session (spec §6.15): a Payment when it authorized, the session's
    /// status otherwise. Money the provider authorized for a session this collection no longer keeps (replaced, its
    /// collection deleted or paid by another session) is given back in the same write.
    /// </summary>
    public Decision<AuthorizationOutcome> Authorize(Authorization authorization, DateTimeOffset now)
    {
        var result = authorization.Result;
        var holdsMoney = result.Status is PaymentSessionStatus.Authorized or PaymentSessionStatus.Captured;
        var asked = authorization.Session;
        var session = DeletedAt is null ? Sessions.Find(candidate => candidate.Id == asked.Id) : null;
        if (session is { Status: PaymentSessionStatus.Authorized, PaymentId: { } paymentId })
        {
            return Decision<AuthorizationOutcome>.Keep(new AuthorizationOutcome(this, FindPayment(paymentId), Failure: null));
        }

        var refusal = session is null
            ? (DeletedAt is null ? ProviderReleaseReason.LatePayment : ProviderReleaseReason.CollectionDeleted, SessionNotFound(asked.Id))
            : LivePaymentOfAnotherSession(session.Id) is { } paid
                ? (ProviderReleaseReason.CollectionAlreadyPaid, AlreadyPaid(session.Id, paid))
                : OpenedAfterCartCompletion(session)
                    ? (ProviderReleaseReason.CartCompleted, OpenCarts.Completed(CartId!))
                    : ((ProviderReleaseReason, MedusaException)?)null;
        if (refusal is var (reason, failure))
        {
            if (!holdsMoney)
            {
                throw failure;
            }

            var captured = result.Status == PaymentSessionStatus.Captured ? new ProviderRefund(asked.Amount, asked.CurrencyCode) : null;
            return RefuseProviderMoney(asked.ProviderId, asked.Id, result.Data, reason, captured, now)
                .Answering(new AuthorizationOutcome(this, Payment: null, failure));
        }

        var reported = session! with { Status = result.Status, Data = result.Data, UpdatedAt = now };
        if (!holdsMoney)
        {
            var withStatus = WithSession(reported).Recomputed(now);
            var notAuthorized = result.Status switch
            {
                PaymentSessionStatus.PendingAuthorization => null,
                PaymentSessionStatus.RequiresMore => MedusaException.RequiresMore(),
                _ => MedusaException.AuthorizationFailed(),
            };
            return Decision<AuthorizationOutcome>.Write(withStatus, new AuthorizationOutcome(withStatus, Payment: null, notAuthorized));
        }

        var payment = NewPayment(reported, authorization, now);
        var authorized = (WithSession(reported with { Status = PaymentSessionStatus.Authorized, AuthorizedAt = session!.AuthorizedAt ?? now, PaymentId = payment.Id })
            with { Payments = Payments.Add(payment) }).Recomputed(now);
        var outbox = new List<OutboxMessage>
        {
            new PaymentIndexing(PaymentIndexEntry.Of(payment)) { DueAt = now + OutboxTiming.FirstRetryDelay },
        };
        if (!payment.PendingMoves.IsEmpty)
        {
            outbox.Add(new ProviderReconciliation(session.Id) { DueAt = now + OutboxTiming.MoveSettlesWithin });
        }

        if (authorization.Announce)
        {
            outbox.Add(CommerceEvent.SessionAuthorized(session, Id, captured: result.Status == PaymentSessionStatus.Captured, now));
        }

        return Decision<AuthorizationOutcome>.Write(authorized, new AuthorizationOutcome(authorized, payment, Failure: null), outbox);
    }

    /// <summary>
    /// The Payment of an authorization. A provider that captured on authorization moved the whole amount: its capture is
    /// confirmed. Mark-as-paid's capture is reserved, to be sent to the provider like any capture.
    /// </summary>
    private Payment NewPayment(PaymentSession session, Authorization authorization, DateTimeOffset now)
    {
        var payment = new Payment
        {
            Id = authorization.PaymentId,
            CurrencyCode = session.CurrencyCode,
            Amount = session.Amount,
            ProviderId = session.ProviderId,
            Data = authorization.Result.Data,
            PaymentCollectionId = Id,
            PaymentSessionId = session.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (authorization.Result.Status == PaymentSessionStatus.Captured)
        {
            var capture = new Capture { Id = authorization.CaptureId, PaymentId = payment.Id, Amount = payment.Amount, CreatedAt = now, UpdatedAt = now };
            return payment with { Captures = [capture], CapturedAt = now };
        }

        return authorization.CapturedBy is { } actor
            ? payment with
            {
                PendingMoves =
                [
                    new MoneyMove { Id = authorization.CaptureId, Kind = MoneyMoveKind.Capture, Amount = payment.Amount, CreatedBy = actor, ReservedAt = now },
                ],
            }
            : payment;
    }

    /// <summary>A session the collection did not have when its cart's completion was reported (§6.3 of docs/module-api.md).</summary>
    private bool OpenedAfterCartCompletion(PaymentSession session) =>
        CartCompletion is { } completion && !completion.LiveSessionIds.Contains(session.Id);

    private Payment? LivePaymentOfAnotherSession(string sessionId) =>
        Payments.Find(payment => payment.CanceledAt is null && payment.PaymentSessionId != sessionId);

    private MedusaException AlreadyPaid(string sessionId, Payment paid) =>
        MedusaException.NotAllowed($"Payment collection {Id} is already paid by payment {paid.Id}; session {sessionId} cannot be authorized.");

    private static MedusaException SessionNotFound(string sessionId) =>
        MedusaException.NotFound($"PaymentSession with id: {sessionId} was not found");
}
