using System.Text.Json;
using Payments.Domain.Errors;
using Payments.Domain.Money;
using Payments.Domain.Outbox;
using Payments.Domain.Providers;

namespace Payments.Domain.Collections;

/// <summary>
/// A change of a collection's own fields asked for by the commerce backend's module (docs/module-api.md §4.2); a null
/// leaves the field as it is. <paramref name="Amount"/> is exact, as the backend gave it.
/// </summary>
public sealed record CollectionUpdate(decimal? Amount, string? CurrencyCode, PaymentCollectionStatus? Status, bool MetadataGiven, JsonElement? Metadata);

/// <summary>The rules the commerce backend's module needs beyond the public routes' (docs/module-api.md §4, §6).</summary>
public sealed partial record PaymentCollection
{
    /// <summary>How many ended sessions a collection keeps findable: Medusa reads those it ended a moment ago, never old ones.</summary>
    public const int EndedSessionsKept = 10;

    /// <summary>The collection's amount as the commerce backend knows it: exact, as it gave it.</summary>
    public decimal ShownAmount => ExactAmount ?? Amount;

    /// <summary>A live session or an ended one, by id.</summary>
    public PaymentSession? FindSession(string sessionId) =>
        Sessions.Find(session => session.Id == sessionId) ?? EndedSessions.Find(session => session.Id == sessionId);

    /// <summary>
    /// The collection without <paramref name="ended"/> among its live sessions: they join its ended sessions with
    /// <c>deleted_at</c> set, the oldest of those dropped beyond <see cref="EndedSessionsKept"/>.
    /// </summary>
    public PaymentCollection WithSessionsEnded(IReadOnlyCollection<PaymentSession> ended, DateTimeOffset now)
    {
        if (ended.Count == 0)
        {
            return this;
        }

        var endedIds = ended.Select(session => session.Id).ToHashSet(StringComparer.Ordinal);
        var kept = EndedSessions.AddRange(ended.Select(session => session with { DeletedAt = now }));
        return this with
        {
            Sessions = Sessions.RemoveAll(session => endedIds.Contains(session.Id)),
            EndedSessions = kept.Count > EndedSessionsKept ? kept.RemoveRange(0, kept.Count - EndedSessionsKept) : kept,
        };
    }

    /// <summary>
    /// The backend's change of the collection's amount, currency, status or metadata (§4.2). The amount is kept exact and
    /// its whole minor units become <see cref="Amount"/> (the one rounding rule). A live session still waiting for the
    /// shopper with another amount or currency ends, its provider payment released, so it cannot be authorized for a
    /// stale total; a session with a payment is never ended by it. The status is recomputed unless the change sets it.
    /// </summary>
    public Decision<PaymentCollection> Update(CollectionUpdate update, DateTimeOffset now)
    {
        var currencyCode = update.CurrencyCode?.ToLowerInvariant() ?? CurrencyCode;
        var exact = update.Amount ?? ShownAmount;
        var amount = Currency.RoundToMinorUnit(exact, currencyCode);
        var stale = Sessions
            .Where(session => session is { PaymentId: null, Status: PaymentSessionStatus.Pending or PaymentSessionStatus.RequiresMore }
                && (session.Amount != amount || session.CurrencyCode != currencyCode))
            .ToList();
        var moneyChanged = amount != Amount || currencyCode != CurrencyCode || exact != ShownAmount;
        var statusChanged = update.Status is { } status && status != Status;
        if (!moneyChanged && !statusChanged && stale.Count == 0 && !update.MetadataGiven)
        {
            return Decision<PaymentCollection>.Keep(this);
        }

        var updated = (this with
        {
            Amount = amount,
            ExactAmount = exact == amount ? null : exact,
            CurrencyCode = currencyCode,
            Metadata = update.MetadataGiven ? update.Metadata : Metadata,
            UpdatedAt = now,
        }).WithSessionsEnded(stale, now);
        if (moneyChanged || stale.Count > 0)
        {
            updated = updated.Recomputed(now);
        }

        updated = update.Status is { } newStatus ? updated with { Status = newStatus } : updated;
        return Decision<PaymentCollection>.Write(updated, updated, Releases(stale, ProviderReleaseReason.Superseded, now));
    }

    /// <summary>
    /// Ends the live session <paramref name="sessionId"/> and releases its provider payment (§4.3). A session already
    /// ended, or of a deleted collection, changes nothing: Medusa deletes the sessions it read while a new one replaces
    /// them. A session whose payment holds money is not deleted: the money belongs to an order.
    /// </summary>
    public Decision<bool> DeleteSession(string sessionId, DateTimeOffset now)
    {
        if (DeletedAt is not null || EndedSessions.Exists(session => session.Id == sessionId))
        {
            return Decision<bool>.Keep(false);
        }

        var session = Sessions.Find(candidate => candidate.Id == sessionId) ?? throw SessionNotFound(sessionId);
        if (session.PaymentId is { } paymentId && FindPayment(paymentId) is { CanceledAt: null })
        {
            throw MedusaException.NotAllowed($"Payment session {sessionId} has a payment");
        }

        var updated = WithSessionsEnded([session], now).Recomputed(now);
        return Decision<bool>.Write(updated, true, Releases([session], ProviderReleaseReason.Superseded, now));
    }

    /// <summary>
    /// The cart (and its region) a collection the backend created pays for, learnt from the cart (§6.2). A collection
    /// keeps the one cart it was made for.
    /// </summary>
    public Decision<PaymentCollection> RecordCart(string cartId, string regionId, DateTimeOffset now)
    {
        if (CartId is { } known && known != cartId)
        {
            throw MedusaException.InvalidData($"Payment collection {Id} pays for another cart than {cartId}.");
        }

        if (CartId == cartId && RegionId == regionId)
        {
            return Decision<PaymentCollection>.Keep(this);
        }

        var updated = this with { CartId = cartId, RegionId = regionId };
        return Decision<PaymentCollection>.Write(updated, updated);
    }

    /// <summary>
    /// The module's notice that the collection's cart was completed into an order (§4.6): the cart, the order, and the
    /// sessions live now, the only ones that may still be authorized. The same cart again changes nothing.
    /// </summary>
    public Decision<PaymentCollection> RecordCartCompletion(string cartId, string orderId, DateTimeOffset now)
    {
        if (CartId is { } known && known != cartId)
        {
            throw MedusaException.InvalidData($"Payment collection {Id} pays for another cart than {cartId}.");
        }

        if (CartCompletion is not null)
        {
            return Decision<PaymentCollection>.Keep(this);
        }

        var completed = this with
        {
            CartId = cartId,
            OrderId = orderId,
            CartCompletion = new CartCompletion(now, [.. Sessions.Select(session => session.Id)]),
        };
        return Decision<PaymentCollection>.Write(completed, completed);
    }

    /// <summary>
    /// Whether the collection takes a new session (§4.3, §6.3): never once its cart was completed (Medusa's wording), and
    /// in module mode never while a payment holds money for it — before the completion is reported that is what shows
    /// that Medusa's completion, which authorizes last, has run.
    /// </summary>
    public void EnsureTakesNewSession(bool guardsPaidCollection)
    {
        if (CartCompletion is not null)
        {
            throw OpenCarts.Completed(CartId!);
        }

        if (guardsPaidCollection && LivePayment() is not null)
        {
            throw MedusaException.NotAllowed($"Payment collection {Id} is already paid");
        }
    }

    /// <summary>
    /// Cancels a payment's authorization (§4.4): recorded here, and its provider payment released through the outbox. A
    /// canceled payment answers itself; one with captures keeps its money, so it cannot be canceled.
    /// </summary>
    public Decision<PaymentInCollection> CancelPayment(string paymentId, Func<MedusaException> notFound, DateTimeOffset now)
    {
        var payment = FindPayment(paymentId) ?? throw notFound();
        if (payment.CanceledAt is not null)
        {
            return Decision<PaymentInCollection>.Keep(new PaymentInCollection(this, payment));
        }

        if (!payment.Captures.IsEmpty || payment.PendingMoves.Exists(move => move.Kind == MoneyMoveKind.Capture))
        {
            throw MedusaException.NotAllowed($"The payment: {paymentId} has been captured and cannot be canceled.");
        }

        var canceled = payment with { CanceledAt = now, UpdatedAt = now };
        var updated = WithPayment(canceled);
        var release = payment.ProviderId == SystemPaymentProvider.ProviderId
            ? []
            : new[] { new ProviderRelease(payment.ProviderId, payment.PaymentSessionId, payment.Data, ProviderReleaseReason.PaymentCanceled) { DueAt = now + OutboxTiming.FirstRetryDelay } };
        return Decision<PaymentInCollection>.Write(updated, new PaymentInCollection(updated, canceled), release);
    }

    private Payment? LivePayment() => Payments.Find(payment => payment.CanceledAt is null);
}
